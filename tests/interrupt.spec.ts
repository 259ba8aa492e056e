// A run stopped by a signal, as Ctrl-C or a CI runner sends one: no process of
// the run survives it, running clean-ups get their grace, the report is marked
// interrupted and lists what is still on the target, and `conformance sweep`
// then leaves nothing with the suite's prefix on any store.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import type { ConformanceReport } from '../src/report/model';
import { startReference } from '../reference/server';
import { packageRoot } from '../src/support/paths';
import { runCli, writeProfile } from './fixtures/run-cli';

/** Two slow scenarios: one cleans up after itself, one creates a product and never deletes it. */
function slowCatalogue(dir: string): void {
  mkdirSync(join(dir, '2xx'), { recursive: true });
  const common = (id: string, title: string) => [
    `id: ${id}`,
    `title: ${title}`,
    'code: 200',
    'doc: status-codes.md row 200',
    'level: must',
    'requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]',
  ];
  const create = (name: string) => [
    '  - name: create a product',
    `    request: { method: POST, path: /v3/catalog/products, json: { name: "\${run.prefix}${name}", type: physical, weight: 1, price: 10 } }`,
    '    capture: { productId: { body: /data/id } }',
  ];
  const rest = [
    'request: { method: GET, path: "/v3/catalog/products/${productId}" }',
    'expect: { status: 200 }',
    'verify:',
    '  - name: a long wait, so the run can be interrupted',
    '    wait: { ms: 20000 }',
  ];
  writeFileSync(
    join(dir, '2xx', '200-slow-tidy.yaml'),
    [
      ...common('200-slow-tidy', 'Creates, waits, deletes'),
      'setup:',
      ...create('tidy'),
      ...rest,
      'cleanup:',
      '  - request: { method: DELETE, path: "/v3/catalog/products/${productId}" }',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, '2xx', '200-slow-leaky.yaml'),
    [...common('200-slow-leaky', 'Creates, waits, never deletes'), 'setup:', ...create('leaky'), ...rest, ''].join(
      '\n',
    ),
  );
}

