// The `conformance` command end to end, as CI and vendors use it: real child
// processes, real reference targets on loopback, exit codes read as CI reads them.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from '../src/report/model';
import { packageRoot } from '../src/support/paths';
import { TABLE } from '../src/contract/table';
import { startReference } from '../reference/server';
import { runCli, writeProfile } from './fixtures/run-cli';

/** Serves a reference target (with mutations) while `body` runs, its profile (less any dropped variables) written to a file. */
async function withReference(
  mutations: string[],
  body: (envFile: string) => Promise<void>,
  drop = /^$/,
): Promise<void> {
  const ref = await startReference({ mutations });
  try {
    const envFile = test.info().outputPath('target.env');
    writeProfile(envFile, Object.fromEntries(Object.entries(ref.profile).filter(([k]) => !drop.test(k))));
    await body(envFile);
  } finally {
    await ref.close();
  }
}

const readReport = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ConformanceReport;
/** id → status of the scenarios a report ran (not the ones it left out). */
const statuses = (r: ConformanceReport) =>
  Object.fromEntries(r.scenarios.filter((s) => s.status !== 'notRun').map((s) => [s.id, s.status]));
const ran = (r: ConformanceReport) => r.totals.total - r.totals.notRun;

test('with no profile it runs the whole catalogue against the bundled reference and exits 0', async ({}, testInfo) => {
  const out = testInfo.outputPath('out');
  const { code, stdout } = await runCli(['run', '--output', out]);
  expect(code, stdout).toBe(0);
  expect(stdout).toContain('starting the bundled reference target');
  expect(stdout).toMatch(/^2xx\s+\d+\s+0\s+0\s+0\s+PASS$/m);
  expect(stdout).toMatch(/^5xx\s+\d+\s+0\s+0\s+0\s+PASS$/m);
  for (const f of ['report.json', 'index.html', 'junit.xml', 'summary.md'])
    expect(existsSync(join(out, f)), f).toBe(true);
  const report = readReport(out);
  expect(report.verdict).toBe('pass');
  expect(report.provenance.targetKind).toBe('reference');
  for (const row of TABLE) expect(report.codes[String(row.code)].passed, `code ${row.code}`).toBeGreaterThan(0);
  // A reviewer checks which catalogue produced a report with `conformance lint`.
  const lint = await runCli(['lint']);
  expect(lint.code).toBe(0);
  expect(lint.stdout).toContain(`scenario set sha256 ${report.provenance.scenarioSetHash}`);
});

