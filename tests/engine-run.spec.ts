// runScenario against small loopback servers: set-up problems are "errored",
// clean-up always runs and reports what it could not remove, platform 429s are
// paced, long repeats keep a bounded transcript, secrets never reach a verdict.
import { test, expect } from '@playwright/test';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../src/engine/http';
import { Redactor } from '../src/engine/redact';
import { missingVariables } from '../src/engine/applicability';
import { runScenario, type RunContext } from '../src/engine/run';
import { loadScenarioFile, scenarioFrom } from '../src/scenario/load';
import type { Scenario, ScenarioDoc } from '../src/scenario/types';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const TOKEN = 'tok-0123456789abcdef';

async function withServer(handler: Handler, body: (ctx: RunContext, log: string[]) => Promise<void>): Promise<void> {
  const log: string[] = [];
  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    req.resume().on('end', () => handler(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stores/s`;
  const ctx: RunContext = {
    profile: { TARGET_BASE_URL: base, TARGET_AUTH_TOKEN: TOKEN },
    runId: 'r1',
    prefix: 'conformance-r1-',
    http: new HttpClient({ timeoutMs: 2000 }),
    redactor: new Redactor([TOKEN]),
  };
  try {
    await body(ctx, log);
  } finally {
    await ctx.http.close();
    await new Promise((r) => server.close(r));
  }
}

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));

function scenario(over: Partial<ScenarioDoc>): Scenario {
  const doc: ScenarioDoc = {
    id: '404-x',
    title: 'x',
    code: 404,
    doc: 'status-codes.md',
    level: 'must',
    requires: ['TARGET_BASE_URL', 'TARGET_AUTH_TOKEN'],
    request: { method: 'GET', path: '/v3/things/1' },
    expect: { status: 404 },
    ...over,
  };
  return scenarioFrom(doc, '4xx/404-x.yaml', '/x');
}

test('a set-up step that does not succeed makes the scenario errored, and clean-up still runs', async () => {
  await withServer(
    (req, res) => (req.method === 'POST' ? json(res, 500, { oops: true }) : res.writeHead(204).end()),
    async (ctx, log) => {
      const v = await runScenario(
        scenario({
          setup: [
            {
              name: 'create',
              request: { method: 'POST', path: '/v3/things', json: { a: 1 } },
              capture: { id: { body: '/data/id' } },
            },
          ],
          cleanup: [
            { name: 'tidy', request: { method: 'DELETE', path: '/v3/things/1' } },
            // ${id} was never captured, so nothing was created: not a leftover.
            { name: 'tidy captured', request: { method: 'DELETE', path: '/v3/things/${id}' } },
          ],
        }),
        ctx,
      );
      expect(v.status).toBe('errored');
      expect(v.leftovers).toBeUndefined();
      expect(v.reason).toContain('set-up did not work: setup: create: status 500, expected 2xx');
      expect(log).toEqual(['POST /stores/s/v3/things', 'DELETE /stores/s/v3/things/1']);
    },
  );
});

test('a wrong main response fails; a clean-up that cannot delete is reported as a leftover', async () => {
  await withServer(
    (req, res) => (req.method === 'DELETE' ? json(res, 500, {}) : json(res, 200, { ok: 1 })),
    async (ctx) => {
      const v = await runScenario(
        scenario({ cleanup: [{ name: 'tidy', request: { method: 'DELETE', path: '/v3/things/1' } }] }),
        ctx,
      );
      expect(v).toMatchObject({ status: 'failed', reason: 'status 200, expected 404', actual: { status: 200 } });
      expect(v.leftovers).toEqual(['cleanup: tidy: status 500, expected 200,202,204,404']);
    },
  );
});

test('a platform 429 is waited out for the time the headers give, then retried', async () => {
  let calls = 0;
  await withServer(
    (_req, res) =>
      ++calls === 1 ? json(res, 429, {}, { 'x-rate-limit-time-reset-ms': '150' }) : json(res, 404, { status: 404 }),
    async (ctx) => {
      const started = Date.now();
      const v = await runScenario(scenario({}), ctx);
      expect(v.status).toBe('passed');
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      expect(v.transcript.map((e) => e.response?.status)).toEqual([429, 404]);
    },
  );
});

test("a response that spends the window's last request makes the next one wait for the reset", async () => {
  const at: number[] = [];
  await withServer(
    (req, res) => {
      at.push(Date.now());
      if (req.method === 'POST')
        json(res, 201, { data: { id: 1 } }, { 'x-rate-limit-requests-left': '0', 'x-rate-limit-time-reset-ms': '150' });
      else json(res, 404, { status: 404 });
    },
    async (ctx) => {
      const v = await runScenario(
        scenario({ setup: [{ request: { method: 'POST', path: '/v3/things', json: {} } }] }),
        ctx,
      );
      expect(v.status).toBe('passed');
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(140);
      expect(v.transcript.map((e) => e.response?.status)).toEqual([201, 404]); // no 429 on the way
    },
  );
});

test('a long repeat keeps the first and last exchanges and counts the rest', async () => {
  let n = 0;
  await withServer(
    (_req, res) => (++n < 20 ? json(res, 201, { data: { id: n } }) : json(res, 507, { status: 507 })),
    async (ctx) => {
      const v = await runScenario(
        scenario({
          id: '507-x',
          code: 507,
          request: { method: 'POST', path: '/v3/things', json: { name: '${run.prefix}${i}' } },
          repeat: { times: 25, until: 507 },
          collect: { ids: { body: '/data/id' } },
          expect: { status: 507 },
        }),
        ctx,
      );
      expect(v.status).toBe('passed');
      expect(v.transcript).toHaveLength(6);
      expect(v.omittedExchanges).toBe(14);
      expect(v.transcript[0].request.body).toBe('{"name":"conformance-r1-1"}');
    },
  );
});

test('credentials are redacted from the transcript even when the target echoes them', async () => {
  await withServer(
    (req, res) =>
      json(
        res,
        404,
        { status: 404, echo: req.headers['x-auth-token'] },
        { 'x-echo': String(req.headers['x-auth-token']) },
      ),
    async (ctx) => {
      const v = await runScenario(scenario({ expect: { status: 404, body: { equals: { '/echo': 'nothing' } } } }), ctx);
      expect(v.status).toBe('failed');
      expect(JSON.stringify(v)).not.toContain(TOKEN);
      expect(v.transcript[0].request.headers['x-auth-token']).toBe('[REDACTED]');
      expect(v.transcript[0].response?.headers['x-echo']).toBe('[REDACTED]');
    },
  );
});

test('a scenario is not applicable when the profile lacks a variable it needs', () => {
  const s = scenario({
    requires: ['TARGET_MAINTENANCE_BASE_URL'],
    request: { store: 'maintenance', method: 'GET', path: '/x' },
  });
  expect(missingVariables(s, { TARGET_BASE_URL: 'https://x' })).toEqual([
    'TARGET_MAINTENANCE_BASE_URL',
    'TARGET_MAINTENANCE_TOKEN (or TARGET_AUTH_TOKEN)',
  ]);
  expect(missingVariables(s, { TARGET_MAINTENANCE_BASE_URL: 'https://x', TARGET_AUTH_TOKEN: 't' })).toEqual([]);
});

test('applicability reads `requires` and every request of the scenario, not only the main one', () => {
  // A limit named only in `requires` (the count of a repeat): without it the scenario is not applicable, not errored.
  const limit = scenario({ requires: ['TARGET_BASE_URL', 'TARGET_AUTH_TOKEN', 'TARGET_CATEGORY_LIMIT'] });
  expect(missingVariables(limit, { TARGET_BASE_URL: 'https://x', TARGET_AUTH_TOKEN: 't' })).toEqual([
    'TARGET_CATEGORY_LIMIT',
  ]);
  // A set-up step on another store needs that store's variables.
  const setupElsewhere = scenario({
    setup: [{ request: { store: 'fault', method: 'POST', path: '/v3/things', json: {} } }],
  });
  expect(missingVariables(setupElsewhere, { TARGET_BASE_URL: 'https://x', TARGET_AUTH_TOKEN: 't' })).toEqual([
    'TARGET_FAULT_BASE_URL',
  ]);
  const verifyElsewhere = scenario({
    verify: [{ request: { auth: 'readonly', method: 'GET', path: '/v3/things' }, expect: { status: 200 } }],
  });
  expect(missingVariables(verifyElsewhere, { TARGET_BASE_URL: 'https://x', TARGET_AUTH_TOKEN: 't' })).toEqual([
    'TARGET_READONLY_TOKEN',
  ]);
});

test('a main request that gets no complete answer fails the scenario (the target hung), it does not error it', async () => {
  await withServer(
    () => undefined, // never answers
    async (ctx) => {
      const quick: RunContext = { ...ctx, http: new HttpClient({ timeoutMs: 300 }) };
      try {
        const r = await runScenario(scenario({ expect: { status: 404, body: { schema: 'error-v3' } } }), quick);
        expect(r.status).toBe('failed');
        expect(r.checks.map((c) => [c.at, c.outcome])).toEqual([
          ['expect.status', 'failed'],
          ['expect.body.schema', 'notRun'],
        ]);
        expect(r.checks[0].message).toContain('no valid response');
      } finally {
        await quick.http.close();
      }
    },
  );
});

test('a declared check that never ran makes the scenario errored, never passed', async () => {
  await withServer(
    (_req, res) => json(res, 404, { status: 404 }),
    async (ctx) => {
      const s = scenario({});
      // As if the engine silently skipped a check the file asks for.
      s.checks.push({ at: 'expect.headers.present[0]', line: 12, kind: 'header' });
      const r = await runScenario(s, ctx);
      expect(r.status).toBe('errored');
      expect(r.reason).toContain('expect.headers.present[0] was not checked');
      expect(r.checks.map((c) => c.outcome)).toEqual(['passed', 'notRun']);
    },
  );
});

test('a target that never rate-limits fails the 429 scenario on its status; the reset wait is skipped, not errored', async () => {
  await withServer(
    (_req, res) => json(res, 200, { data: [] }),
    async (ctx) => {
      const s = scenario({
        id: '429-x',
        code: 429,
        request: { method: 'GET', path: '/v3/things' },
        repeat: { times: 3, until: 429 },
        capture: { resetMs: { header: 'X-Rate-Limit-Time-Reset-Ms' } },
        expect: { status: 429, headers: { present: ['X-Rate-Limit-Time-Reset-Ms'] } },
        verify: [
          { name: 'wait for the reset', wait: { ms: '${resetMs}' } },
          { name: 'then it works', request: { method: 'GET', path: '/v3/things' }, expect: { status: 200 } },
        ],
      });
      const r = await runScenario(s, ctx);
      expect(r).toMatchObject({ status: 'failed', reason: 'status 200, expected 429' });
      expect(r.checks.map((c) => [c.at, c.outcome])).toEqual([
        ['expect.status', 'failed'],
        ['expect.headers.present[0]', 'notRun'],
        ['verify[1].expect.status', 'passed'],
      ]);
    },
  );
});

test('checks carry the line of the YAML key that asked for them', ({}, testInfo) => {
  const file = testInfo.outputPath('404-lines.yaml');
  writeFileSync(
    file,
    [
      'id: 404-lines',
      'title: Lines of checks',
      'code: 404',
      'doc: status-codes.md row 404',
      'level: must',
      'requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]',
      'request: { method: GET, path: /v3/x }',
      'expect:',
      '  status: 404',
      '  body:',
      '    schema: error-v3',
      'verify:',
      '  - request: { method: GET, path: /v3/y }',
      '    expect: { status: 200 }',
      '',
    ].join('\n'),
  );
  const [s] = loadScenarioFile(file, testInfo.outputPath());
  expect(s.checks).toEqual([
    { at: 'expect.status', line: 9, kind: 'status' },
    { at: 'expect.body.schema', line: 11, kind: 'schema' },
    { at: 'verify[0].expect.status', line: 14, kind: 'status' },
  ]);
});

test('a clean-up that lacks a profile variable reports a leftover instead of skipping silently', async () => {
  await withServer(
    (_req, res) => json(res, 404, { status: 404 }),
    async (ctx) => {
      const s = scenario({
        cleanup: [{ name: 'tidy on the fault store', request: { store: 'fault', method: 'DELETE', path: '/v3/x' } }],
      });
      const r = await runScenario(s, ctx);
      expect(r.status).toBe('passed');
      expect(r.leftovers).toEqual(['cleanup step 1: TARGET_FAULT_BASE_URL is not set in the target profile']);
    },
  );
});

test('a family outside TARGET_FAMILIES is not applicable; absent TARGET_FAMILIES means every family', () => {
  const brands = { ...scenario({}), resource: 'brands' as const };
  const profile = { TARGET_BASE_URL: 'https://x', TARGET_AUTH_TOKEN: 't' };
  expect(missingVariables(brands, profile)).toEqual([]);
  expect(missingVariables(brands, { ...profile, TARGET_FAMILIES: 'products, brands' })).toEqual([]);
  expect(missingVariables(brands, { ...profile, TARGET_FAMILIES: 'products,orders' })).toEqual([
    'TARGET_FAMILIES (with brands)',
  ]);
  expect(missingVariables(scenario({}), { ...profile, TARGET_FAMILIES: 'orders' })).toEqual([]); // no family: store-level
});