/** Every descendant of a process, from /proc (Linux). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // Gone meanwhile.
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits until the run's journal (in its work folder beside the output) records `n` created objects. */
async function createdInJournal(parent: string, n: number): Promise<void> {
  await expect
    .poll(
      () => {
        const work = readdirSync(parent).find((d) => d.startsWith('.out.run-'));
        if (!work) return 0;
        try {
          return (readFileSync(join(parent, work, 'journal.jsonl'), 'utf8').match(/"t":"created"/g) ?? []).length;
        } catch {
          return 0;
        }
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(n);
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  test(`${signal} to the CLI alone stops the whole run, reports it interrupted with its leftovers, and sweep removes them`, async ({}, testInfo) => {
    const ref = await startReference();
    try {
      const parent = testInfo.outputPath('run');
      const scenarios = testInfo.outputPath('scenarios');
      slowCatalogue(scenarios);
      mkdirSync(parent, { recursive: true });
      const profile = join(parent, 'target.env');
      writeProfile(profile, ref.profile);
      let tree: number[] = [];
      const run = runCli(['run', '--profile', profile, '--output', join(parent, 'out')], {
        env: { CONFORMANCE_SCENARIOS: scenarios, CONFORMANCE_WORKERS: '2' },
        onSpawn: (pid) => {
          void createdInJournal(parent, 2).then(() => {
            tree = [pid, ...descendants(pid)];
            process.kill(pid, signal); // the CLI's pid only, as `timeout` or a CI runner does
          });
        },
      });
      const result = await run;
      expect(result.code, result.stderr).toBe(code);
      expect(tree.length).toBeGreaterThanOrEqual(3); // the CLI, Playwright's runner, its workers
      await expect.poll(() => tree.filter(alive), { timeout: 5_000 }).toEqual([]);

      const report = JSON.parse(readFileSync(join(parent, 'out', 'report.json'), 'utf8')) as ConformanceReport;
      expect(report.verdict).toBe('partial');
      expect(report.completeness).toMatchObject({ complete: false, interrupted: expect.stringContaining('stopped') });
      expect(report.scenarios.map((s) => s.status)).toEqual(['notRun', 'notRun']);
      // The tidy scenario's clean-up ran in its grace; the leaky one's product is listed as left behind.
      expect(report.leftovers.map((l) => [l.scenario, l.store])).toEqual([['200-slow-leaky', 'main']]);
      expect(result.stdout).toContain('Left on the target (1 object(s)');

      const runId = report.leftovers[0].run;
      const sweep = await runCli(['sweep', '--profile', profile, '--run-id', runId]);
      expect(sweep.code, sweep.stdout + sweep.stderr).toBe(0);
      expect(sweep.stdout).toContain(`deleted main ${report.leftovers[0].path}`);
      expect(sweep.stdout).toContain('1 object(s) deleted; 0 left.');
      const again = await runCli(['sweep', '--profile', profile, '--dry-run']);
      expect(again.code, again.stdout).toBe(0);
      expect(again.stdout).toContain('0 object(s) found');
    } finally {
      await ref.close();
    }
  });
}

test('a second signal stops at once; the journal still yields a report with the leftovers', async ({}, testInfo) => {
  const ref = await startReference();
  try {
    const parent = testInfo.outputPath('run');
    const scenarios = testInfo.outputPath('scenarios');
    slowCatalogue(scenarios);
    mkdirSync(parent, { recursive: true });
    const profile = join(parent, 'target.env');
    writeProfile(profile, ref.profile);
    // An earlier, passing run in the same folder: none of its files may pass for the interrupted run's.
    const earlier = await runCli([
      'run',
      '--profile',
      profile,
      '--output',
      join(parent, 'out'),
      '--',
      '--grep',
      '406-accept-xml',
    ]);
    expect(earlier.code).toBe(0);
    const result = await runCli(['run', '--profile', profile, '--output', join(parent, 'out')], {
      env: { CONFORMANCE_SCENARIOS: scenarios, CONFORMANCE_WORKERS: '2' },
      onSpawn: (pid) => {
        void createdInJournal(parent, 2).then(() => {
          process.kill(pid, 'SIGINT');
          setTimeout(() => process.kill(pid, 'SIGINT'), 50);
        });
      },
    });
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toContain('SIGINT again: stopping at once');
    const report = JSON.parse(readFileSync(join(parent, 'out', 'report.json'), 'utf8')) as ConformanceReport;
    expect(report.completeness.complete).toBe(false);
    expect(report.verdict).toBe('partial');
    // Killed at once: the tidy clean-up may or may not have gone through before the kill, and the journal, which
    // only believes a deletion it saw answered, errs on the side of listing it.
    expect(report.leftovers.map((l) => l.scenario)).toContain('200-slow-leaky');
    const out = (f: string) => readFileSync(join(parent, 'out', f), 'utf8');
    expect(out('summary.md')).toContain('partial');
    expect(out('index.html')).toContain('Not a complete run');
    expect(out('junit.xml')).toContain('<property name="complete" value="false"/>');
    const sweep = await runCli(['sweep', '--profile', profile]);
    expect(sweep.code, sweep.stdout + sweep.stderr).toBe(0);
    expect(sweep.stdout).toMatch(/\n[12] object\(s\) deleted; 0 left\.\n/);
    expect(sweep.stdout).toContain('-leaky)');
  } finally {
    await ref.close();
  }
});

test('a scenario past the test timeout still cleans up, and what it leaves is in the report', async ({}, testInfo) => {
  const ref = await startReference();
  try {
    const parent = testInfo.outputPath('run');
    const scenarios = testInfo.outputPath('scenarios');
    slowCatalogue(scenarios);
    mkdirSync(parent, { recursive: true });
    const profile = join(parent, 'target.env');
    writeProfile(profile, ref.profile);
    const args = ['run', '--profile', profile, '--output', join(parent, 'out'), '--', '--timeout=4000'];
    // One scenario per worker, none ahead (tests/lookahead.spec.ts has a timeout with one run ahead).
    const env = { CONFORMANCE_SCENARIOS: scenarios, CONFORMANCE_WORKERS: '2', CONFORMANCE_CONCURRENCY: '1' };
    const result = await runCli(args, { env });
    expect(result.code, result.stdout).toBe(1);
    const report = JSON.parse(readFileSync(join(parent, 'out', 'report.json'), 'utf8')) as ConformanceReport;
    expect(report.scenarios.map((s) => [s.id, s.status])).toEqual([
      ['200-slow-leaky', 'errored'],
      ['200-slow-tidy', 'errored'],
    ]);
    expect(report.scenarios[0].reason).toContain('timed out');
    expect(report.leftovers.map((l) => l.scenario)).toEqual(['200-slow-leaky']);
    expect(result.stdout).toContain('Left on the target (1 object(s)');
  } finally {
    await ref.close();
  }
});

test('a signal that lands as the run starts, workers still starting, ends it in seconds, not at the deadline', async ({}, testInfo) => {
  // Playwright can hang on a stop sent while its workers start; with nothing running there is nothing to wait for.
  const out = testInfo.outputPath('out');
  const cli = join(packageRoot(), 'dist', 'src', 'cli.js');
  const child = spawn(process.execPath, ['--', cli, 'run', '--output', out], {
    cwd: testInfo.outputPath(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let tree: number[] = [];
  let signalledAt = 0;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
    if (signalledAt || !stdout.includes('Running ')) return;
    tree = [child.pid!, ...descendants(child.pid!)];
    signalledAt = Date.now();
    child.kill('SIGTERM');
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const tookMs = Date.now() - signalledAt;
  expect(code, stdout).toBe(143);
  expect(signalledAt).toBeGreaterThan(0);
  // The hang ended only at the 20 s kill deadline before; a few seconds is the stop's own grace.
  expect(tookMs).toBeLessThan(10_000);
  await expect.poll(() => tree.filter(alive), { timeout: 5_000 }).toEqual([]);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport;
  // Playwright's own report when it stopped in time, else the one made from the journal: interrupted either way.
  expect(report.completeness).toMatchObject({ complete: false, interrupted: expect.stringMatching(/stopped/) });
  expect(report.scenarios.every((s) => s.status === 'notRun')).toBe(true);
  expect(report.leftovers).toEqual([]);
});

test('a run cut short by the global timeout after a scenario passed exits 1 and says the run is incomplete', async ({}, testInfo) => {
  const ref = await startReference();
  try {
    const scenarios = testInfo.outputPath('scenarios');
    slowCatalogue(scenarios);
    writeFileSync(
      join(scenarios, '2xx', '200-quick.yaml'),
      [
        'id: 200-quick',
        'title: A list, at once',
        'code: 200',
        'doc: status-codes.md row 200',
        'level: must',
        'requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]',
        'request: { method: GET, path: /v3/catalog/products }',
        'expect: { status: 200 }',
        '',
      ].join('\n'),
    );
    const profile = testInfo.outputPath('target.env');
    writeProfile(profile, ref.profile);
    const out = testInfo.outputPath('out');
    const r = await runCli(['run', '--profile', profile, '--output', out, '--', '--global-timeout=5000'], {
      env: { CONFORMANCE_SCENARIOS: scenarios, CONFORMANCE_WORKERS: '1' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain('Exit 1: the run is incomplete (');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport;
    expect(report.verdict).toBe('partial');
    expect(Object.fromEntries(report.scenarios.map((s) => [s.id, s.status]))).toEqual({
      '200-quick': 'passed',
      '200-slow-leaky': 'notRun',
      '200-slow-tidy': 'notRun',
    });
  } finally {
    await ref.close();
  }
});

test('a signal while the pre-flight waits on the target ends the run at once: no scenario, no report, no process left', async ({}, testInfo) => {
  // A target that takes connections and never answers: the pre-flight waits on it, and the Playwright runner,
  // started meanwhile, holds before its first scenario.
  const sockets = new Set<Socket>();
  const silent = createServer((socket) => sockets.add(socket));
  await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
  try {
    const { port } = silent.address() as AddressInfo;
    const profile = testInfo.outputPath('silent.env');
    writeProfile(profile, { TARGET_BASE_URL: `http://127.0.0.1:${port}/stores/main`, TARGET_AUTH_TOKEN: 'secret' });
    const out = testInfo.outputPath('out');
    let tree: number[] = [];
    let signalledAt = 0;
    let watch: NodeJS.Timeout | undefined;
    const r = await runCli(['run', '--profile', profile, '--output', out], {
      env: { CONFORMANCE_PREFLIGHT_TIMEOUT_MS: '60000' },
      onSpawn: (pid) => {
        watch = setInterval(() => {
          const below = descendants(pid);
          if (!below.length || !sockets.size) return;
          clearInterval(watch);
          tree = [pid, ...below];
          signalledAt = Date.now();
          process.kill(pid, 'SIGINT');
        }, 20);
      },
    }).finally(() => clearInterval(watch));
    expect(signalledAt, r.stderr).toBeGreaterThan(0);
    expect(r.code, r.stderr).toBe(130);
    // Not the pre-flight's 60 s, nor a stop's grace: nothing had started.
    expect(Date.now() - signalledAt).toBeLessThan(3_000);
    expect(r.stderr).toContain('conformance: SIGINT before the first scenario; nothing was run.\n');
    expect(r.stderr).not.toContain('cannot be reached');
    expect(r.stdout).not.toContain('Running');
    await expect.poll(() => tree.filter(alive), { timeout: 5_000 }).toEqual([]);
    // No report, no work folder, no lock: the folder is as it was.
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(testInfo.outputPath())).toEqual(['silent.env']);
  } finally {
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});
