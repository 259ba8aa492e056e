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
import { createRunContext, runScenario, type RunContext } from '../src/engine/run';
import { failedChecks } from '../src/engine/result';
import { startReference } from '../reference/server';
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

test('a secret in what a check expected is redacted too; a check keeps only the fields it has', async () => {
  await withServer(
    (_req, res) => json(res, 404, { status: 404, echo: 'something else' }),
    async (ctx) => {
      const v = await runScenario(
        scenario({ expect: { status: 404, body: { equals: { '/echo': '\${env.TARGET_AUTH_TOKEN}' } } } }),
        ctx,
      );
      expect(v.status).toBe('failed');
      expect(JSON.stringify(v)).not.toContain(TOKEN);
      const equals = v.checks.find((c) => c.outcome === 'failed')!;
      expect(equals.expected).toContain('[REDACTED]');
      expect(equals.actual).toContain('something else');
      // A field a check does not have is absent, not present and undefined (reports and JSON stay alike).
      for (const c of v.checks)
        for (const field of ['message', 'actual', 'expected'] as const)
          if (field in c) expect(c[field], `${c.at}.${field}`).not.toBeUndefined();
      expect(v.checks.some((c) => !('message' in c))).toBe(true);
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

test('the journal gets each object a 2xx POST created (by the id it captured or collected) and each DELETE that removed one', async () => {
  const entries: unknown[] = [];
  let n = 0;
  await withServer(
    (req, res) => {
      if (req.method === 'POST' && req.url!.includes('fail')) return json(res, 422, { data: { id: 99 } });
      if (req.method === 'POST') return json(res, 201, { data: { id: ++n === 2 ? 'a b' : n } }, { 'x-id': '77' });
      if (req.method === 'DELETE' && req.url!.endsWith('/3')) return json(res, 500, {});
      if (req.method === 'DELETE') return res.writeHead(req.url!.includes('force') ? 404 : 204).end();
      json(res, 404, { status: 404 });
    },
    async (ctx) => {
      const v = await runScenario(
        scenario({
          setup: [
            { request: { method: 'POST', path: '/v3/things?x=1', json: {} }, capture: { id: { body: '/data/id' } } },
            { request: { method: 'POST', path: '/v3/things', json: {} }, collect: { ids: { body: '/data/id' } } },
            // Neither an id from the body nor a 2xx: nothing created.
            { request: { method: 'POST', path: '/v3/things', json: {} }, capture: { h: { header: 'X-Id' } } },
            {
              request: { method: 'POST', path: '/v3/fail', json: {} },
              capture: { f: { body: '/data/id' } },
              expect: { status: 422 },
            },
            { request: { method: 'POST', path: '/v3/things', json: {} }, capture: { name: { body: '/data' } } },
          ],
          cleanup: [
            { request: { method: 'DELETE', path: '/v3/things/${id}' } },
            { request: { method: 'DELETE', path: '/v3/things/3' } },
            { request: { method: 'DELETE', path: '/v3/things/9?force=1' } },
          ],
        }),
        { ...ctx, journal: { write: (e) => entries.push(e) } },
      );
      expect(v.status, v.reason).toBe('passed');
      const at = expect.any(String);
      expect(entries).toEqual([
        { t: 'created', run: 'r1', scenario: '404-x', store: 'main', path: '/v3/things/1', at },
        { t: 'created', run: 'r1', scenario: '404-x', store: 'main', path: '/v3/things/a%20b', at },
        { t: 'deleted', run: 'r1', store: 'main', path: '/v3/things/1', at },
        { t: 'deleted', run: 'r1', store: 'main', path: '/v3/things/9', at },
      ]);
      expect(v.leftovers).toEqual(['cleanup: DELETE /v3/things/3: status 500, expected 200,202,204,404']);
    },
  );
});

test('an interrupted run sends nothing more, cleans up without waiting, and is errored as interrupted', async () => {
  await withServer(
    (req, res) => (req.method === 'DELETE' ? res.writeHead(204).end() : json(res, 404, { status: 404 })),
    async (ctx, log) => {
      const stop = new AbortController();
      stop.abort();
      const v = await runScenario(
        scenario({
          setup: [{ request: { method: 'POST', path: '/v3/things', json: {} } }],
          cleanup: [{ wait: { ms: 5000 } }, { request: { method: 'DELETE', path: '/v3/things/1' } }],
        }),
        { ...ctx, signal: stop.signal },
      );
      expect(v).toMatchObject({
        status: 'errored',
        reason: 'interrupted before it finished: not judged',
        interrupted: true,
      });
      expect(v.durationMs).toBeLessThan(2000);
      expect(log).toEqual(['DELETE /stores/s/v3/things/1']);
    },
  );
  // Interrupted during a wait: the wait ends at once and the scenario stops before its next step.
  await withServer(
    (_req, res) => json(res, 404, { status: 404 }),
    async (ctx, log) => {
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 100);
      const started = Date.now();
      const v = await runScenario(
        scenario({
          verify: [
            { wait: { ms: 10_000 } },
            { request: { method: 'GET', path: '/v3/after' }, expect: { status: 404 } },
          ],
        }),
        { ...ctx, signal: stop.signal },
      );
      expect(Date.now() - started).toBeLessThan(3000);
      expect(v).toMatchObject({ status: 'errored', interrupted: true });
      expect(log).toEqual(['GET /stores/s/v3/things/1']);
    },
  );
});

test('a wait step waits its time, never past its max', async () => {
  await withServer(
    (_req, res) => json(res, 404, { status: 404 }),
    async (ctx) => {
      let started = Date.now();
      await runScenario(scenario({ setup: [{ wait: { ms: 200 } }] }), ctx);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      started = Date.now();
      const v = await runScenario(scenario({ setup: [{ wait: { ms: '${env.LONG}', max: 50 } }] }), {
        ...ctx,
        profile: { ...ctx.profile, LONG: '30000' },
      });
      expect(v.status).toBe('passed');
      expect(Date.now() - started).toBeLessThan(2000);
    },
  );
});

test('forEach runs a step once per collected value; a verify that needs a value never captured is not checked', async () => {
  let n = 0;
  await withServer(
    (req, res) => {
      if (req.method === 'POST') return json(res, 201, { data: { id: ++n } });
      if (req.method === 'DELETE') return res.writeHead(204).end();
      json(res, 404, { status: 404 });
    },
    async (ctx, log) => {
      const v = await runScenario(
        scenario({
          setup: [
            {
              request: { method: 'POST', path: '/v3/things', json: {} },
              repeat: { times: 3, until: 409 },
              collect: { ids: { body: '/data/id' } },
            },
          ],
          verify: [
            {
              name: 'see it',
              request: { method: 'GET', path: '/v3/things/${missing}' },
              expect: { status: 200, headers: { present: ['x-a'] } },
            },
          ],
          cleanup: [
            { request: { method: 'DELETE', path: '/v3/things/${item}' }, forEach: 'ids' },
            { request: { method: 'DELETE', path: '/v3/none/${item}' }, forEach: 'nothing' },
          ],
        }),
        ctx,
      );
      expect(log.filter((l) => l.startsWith('DELETE'))).toEqual([
        'DELETE /stores/s/v3/things/1',
        'DELETE /stores/s/v3/things/2',
        'DELETE /stores/s/v3/things/3',
      ]);
      expect(log.some((l) => l.includes('missing'))).toBe(false);
      const notRun = v.checks.filter((c) => c.at.startsWith('verify[0].'));
      expect(notRun.length).toBeGreaterThan(0);
      for (const c of notRun)
        expect(c).toMatchObject({
          outcome: 'notRun',
          step: 'verify: see it',
          message: 'not checked: ${missing} has no value',
        });
      expect(v.status).toBe('errored');
      expect(v.reason).toBe(`${notRun[0].at} was not checked: not checked: \${missing} has no value`);
    },
  );
});

test('a value the profile lacks, or a capture the response lacks, errors the scenario and says which', async () => {
  await withServer(
    (req, res) => (req.method === 'POST' ? json(res, 201, { data: { name: 'x' } }) : json(res, 404, { status: 404 })),
    async (ctx) => {
      const missing = await runScenario(
        scenario({ request: { method: 'GET', path: '/v3/things/${env.TARGET_NOPE}' } }),
        ctx,
      );
      expect(missing).toMatchObject({ status: 'errored' });
      expect(missing.reason).toMatch(/TARGET_NOPE.*: the profile must name it for this scenario$/);
      const capture = await runScenario(
        scenario({
          setup: [
            {
              name: 'make',
              request: { method: 'POST', path: '/v3/things', json: {} },
              capture: { id: { body: '/data/id' } },
            },
          ],
        }),
        ctx,
      );
      expect(capture.status).toBe('errored');
      expect(capture.reason).toBe(
        'setup: make: cannot capture id from body /data/id (status 201: {"data":{"name":"x"}})',
      );
      const header = await runScenario(
        scenario({
          setup: [
            {
              name: 'make',
              request: { method: 'POST', path: '/v3/things', json: {} },
              capture: { id: { header: 'X-Id' } },
            },
          ],
        }),
        ctx,
      );
      expect(header.reason).toContain('cannot capture id from header X-Id (status 201');
    },
  );
});

test('an expectation can name the request as sent: its URL, path and query, and the store path', async () => {
  await withServer(
    (req, res) => {
      const url = `http://${req.headers.host}${req.url}`;
      json(res, 404, {
        status: 404,
        url,
        path: new URL(url).pathname,
        query: new URL(url).search.slice(1),
        store: '/stores/s',
      });
    },
    async (ctx) => {
      const v = await runScenario(
        scenario({
          request: { method: 'GET', path: '/v3/things/1', query: { a: '1', b: 'x y' } },
          expect: {
            status: 404,
            body: {
              equals: {
                '/url': '${request.url}',
                '/path': '${request.path}',
                '/query': '${request.query}',
                '/store': '${store.path}',
              },
            },
          },
        }),
        { ...ctx, profile: { ...ctx.profile, TARGET_BASE_URL: `${ctx.profile.TARGET_BASE_URL}/` } },
      );
      expect(v.status, v.reason).toBe('passed');
    },
  );
});

test('several failed checks: the reason is the first, with how many more', async () => {
  await withServer(
    (_req, res) => json(res, 404, { status: 404, a: 1, b: 2 }),
    async (ctx) => {
      const v = await runScenario(scenario({ expect: { status: 404, body: { equals: { '/a': 2, '/b': 3 } } } }), ctx);
      expect(v.status).toBe('failed');
      expect(v.reason).toMatch(/^.+ \(\+1 more\)$/);
      const one = await runScenario(scenario({ expect: { status: 404, body: { equals: { '/a': 2 } } } }), ctx);
      expect(one.reason).not.toContain('more');
    },
  );
});

test('a run context for a profile: its prefix, its secrets redacted, its TLS trust and its timeout', async () => {
  const ref = await startReference();
  const { TARGET_TLS_CA_FILE: _ca, ...untrusted } = ref.profile;
  const get = scenario({
    id: '200-x',
    code: 200,
    request: { method: 'GET', path: '/v3/catalog/products', query: { limit: 1 } },
    expect: { status: 200 },
  });
  const contexts: RunContext[] = [];
  const made = (profile: Record<string, string>, timeoutMs?: number) => {
    const ctx = createRunContext(profile, 'r-9', timeoutMs);
    contexts.push(ctx);
    return ctx;
  };
  try {
    const trusted = made(ref.profile);
    expect(trusted).toMatchObject({ runId: 'r-9', prefix: 'conformance-r-9-', profile: ref.profile });
    expect(trusted.redactor.text(`token ${ref.profile.TARGET_AUTH_TOKEN}`)).toBe('token [REDACTED]');
    expect((await runScenario(get, trusted)).status).toBe('passed');
    for (const insecure of ['1', 'TRUE', 'yes'])
      expect((await runScenario(get, made({ ...untrusted, TARGET_TLS_INSECURE: insecure }))).status, insecure).toBe(
        'passed',
      );
    for (const insecure of [undefined, '0', 'yes please', 'no', 'untrue']) {
      const ctx = made(insecure === undefined ? untrusted : { ...untrusted, TARGET_TLS_INSECURE: insecure });
      const v = await runScenario(get, ctx);
      expect(v.status, insecure).toBe('errored');
      expect(v.reason, insecure).toContain('TLS verification failed');
    }
  } finally {
    for (const ctx of contexts) await ctx.http.close();
    await ref.close();
  }
  // The timeout given is the client's: a silent target errs after it, not after the default 15 s.
  const silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const ctx = createRunContext(
    { TARGET_BASE_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, TARGET_AUTH_TOKEN: 'tok-1' },
    'r',
    200,
  );
  try {
    const started = Date.now();
    const v = await runScenario(scenario({}), ctx);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(v.status).toBe('failed');
    expect(v.reason).toMatch(/no valid response: .*(200 ms|400 ms)/);
  } finally {
    await ctx.http.close();
    silent.closeAllConnections();
    await new Promise((r) => silent.close(r));
  }
});

test('failedChecks: the checks that failed, in order', () => {
  const check = (at: string, outcome: 'passed' | 'failed' | 'notRun') => ({
    at,
    line: 1,
    kind: 'status' as const,
    step: 's',
    outcome,
  });
  expect(
    failedChecks({
      checks: [check('a', 'failed'), check('b', 'passed'), check('c', 'notRun'), check('d', 'failed')],
    }).map((c) => c.at),
  ).toEqual(['a', 'd']);
});

test('an expectation may also use captured values and the run prefix', async () => {
  await withServer(
    (req, res) =>
      req.method === 'POST'
        ? json(res, 201, { data: { id: 5 } })
        : json(res, 404, { status: 404, id: 5, name: 'conformance-r1-x' }),
    async (ctx) => {
      const v = await runScenario(
        scenario({
          setup: [
            { request: { method: 'POST', path: '/v3/things', json: {} }, capture: { made: { body: '/data/id' } } },
          ],
          expect: { status: 404, body: { equals: { '/id': '${made}', '/name': '${run.prefix}x' } } },
        }),
        ctx,
      );
      expect(v.status, v.reason).toBe('passed');
    },
  );
});

test('anything unexpected errors the scenario as an internal error, with what was thrown; clean-up still runs', async () => {
  await withServer(
    (req, res) => (req.method === 'DELETE' ? res.writeHead(204).end() : json(res, 201, { data: { id: 5 } })),
    async (ctx, log) => {
      const throwing = (thrown: unknown) => ({
        ...ctx,
        journal: {
          write: (e: { t: string }) => {
            if (e.t === 'created') throw thrown;
          },
        },
      });
      const s = scenario({
        setup: [{ request: { method: 'POST', path: '/v3/things', json: {} }, capture: { id: { body: '/data/id' } } }],
        // The id comes from the capture: a journal that cannot be written must not cost it.
        cleanup: [{ request: { method: 'DELETE', path: '/v3/things/${id}' } }],
      });
      const v = await runScenario(s, throwing(new Error('disk full')));
      expect(v.status).toBe('errored');
      expect(v.reason).toMatch(/^internal error: Error: disk full\n\s+at /);
      expect(v.leftovers ?? []).toEqual([]);
      expect(log).toEqual(['POST /stores/s/v3/things', 'DELETE /stores/s/v3/things/5']);
      const odd = await runScenario(s, throwing('a plain string'));
      expect(odd.reason).toBe('internal error: a plain string');
      // Nor is it lost when the answer also failed its checks: the run cannot vouch for its journal.
      const failing = await runScenario(
        scenario({
          request: { method: 'POST', path: '/v3/things', json: {} },
          capture: { id: { body: '/data/id' } },
          expect: { status: 404 },
        }),
        throwing(new Error('disk full')),
      );
      expect(failing.status).toBe('errored');
      expect(failing.reason).toMatch(/^internal error: Error: disk full/);
    },
  );
});

test('forEach over a captured value (not a list) runs once for it', async () => {
  await withServer(
    (req, res) => (req.method === 'DELETE' ? res.writeHead(204).end() : json(res, 201, { data: { id: 5 } })),
    async (ctx, log) => {
      await runScenario(
        scenario({
          setup: [
            { request: { method: 'POST', path: '/v3/things', json: {} }, capture: { one: { body: '/data/id' } } },
          ],
          cleanup: [{ request: { method: 'DELETE', path: '/v3/things/${item}' }, forEach: 'one' }],
        }),
        ctx,
      );
      expect(log).toEqual(['POST /stores/s/v3/things', 'GET /stores/s/v3/things/1', 'DELETE /stores/s/v3/things/5']);
    },
  );
});

test("the run's id is a template value; the main request's step is named request; a whole run is not interrupted", async () => {
  await withServer(
    (_req, res) => json(res, 404, { status: 404 }),
    async (ctx, log) => {
      const v = await runScenario(
        scenario({ request: { method: 'GET', path: '/v3/things/${run.id}-${run.prefix}' } }),
        ctx,
      );
      expect(log).toEqual(['GET /stores/s/v3/things/r1-conformance-r1-']);
      expect(v.status).toBe('passed');
      expect(v).not.toHaveProperty('interrupted');
      expect(v.transcript.map((e) => e.step)).toEqual(['request']);
      expect(v.checks.map((c) => c.step)).toEqual(['request']);
    },
  );
});

test('what a run records: no response to the main request, verify steps by label, no leftovers without clean-up', async () => {
  await withServer(
    (req, res) => {
      if (req.url!.includes('hang')) return; // never answers
      if (req.url!.includes('drop')) return req.socket.destroy();
      json(res, 404, { status: 404 });
    },
    async (ctx) => {
      const quick: RunContext = { ...ctx, http: new HttpClient({ timeoutMs: 300 }) };
      try {
        const hung = await runScenario(scenario({ request: { method: 'GET', path: '/hang' } }), quick);
        expect(hung.checks[0]).toMatchObject({
          at: 'expect.status',
          kind: 'status',
          step: 'request',
          outcome: 'failed',
          expected: '404',
          actual: 'no response',
        });
        const v = await runScenario(
          scenario({ verify: [{ request: { method: 'GET', path: '/v3/gone' }, expect: { status: 404 } }] }),
          quick,
        );
        expect(v.checks.map((c) => [c.at, c.step])).toEqual([
          ['expect.status', 'request'],
          ['verify[0].expect.status', 'verify: GET /v3/gone'],
        ]);
        expect(v).not.toHaveProperty('leftovers');
        // A verify step the target does not answer errors the scenario with what happened.
        const dropped = await runScenario(
          scenario({ verify: [{ request: { method: 'GET', path: '/drop' }, expect: { status: 404 } }] }),
          quick,
        );
        expect(dropped.status).toBe('errored');
        expect(dropped.reason).toContain('the connection was closed before a complete response');
        expect(dropped.reason).not.toContain('was not checked');
      } finally {
        await quick.http.close();
      }
    },
  );
});

test('a forEach step sees ${item} and every other value as usual', async () => {
  let n = 0;
  await withServer(
    (req, res) => (req.method === 'POST' ? json(res, 201, { data: { id: ++n } }) : res.writeHead(204).end()),
    async (ctx, log) => {
      await runScenario(
        scenario({
          setup: [
            {
              request: { method: 'POST', path: '/v3/things', json: {} },
              repeat: { times: 2, until: 409 },
              collect: { ids: { body: '/data/id' } },
            },
          ],
          cleanup: [{ request: { method: 'DELETE', path: '/v3/${run.id}/things/${item}' }, forEach: 'ids' }],
        }),
        ctx,
      );
      expect(log.filter((l) => l.startsWith('DELETE'))).toEqual([
        'DELETE /stores/s/v3/r1/things/1',
        'DELETE /stores/s/v3/r1/things/2',
      ]);
    },
  );
});

test('a request about 429 takes its 429 as it comes, never waits it out', async () => {
  let calls = 0;
  await withServer(
    (_req, res) => (calls++, json(res, 429, { status: 429 }, { 'x-retry-after': '5' })),
    async (ctx) => {
      const started = Date.now();
      const expecting = await runScenario(scenario({ id: '429-x', code: 429, expect: { status: 429 } }), ctx);
      expect(expecting.status).toBe('passed');
      const repeating = await runScenario(scenario({ repeat: { times: 3, until: 429 }, expect: { status: 200 } }), ctx);
      expect(repeating).toMatchObject({ status: 'failed', reason: 'status 429, expected 200' });
      expect(calls).toBe(2);
      expect(Date.now() - started).toBeLessThan(3000);
    },
  );
});

test('collect keeps what 2xx answers carry only; a verify step without an expectation is sent all the same', async () => {
  let n = 0;
  await withServer(
    (req, res) => {
      if (req.method === 'POST')
        return ++n % 2 ? json(res, 201, { data: { id: n } }) : json(res, 422, { data: { id: n } });
      if (req.method === 'DELETE') return res.writeHead(204).end();
      json(res, 404, { status: 404 });
    },
    async (ctx, log) => {
      const v = await runScenario(
        scenario({
          setup: [
            {
              request: { method: 'POST', path: '/v3/things', json: {} },
              repeat: { times: 4, until: 409 },
              collect: { ids: { body: '/data/id' } },
              expect: { status: [201, 422] },
            },
          ],
          verify: [{ request: { method: 'GET', path: '/v3/peek' } }],
          cleanup: [{ request: { method: 'DELETE', path: '/v3/things/${item}' }, forEach: 'ids' }],
        }),
        ctx,
      );
      expect(log.filter((l) => l.startsWith('DELETE'))).toEqual([
        'DELETE /stores/s/v3/things/1',
        'DELETE /stores/s/v3/things/3',
      ]);
      expect(log).toContain('GET /stores/s/v3/peek');
      expect(v.status).toBe('passed');
    },
  );
});

test('collect: 200 is a 2xx answer, 300 is not', async () => {
  const statuses = [200, 300, 299];
  let n = 0;
  await withServer(
    (req, res) => (req.method === 'POST' ? json(res, statuses[n], { data: { id: ++n } }) : res.writeHead(204).end()),
    async (ctx, log) => {
      await runScenario(
        scenario({
          setup: [
            {
              request: { method: 'POST', path: '/v3/things', json: {} },
              repeat: { times: 3, until: 409 },
              collect: { ids: { body: '/data/id' } },
              expect: { status: [200, 299, 300] },
            },
          ],
          cleanup: [{ request: { method: 'DELETE', path: '/v3/things/${item}' }, forEach: 'ids' }],
        }),
        ctx,
      );
      expect(log.filter((l) => l.startsWith('DELETE'))).toEqual([
        'DELETE /stores/s/v3/things/1',
        'DELETE /stores/s/v3/things/3',
      ]);
    },
  );
});
