// The checks of judge(): one result per check the scenario asks for, passed
// ones too; what happens when the status is already wrong or a precondition
// (a Location, a JSON body) is missing. Pure functions, no network.
import { test, expect } from '@playwright/test';
import type { IncomingResponse } from '../src/engine/http';
import { judge, type Judged } from '../src/engine/judge';
import { checksOf } from '../src/scenario/checks';
import type { ExpectSpec } from '../src/scenario/types';

const REQUEST_URL = 'https://h.test/stores/s/v1/orders?a=1';
const res = (over: Partial<IncomingResponse>): IncomingResponse => ({
  status: 200,
  headers: {},
  body: '',
  durationMs: 1,
  ...over,
});
const run = (r: IncomingResponse, e: ExpectSpec, requestUrl = REQUEST_URL): Judged[] =>
  judge(r, checksOf(e, ['expect']), { step: 'request', requestUrl });
/** at → outcome, for compact assertions. */
const outcomes = (judged: Judged[]) => Object.fromEntries(judged.map((j) => [j.at, j.outcome]));
const json = (status: number, value: unknown, type = 'application/json; charset=utf-8') =>
  res({ status, headers: { 'content-type': type }, body: JSON.stringify(value) });
const v3 = (status: number, extra: object = {}) => json(status, { status, title: 't', type: 'u', ...extra });

test('every check is recorded, passed ones too, named by its YAML key', () => {
  const judged = run(v3(404), {
    status: 404,
    headers: { present: ['content-type'] },
    body: { schema: 'error-v3', statusMatches: true },
  });
  expect(judged.map((j) => [j.at, j.kind, j.outcome])).toEqual([
    ['expect.status', 'status', 'passed'],
    ['expect.headers.present[0]', 'header', 'passed'],
    ['expect.body.schema', 'schema', 'passed'],
    ['expect.body.statusMatches', 'bodyStatus', 'passed'],
  ]);
  expect(judged[0]).toMatchObject({ expected: '404', actual: '404', step: 'request' });
});

test('status: exact, list and class', () => {
  expect(run(res({ status: 404 }), { status: 404 })[0].outcome).toBe('passed');
  expect(run(res({ status: 200 }), { status: 404 })[0]).toMatchObject({
    outcome: 'failed',
    message: 'status 200, expected 404',
    expected: '404',
    actual: '200',
  });
  expect(run(res({ status: 204 }), { status: [200, 204] })[0].outcome).toBe('passed');
  expect(run(res({ status: 299 }), { status: '2xx' })[0].outcome).toBe('passed');
  expect(run(res({ status: 301 }), { status: '2xx' })[0].outcome).toBe('failed');
});

test('a status in the wrong class leaves the other checks not run, with the reason', () => {
  // An error-body check on a success body would only say "body /status is undefined".
  const judged = run(json(200, { data: { id: 1 } }), {
    status: 404,
    body: { schema: 'error-v3', statusMatches: true },
  });
  expect(outcomes(judged)).toEqual({
    'expect.status': 'failed',
    'expect.body.schema': 'notRun',
    'expect.body.statusMatches': 'notRun',
  });
  expect(judged[1].message).toBe('not checked: status 200 is not the answer this check is about (expected 404)');
  // The same class (409 expected, 422 came) still judges the body: a known deviation must be nothing else wrong.
  const sameClass = run(json(422, { status: 422 }), { status: 409, body: { schema: 'error-v3' } });
  expect(outcomes(sameClass)).toEqual({ 'expect.status': 'failed', 'expect.body.schema': 'failed' });
});