test('a profile written by `conformance reference` in a second process gives the same result', async ({}, testInfo) => {
  const envFile = testInfo.outputPath('reference.env');
  const cli = join(packageRoot(), 'dist', 'src', 'cli.js');
  const ref = spawn(process.execPath, [cli, 'reference', '--port', '0', '--http-port', '0', '--env-out', envFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let refOut = '';
  ref.stdout.on('data', (c: Buffer) => (refOut += c));
  try {
    await expect.poll(() => refOut, { timeout: 15_000 }).toContain('reference target listening on https://127.0.0.1:');
    const profileText = readFileSync(envFile, 'utf8');
    expect(profileText).toMatch(/^TARGET_TLS_CA_FILE=/m);
    expect(refOut).not.toMatch(/TOKEN|PASSWORD/); // the profile holds credentials; the terminal never does
    const out = testInfo.outputPath('out');
    const { code, stdout } = await runCli(['run', '--profile', envFile, '--output', out]);
    expect(code, stdout).toBe(0);
    const report = readReport(out);
    expect(report.provenance.targetKind).toBe('profile');
    expect(report.totals.passed).toBe(report.totals.total);
    expect(report.totals.total).toBeGreaterThanOrEqual(36);
  } finally {
    ref.kill('SIGTERM');
  }
  const exit = await new Promise<number | null>((done) => ref.on('exit', (c) => done(c)));
  expect(exit).toBe(0);
});

test('a non-conforming target exits 1 and the report names what failed', async ({}, testInfo) => {
  await withReference(['create-200'], async (envFile) => {
    const out = testInfo.outputPath('out');
    const { code, stdout } = await runCli(['run', '--profile', envFile, '--output', out, '--', '--grep', '@2xx']);
    expect(code, stdout).toBe(1);
    expect(stdout).toMatch(/FAILED\s+201-create-product \(must\): status 200, expected 201/);
    const report = readReport(out);
    expect(report.classes['2xx'].verdict).toBe('fail');
    expect(report.scenarios.find((s) => s.id === '201-create-category')).toMatchObject({
      status: 'failed',
      run: { actual: { status: 200 } },
    });
    // --grep @2xx reached Playwright: the other classes did not run, and the report says so.
    expect(report.classes['4xx']).toMatchObject({ total: 204, notRun: 204, passed: 0 });
    expect(report.completeness).toMatchObject({ complete: false, selection: ['--grep @2xx'] });
  });
});

test('listing the scenarios runs nothing and leaves the last report alone', async ({}, testInfo) => {
  const out = testInfo.outputPath('out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'report.json'), '{"kept":true}');
  const { code, stdout } = await runCli(['run', '--output', out, '--', '--list', '--grep', '@4xx']);
  expect(code, stdout).toBe(0);
  expect(stdout).toMatch(/404-product-missing: GET, PUT or DELETE of an id that does not exist/);
  expect(stdout).not.toContain('201-create-product');
  expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('{"kept":true}');
});

test('a run cut short is never green, even when every scenario that ran passed', async ({}, testInfo) => {
  // Cut at one second: depending on the machine's load some or none of the scenarios ran; either way, not 0.
  const { code, stderr } = await runCli(['run', '--output', testInfo.outputPath('out'), '--', '--global-timeout=1000']);
  expect(code, stderr).not.toBe(0);
  expect(stderr).toMatch(/the run is incomplete|No scenario ran/);
});

test('a known-deviation file turns exactly the listed failures into known deviations, never others', async ({}, testInfo) => {
  await withReference(['create-200', 'tree-delete-204'], async (envFile) => {
    const deviations = testInfo.outputPath('deviations.yaml');
    writeFileSync(
      deviations,
      'deviations:\n' +
        '  - { scenario: 201-create-product, status: 200, reason: the target answers 200 to a POST }\n' +
        '  - { scenario: 202-delete-category-tree, status: 200, reason: listed with another status than it answers }\n' +
        '  - { scenario: 204-delete-product, status: 200, reason: "conforms now, so this entry is stale" }\n',
    );
    const out = testInfo.outputPath('out');
    const { code, stdout } = await runCli([
      'run',
      '--profile',
      envFile,
      '--output',
      out,
      '--deviations',
      deviations,
      '--',
      '--grep',
      '@2xx',
    ]);
    expect(code, stdout).toBe(1); // 201-create-category and 202 (answers 204, listed as 200) still fail
    const byId = Object.fromEntries(readReport(out).scenarios.map((s) => [s.id, s]));
    expect(byId['201-create-product']).toMatchObject({
      status: 'knownDeviation',
      deviation: { status: 200 },
      reason: expect.stringContaining('known deviation: status 200, expected 201'),
    });
    expect(byId['201-create-category'].status).toBe('failed');
    expect(byId['202-delete-category-tree']).toMatchObject({ status: 'failed', run: { actual: { status: 204 } } });
    expect(byId['204-delete-product']).toMatchObject({ status: 'passed', deviation: { stale: true } });
    expect(stdout).toContain('KNOWN   201-create-product');
    expect(stdout).toMatch(
      /Stale deviations: these now pass; remove them from .*deviations\.yaml:\n  204-delete-product/,
    );
    const report = readReport(out);
    expect(report.provenance.deviations).toMatchObject({ entries: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(report.classes['2xx'].knownDeviation).toBe(1);

    // With every failure listed as it happens, the run passes, and says it is not a clean pass.
    writeFileSync(
      deviations,
      'deviations:\n' +
        '  - { scenario: 201-create-product, status: 200, reason: the target answers 200 to a POST }\n' +
        '  - { scenario: 201-create-category, status: 200, reason: the target answers 200 to a POST }\n' +
        '  - { scenario: 202-delete-category-tree, status: 204, reason: "deletes at once, not scheduled" }\n',
    );
    const again = await runCli([
      'run',
      '--profile',
      envFile,
      '--output',
      out,
      '--deviations',
      deviations,
      '--',
      '--grep',
      '@2xx',
    ]);
    expect(again.code, again.stdout).toBe(0);
    expect(readReport(out).classes['2xx']).toMatchObject({ verdict: 'warn', knownDeviation: 3, failed: 0 });

    // A broken deviation file is bad input: exit 2 with its line, nothing run.
    writeFileSync(
      deviations,
      'deviations:\n  - { scenario: 201-create-prodcut, status: 200, reason: misspelt on purpose }\n',
    );
    const bad = await runCli(['run', '--profile', envFile, '--output', out, '--deviations', deviations]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /deviations\.yaml:2:\d+: deviations\[0\]\.scenario: no scenario "201-create-prodcut" in the catalogue; did you mean "201-create-product"\?/,
    );
  });
});

test('scenarios whose profile variables are absent are reported not applicable, never passed', async ({}, testInfo) => {
  await withReference(
    [],
    async (envFile) => {
      const out = testInfo.outputPath('out');
      const { code, stdout } = await runCli(['run', '--profile', envFile, '--output', out, '--', '--grep', '@5xx']);
      expect(code, stdout).toBe(0);
      const report = readReport(out);
      expect(report.scenarios.find((s) => s.id === '503-maintenance')).toMatchObject({
        status: 'notApplicable',
        reason: expect.stringContaining('TARGET_MAINTENANCE_BASE_URL'),
      });
      expect(report.codes['509'].verdict).toBe('notApplicable');
      expect(report.codes['500'].verdict).toBe('pass');
      expect(report.provenance.capabilities).not.toContain('TARGET_LEGACY_BASE_URL');
    },
    /MAINTENANCE|LEGACY/,
  );
});

test('sharded runs merge into one report whose exit code follows the scenarios', async ({}, testInfo) => {
  await withReference(['trace-405'], async (envFile) => {
    const merged = testInfo.outputPath('blobs');
    mkdirSync(merged, { recursive: true });
    for (const shard of ['1/2', '2/2']) {
      const blobDir = testInfo.outputPath(`blob-${shard.replace('/', '-')}`);
      const { code } = await runCli(
        ['run', '--profile', envFile, '--output', testInfo.outputPath(`out-${shard[0]}`), '--', `--shard=${shard}`],
        {
          env: { CONFORMANCE_BLOB_DIR: blobDir },
        },
      );
      expect([0, 1]).toContain(code);
      // Each shard's blob folder is emptied by its own run; CI collects them into one folder.
      for (const f of readdirSync(blobDir)) copyFileSync(join(blobDir, f), join(merged, f));
    }
    const out = testInfo.outputPath('merged');
    const { code, stdout } = await runCli(['merge', merged, '--output', out]);
    expect(code, stdout).toBe(1); // Playwright's merge-reports alone would exit 0
    const report = readReport(out);
    expect(report.totals.total).toBeGreaterThanOrEqual(36);
    expect(report.scenarios.find((s) => s.id === '501-trace')).toMatchObject({
      status: 'failed',
      run: { actual: { status: 405 } },
    });
    expect(report.provenance.scenarioSetHash).toMatch(/^[0-9a-f]{64}$/);
    const shards = [readReport(testInfo.outputPath('out-1')), readReport(testInfo.outputPath('out-2'))];
    expect(ran(shards[0]) + ran(shards[1])).toBe(ran(report));
    expect(report.completeness.complete).toBe(true);
    expect(shards[0].completeness).toMatchObject({ complete: false, selection: ['--shard=1/2'] });
    expect(statuses(report)).toEqual({ ...statuses(shards[0]), ...statuses(shards[1]) });
    expect(shards[0].provenance.shard).toEqual({ current: 1, total: 2 });
    expect(report.provenance.shard).toBeUndefined();

    // The merged report says what a direct run says, scenario by scenario.
    const direct = testInfo.outputPath('direct');
    expect((await runCli(['run', '--profile', envFile, '--output', direct])).code).toBe(1);
    const judged = (r: ConformanceReport) =>
      r.scenarios.map(({ id, status, reason, run, level, doc, file }) => ({
        id,
        status,
        reason,
        expected: run?.expected,
        actual: run?.actual,
        checks: run?.checks.map(({ at, line, outcome, message }) => ({ at, line, outcome, message })),
        level,
        doc,
        file,
      }));
    expect(judged(report)).toEqual(judged(readReport(direct)));
    expect(report.provenance.scenarioSetHash).toBe(readReport(direct).provenance.scenarioSetHash);
  });
});

test('a --grep run, a single shard and a merge of 1 of 2 shards are partial, never a pass; the merge exits 1', async ({}, testInfo) => {
  await withReference([], async (envFile) => {
    const grep = testInfo.outputPath('grep');
    const g = await runCli(['run', '--profile', envFile, '--output', grep, '--', '--grep', '@4xx']);
    expect(g.code, g.stdout).toBe(0); // its slice passed
    expect(readReport(grep)).toMatchObject({
      verdict: 'partial',
      completeness: { complete: false, selection: ['--grep @4xx'] },
    });
    expect(g.stdout).toContain('PARTIAL RUN: 95 of the catalogue');

    const blobDir = testInfo.outputPath('blob-1');
    const shard = testInfo.outputPath('shard-1');
    const s = await runCli(['run', '--profile', envFile, '--output', shard, '--', '--shard=1/2'], {
      env: { CONFORMANCE_BLOB_DIR: blobDir },
    });
    expect(s.code, s.stdout).toBe(0);
    expect(readReport(shard)).toMatchObject({
      verdict: 'partial',
      completeness: { complete: false, selection: ['--shard=1/2'] },
    });

    const merged = testInfo.outputPath('merged');
    const m = await runCli(['merge', blobDir, '--output', merged]);
    expect(m.code, m.stdout).toBe(1);
    expect(m.stderr).toContain('merged 1 of 2 shards; missing 2/2');
    const report = readReport(merged);
    expect(report).toMatchObject({ verdict: 'partial', completeness: { complete: false } });
    expect(report.certification.valid).toBe(false);
  });
});

test('a merge whose only problems are errored scenarios exits 1', async ({}, testInfo) => {
  await withReference([], async (envFile) => {
    // The read-only token as the main one: it reads (so the pre-flight passes) but every set-up's create is
    // refused, so the 404 scenarios cannot be judged (errored, not failed).
    const text = readFileSync(envFile, 'utf8');
    const readonly = /^TARGET_READONLY_TOKEN=(.*)$/m.exec(text)![1];
    writeFileSync(envFile, text.replace(/^TARGET_AUTH_TOKEN=.*$/m, `TARGET_AUTH_TOKEN=${readonly}`));
    const blobs = testInfo.outputPath('blobs');
    mkdirSync(blobs, { recursive: true });
    for (const shard of ['1/2', '2/2']) {
      const blobDir = testInfo.outputPath(`blob-${shard[0]}`);
      const args = [
        'run',
        '--profile',
        envFile,
        '--output',
        testInfo.outputPath(`out-${shard[0]}`),
        '--',
        '--grep',
        '404-missing-parent|404-product-missing|404-order-missing',
        `--shard=${shard}`,
      ];
      expect((await runCli(args, { env: { CONFORMANCE_BLOB_DIR: blobDir } })).code).toBe(1);
      for (const f of readdirSync(blobDir)) copyFileSync(join(blobDir, f), join(blobs, f));
    }
    const out = testInfo.outputPath('merged');
    const { code, stdout } = await runCli(['merge', blobs, '--output', out]);
    expect(code, stdout).toBe(1);
    const report = readReport(out);
    expect(report.totals).toMatchObject({ failed: 0, errored: 3, passed: 0 });
    expect(report.verdict).toBe('fail');
  });
});

test.describe('bad input exits 2 with a message that names the place and the fix', () => {
  test('a broken scenario file: file and line', async ({}, testInfo) => {
    const dir = testInfo.outputPath('scenarios');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, '404-broken.yaml'),
      'id: 404-broken\ntitle: Broken on purpose\ncode: 404\ndoc: status-codes.md\nlevel: must\nrequires: []\nrequest:\n  method: GET\n  path: /x\nexpect:\n  statuss: 404\n',
    );
    for (const args of [['run', '--output', testInfo.outputPath('out')], ['lint']]) {
      const { code, stderr } = await runCli(args, { env: { CONFORMANCE_SCENARIOS: dir } });
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/404-broken\.yaml:11:3: expect\.statuss: unknown key "statuss"; did you mean "status"\?/);
    }
    expect(existsSync(testInfo.outputPath('out', 'report.json'))).toBe(false);
  });

  test('an unreadable or misspelt profile', async ({}, testInfo) => {
    const missing = await runCli(['run', '--profile', testInfo.outputPath('nope.env')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the target profile');
    const typo = testInfo.outputPath('typo.env');
    writeFileSync(typo, 'TARGET_BASE_URL=https://127.0.0.1:1/stores/x\n# comment\nTARGET_AUTH_TOKN=abc\n');
    const bad = await runCli(['run', '--profile', typo]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('typo.env:3: unknown variable TARGET_AUTH_TOKN (did you mean TARGET_AUTH_TOKEN?)');
    expect(bad.stderr).not.toContain('abc');
    const url = testInfo.outputPath('url.env');
    writeFileSync(url, 'TARGET_BASE_URL=ftp://example\nTARGET_CATEGORY_LIMIT=many\n');
    const invalid = await runCli(['run', '--profile', url]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('TARGET_BASE_URL must be http: or https:');
    expect(invalid.stderr).toContain('TARGET_CATEGORY_LIMIT must be a whole number');
  });

  test('unknown commands and options', async () => {
    const unknown = await runCli(['run', '--env', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'unknown option --env (options: --profile or --env-file, --output, --deviations, --sign-key, --strict, --json)',
    );
    expect((await runCli(['frobnicate'])).stderr).toContain('unknown command "frobnicate"');
    const help = await runCli(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: conformance run [options] [-- playwright args]');
    expect((await runCli(['reference', '--port', 'http'])).stderr).toContain('--port must be a port number');
  });
});
