// Requests in flight per worker (CONFORMANCE_CONCURRENCY): a worker runs the
// scenarios after its current test ahead of their tests, yet every selected
// scenario runs exactly once, unselected ones never, and a worker that stops
// leaves no scenario half-judged. Checked at the target: a loopback server
// that answers after a delay and counts what it is asked.
import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ConformanceReport } from '../src/report/model';
import { startReference } from '../reference/server';
import { createLookahead } from '../src/playwright/lookahead';
import type { ScenarioRecord } from '../src/playwright/annotations';
import type { Scenario } from '../src/scenario/types';
import { runCli, writeProfile } from './fixtures/run-cli';

interface CountingTarget {
  url: string;
  /** Requests per path (query included). */
  seen: Map<string, number>;
  maxInFlight: number;
  close(): Promise<void>;
}

/** Answers every request 200 with an empty list after `delayMs`, noting how many requests overlap. */
async function countingTarget(delayMs: number): Promise<CountingTarget> {
  const seen = new Map<string, number>();
  let inFlight = 0;
  const target = { seen, maxInFlight: 0 } as CountingTarget;
  const server: Server = createServer((req, res) => {
    inFlight++;
    target.maxInFlight = Math.max(target.maxInFlight, inFlight);
    seen.set(req.url ?? '', (seen.get(req.url ?? '') ?? 0) + 1);
    req.resume();
    setTimeout(() => {
      inFlight--;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"meta":{}}');
    }, delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  target.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  target.close = () => new Promise((r) => server.close(() => r()));
  return target;
}

/** `n` scenarios, each a GET of its own path: `200-look-<i>-odd|even`. */
function listCatalogue(dir: string, n: number): string[] {
  mkdirSync(join(dir, '2xx'), { recursive: true });
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const id = `200-look-${i}-${i % 2 ? 'odd' : 'even'}`;
    ids.push(id);
    writeFileSync(
      join(dir, '2xx', `${id}.yaml`),
      [
        `id: ${id}`,
        `title: Lookahead ${i}`,
        'code: 200',
        'doc: status-codes.md row 200',
        'level: must',
        'requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]',
        `request: { method: GET, path: /v3/catalog/products, query: { n: ${i} } }`,
        'expect: { status: 200 }',
        '',
      ].join('\n'),
    );
  }
  return ids;
}

async function runAgainst(
  target: CountingTarget,
  dir: string,
  env: Record<string, string>,
  extra: string[] = [],
): Promise<ConformanceReport> {
  const scenarios = join(dir, 'scenarios');
  const profile = join(dir, 'target.env');
  writeProfile(profile, { TARGET_BASE_URL: target.url, TARGET_AUTH_TOKEN: 'lookahead-token' });
  const out = join(dir, 'out');
  const r = await runCli(['run', '--profile', profile, '--output', out, '--', ...extra], {
    env: { CONFORMANCE_SCENARIOS: scenarios, ...env },
  });
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport;
}

/** The catalogue's requests the target saw (the pre-flight's own requests left out). */
const scenarioRequests = (t: CountingTarget) => [...t.seen].filter(([path]) => path.includes('?n='));

for (const [workers, concurrency] of [
  ['1', 4],
  ['1', 1],
  ['2', 3],
] as const) {
  test(`${workers} worker(s), ${concurrency} in flight each: that many requests overlap, each scenario runs once`, async ({}, testInfo) => {
    const target = await countingTarget(60);
    try {
      const dir = testInfo.outputPath('run');
      listCatalogue(join(dir, 'scenarios'), 24);
      const report = await runAgainst(target, dir, {
        CONFORMANCE_WORKERS: workers,
        CONFORMANCE_CONCURRENCY: String(concurrency),
      });
      expect(report.totals.passed).toBe(24);
      const requests = scenarioRequests(target);
      expect(requests).toHaveLength(24);
      expect(requests.every(([, times]) => times === 1)).toBe(true);
      const most = Number(workers) * concurrency;
      if (workers === '1') expect(target.maxInFlight).toBe(concurrency);
      else expect(target.maxInFlight).toBeLessThanOrEqual(most);
      expect(target.maxInFlight).toBeGreaterThan(concurrency === 1 ? 0 : 1);
    } finally {
      await target.close();
    }
  });
}

test('--grep: scenarios the run did not select are never requested, not even ahead', async ({}, testInfo) => {
  const target = await countingTarget(20);
  try {
    const dir = testInfo.outputPath('run');
    const ids = listCatalogue(join(dir, 'scenarios'), 16);
    const report = await runAgainst(target, dir, { CONFORMANCE_WORKERS: '1', CONFORMANCE_CONCURRENCY: '8' }, [
      '--grep',
      '-odd',
    ]);
    expect(report.totals.passed).toBe(8);
    const asked = scenarioRequests(target).map(([path]) => Number(new URL(path, target.url).searchParams.get('n')));
    expect(asked.sort((a, b) => a - b)).toEqual(
      ids.flatMap((id, i) => (id.endsWith('-odd') ? [i + 1] : [])).sort((a, b) => a - b),
    );
  } finally {
    await target.close();
  }
});

test('a worker stopped by a timeout publishes the scenario it ran ahead as not run, after its clean-up', async ({}, testInfo) => {
  const ref = await startReference();
  try {
    const dir = testInfo.outputPath('run');
    const scenarios = join(dir, 'scenarios', '2xx');
    mkdirSync(scenarios, { recursive: true });
    const slow = (id: string, cleanup: boolean) =>
      [
        `id: ${id}`,
        `title: ${id}`,
        'code: 200',
        'doc: status-codes.md row 200',
        'level: must',
        'requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]',
        'setup:',
        `  - request: { method: POST, path: /v3/catalog/products, json: { name: "\${run.prefix}${id}", type: physical, weight: 1, price: 10 } }`,
        '    capture: { productId: { body: /data/id } }',
        'request: { method: GET, path: "/v3/catalog/products/${productId}" }',
        'expect: { status: 200 }',
        'verify:',
        '  - wait: { ms: 20000 }',
        ...(cleanup ? ['cleanup:', '  - request: { method: DELETE, path: "/v3/catalog/products/${productId}" }'] : []),
        '',
      ].join('\n');
    // In file order: the first times out; the second, started ahead by the same worker, is stopped with it.
    writeFileSync(join(scenarios, '200-ahead-a-first.yaml'), slow('200-ahead-a-first', false));
    writeFileSync(join(scenarios, '200-ahead-b-second.yaml'), slow('200-ahead-b-second', true));
    const profile = join(dir, 'target.env');
    writeProfile(profile, ref.profile);
    const out = join(dir, 'out');
    const r = await runCli(['run', '--profile', profile, '--output', out, '--', '--timeout=3000'], {
      env: {
        CONFORMANCE_SCENARIOS: join(dir, 'scenarios'),
        CONFORMANCE_WORKERS: '1',
        CONFORMANCE_CONCURRENCY: '2',
      },
    });
    expect(r.code, r.stdout).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ConformanceReport;
    expect(report.scenarios.map((s) => [s.id, s.status])).toEqual([
      ['200-ahead-a-first', 'errored'],
      ['200-ahead-b-second', 'notRun'],
    ]);
    expect(report.scenarios[0].reason).toContain('timed out');
    expect(report.scenarios[1].reason).toContain('interrupted');
    // Each ran once; the second cleaned up although its worker was stopping.
    const journal = readFileSync(join(out, 'journal.jsonl'), 'utf8');
    expect(journal.match(/"t":"started"/g)).toHaveLength(2);
    expect(report.leftovers.map((l) => l.scenario)).toEqual(['200-ahead-a-first']);
  } finally {
    await ref.close();
  }
});

test('a closed lookahead starts nothing more, while what runs still finishes and is published', async ({}, testInfo) => {
  // A worker that Playwright stops as redundant closes its lookahead, then waits for what it started ahead:
  // each run that ends must not start the next one, or that one is cut short by the stop.
  const dir = testInfo.outputPath('lookahead');
  for (const sub of ['claims', 'results']) mkdirSync(join(dir, sub), { recursive: true });
  const ids = ['200-a', '200-b', '200-c', '200-d', '200-e', '200-f'];
  const planned = ids.map((id) => ({ testId: `t-${id}`, scenario: id }));
  writeFileSync(join(dir, 'plan.json'), JSON.stringify({ files: { '0::2xx': planned } }));
  const scenarios = new Map(ids.map((id) => [id, { id, code: 200, request: {} } as unknown as Scenario]));
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const execute = (s: Scenario) =>
    new Promise<ScenarioRecord>((done) => {
      started.push(s.id);
      finish.set(s.id, () => done({ outcome: { status: 'passed' } } as ScenarioRecord));
    });
  const lookahead = createLookahead(execute, scenarios, 3, dir);
  const first = lookahead.recordOf(scenarios.get('200-a')!, {
    testId: 't-200-a',
    project: { name: '' },
    repeatEachIndex: 0,
    retry: 0,
  });
  expect(started).toEqual(['200-a', '200-b', '200-c']);
  lookahead.close();
  for (const id of ['200-a', '200-b', '200-c']) finish.get(id)!();
  await first;
  await expect.poll(() => existsSync(join(dir, 'results', 't-200-c.json'))).toBe(true);
  expect(existsSync(join(dir, 'results', 't-200-b.json'))).toBe(true);
  // Open, a run that ends would have started 200-d.
  expect(started).toEqual(['200-a', '200-b', '200-c']);
});