test('headers: names in any case; a missing header is reported once, not once per check', () => {
  const r = res({ headers: { allow: 'GET, POST', 'x-rate-limit-requests-left': '0' } });
  const ok = run(r, {
    headers: {
      present: ['Allow'],
      absent: ['Location'],
      match: { ALLOW: '\\bGET\\b' },
      notMatch: { Allow: '\\bPUT\\b' },
    },
  });
  expect(ok.every((j) => j.outcome === 'passed')).toBe(true);
  const bad = run(r, {
    headers: { present: ['Retry-After'], absent: ['allow'], match: { Allow: 'PUT' }, notMatch: { Allow: 'POST' } },
  });
  expect(bad.map((j) => j.outcome)).toEqual(['failed', 'failed', 'failed', 'failed']);
  expect(bad[0].message).toBe('header Retry-After is missing');
  const missing = run(res({}), {
    headers: { present: ['X-Rate-Limit-Time-Reset-Ms'], match: { 'x-rate-limit-time-reset-ms': '^\\d+$' } },
  });
  expect(missing.map((j) => [j.at, j.outcome])).toEqual([
    ['expect.headers.present[0]', 'failed'],
    ['expect.headers.match["x-rate-limit-time-reset-ms"]', 'notRun'],
  ]);
  expect(missing[1].message).toContain('see expect.headers.present[0]');
});

test('location: resolved against the request URL, not its origin; absolute and path-only both pass', () => {
  const want = 'https://h.test/stores/s/v2/orders';
  for (const location of ['/stores/s/v2/orders', '../v2/orders', want, 'HTTPS://H.TEST:443/stores/s/v2/orders']) {
    expect(run(res({ status: 302, headers: { location } }), { location: want })[0], location).toMatchObject({
      outcome: 'passed',
    });
  }
  // Against the origin, `../v2/orders` would be https://h.test/v2/orders.
  expect(
    run(res({ status: 302, headers: { location: 'v2/orders' } }), {
      location: 'https://h.test/stores/s/v1/v2/orders',
    })[0].outcome,
  ).toBe('passed');
  expect(
    run(res({ status: 302, headers: { location: 'http://h.test/stores/s/v2/orders' } }), { location: want })[0].outcome,
  ).toBe('failed');
  expect(run(res({ status: 302 }), { location: want })[0].message).toBe('Location header is missing');
});

test('location parts: scheme, host (and port where the reference names one), path and query', () => {
  const expectation = (hostOf: string): ExpectSpec => ({
    location: { scheme: 'https', hostOf, path: '/stores/s/v1/orders', query: 'a=1' },
  });
  const at = (location: string, hostOf = 'http://h.test/stores/s') =>
    outcomes(run(res({ status: 301, headers: { location } }), expectation(hostOf)));
  const all = (o: string) => ({
    'expect.location.scheme': o,
    'expect.location.hostOf': o,
    'expect.location.path': o,
    'expect.location.query': o,
  });
  // A TLS-terminating proxy: the base URL is http:// without a port, the redirect goes to https on the default port.
  expect(at('https://h.test/stores/s/v1/orders?a=1')).toEqual(all('passed'));
  expect(at('https://h.test:443/stores/s/v1/orders?a=1')).toEqual(all('passed'));
  expect(at('https://h.test:8443/stores/s/v1/orders?a=1', 'https://h.test:8443/stores/s')).toEqual(all('passed'));
  expect(at('https://h.test:8443/stores/s/v1/orders?a=1')['expect.location.hostOf']).toBe('failed');
  expect(at('https://h.test/stores/s/v1/orders?a=1', 'https://h.test:8443/stores/s')['expect.location.hostOf']).toBe(
    'failed',
  );
  expect(at('http://h.test/stores/s/v1/orders?a=1')['expect.location.scheme']).toBe('failed');
  expect(at('https://other.test/stores/s/v1/orders?a=1')['expect.location.hostOf']).toBe('failed');
  expect(at('https://h.test/stores/s/v1/orders')['expect.location.query']).toBe('failed');
  expect(at('https://h.test/stores/s/v2/orders?a=1')['expect.location.path']).toBe('failed');
  // Without a Location, the first part fails once and the others say why they did not run.
  expect(outcomes(run(res({ status: 301 }), expectation('http://h.test')))).toEqual({
    'expect.location.scheme': 'failed',
    'expect.location.hostOf': 'notRun',
    'expect.location.path': 'notRun',
    'expect.location.query': 'notRun',
  });
});

test('body: empty means no bytes at all', () => {
  expect(run(res({ status: 204 }), { body: 'empty' })[0].outcome).toBe('passed');
  expect(run(res({ status: 204, body: '{}' }), { body: 'empty' })[0]).toMatchObject({
    outcome: 'failed',
    actual: '{}',
  });
});

test('body: schema errors name the instance path and list every finding', () => {
  const bad = json(404, { status: '404', title: 't' });
  const judged = run(bad, { status: 404, body: { schema: 'error-v3', statusMatches: true } });
  const schema = judged.find((j) => j.kind === 'schema')!;
  expect(schema).toMatchObject({ outcome: 'failed', expected: 'schema error-v3' });
  expect(schema.details).toHaveLength(2); // /status must be integer; type is required
  expect(schema.message).toContain('(+1 more)');
  expect(judged.find((j) => j.kind === 'bodyStatus')?.message).toContain('expected 404');
  const mismatched = { ...v3(400), status: 404 };
  expect(outcomes(run(mismatched, { status: 404, body: { statusMatches: true } }))).toEqual({
    'expect.status': 'passed',
    'expect.body.statusMatches': 'failed',
  });
});

test('body: an inline schema is compiled and enforced', () => {
  const inline = { type: 'object', required: ['data'], properties: { data: { type: 'object', required: ['id'] } } };
  expect(run(json(200, { data: { id: 1 } }), { body: { schema: inline } })[0].outcome).toBe('passed');
  const failed = run(json(200, { data: {} }), { body: { schema: inline } })[0];
  expect(failed).toMatchObject({ outcome: 'failed', expected: 'the inline schema', instancePath: '/data' });
});

test('body: V3 error `errors` may hold any JSON value, V2 arrays are checked item by item', () => {
  expect(
    run(v3(400, { errors: { name: ['too long', 'taken'], price: { min: 0 } } }), { body: { schema: 'error-v3' } })[0]
      .outcome,
  ).toBe('passed');
  const v2 = (items: object[]) => json(404, items);
  expect(
    run(v2([{ status: 404, message: 'm' }]), { body: { schema: 'error-v2', statusMatches: true } }).every(
      (j) => j.outcome === 'passed',
    ),
  ).toBe(true);
  expect(run(v2([]), { body: { schema: 'error-v2' } })[0].outcome).toBe('failed');
  const two = run(
    v2([
      { status: 404, message: 'm' },
      { status: 400, message: 'm' },
    ]),
    { body: { statusMatches: true } },
  )[0];
  expect(two).toMatchObject({ outcome: 'failed', instancePath: '/1/status' });
});

test('body: JSON must say so in Content-Type, unless text or empty is also accepted; the cause is reported once', () => {
  const text = res({ status: 401, headers: { 'content-type': 'text/plain' }, body: 'Unauthorized' });
  const judged = run(text, { body: { schema: 'error-v3', statusMatches: true } });
  expect(judged[0].message).toContain('is not JSON');
  expect(judged[1]).toMatchObject({ outcome: 'notRun', message: expect.stringContaining('see expect.body.schema') });
  expect(run(text, { body: { schema: 'error-v3', alsoAccept: ['text'] } })[0].outcome).toBe('passed');
  expect(run(res({ status: 401 }), { body: { schema: 'error-v3', alsoAccept: ['empty'] } })[0].outcome).toBe('passed');
  const problem = json(500, { status: 500, title: 't', type: 'u' }, 'application/problem+json');
  expect(run(problem, { body: { schema: 'error-v3' } })[0].outcome).toBe('passed');
  const broken = res({ headers: { 'content-type': 'application/json' }, body: '{"a":' });
  expect(run(broken, { body: { schema: 'error-v3' } })[0].message).toContain('not valid JSON');
});

test('body: equals compares values at JSON pointers; notMatch rejects leaks', () => {
  const r = json(200, { data: { id: 7, price: 10 } });
  expect(run(r, { body: { equals: { '/data/id': 7 } } })[0]).toMatchObject({
    at: 'expect.body.equals["/data/id"]',
    outcome: 'passed',
  });
  expect(run(r, { body: { equals: { '/data/id': '7' } } })[0].message).toContain('expected "7"');
  const leak = json(500, { trace: 'at handler (/srv/app.js:10:5)' });
  expect(run(leak, { body: { notMatch: '\\bat \\S+ \\(\\S+:\\d+:\\d+\\)' } })[0].outcome).toBe('failed');
});
