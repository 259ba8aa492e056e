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

test('body: equals names a value that is absent, and the pointer it looked at', () => {
  const judged = run(json(200, { data: {} }), { body: { equals: { '/data/id': 7 } } })[0];
  expect(judged).toMatchObject({
    outcome: 'failed',
    message: 'body /data/id is absent, expected 7',
    instancePath: '/data/id',
    expected: '7',
    actual: 'absent',
  });
  expect(run(json(200, { data: { id: 7 } }), { body: { equals: { '/data/id': 7 } } })[0]).toMatchObject({
    instancePath: '/data/id',
  });
});

test('location: a header that is no URL reference fails once; parts that are absent read (none)', () => {
  const bad = outcomes(
    run(res({ status: 302, headers: { location: 'http://[::1' } }), { location: { path: '/a', query: 'b=1' } }),
  );
  expect(bad).toEqual({ 'expect.location.path': 'failed', 'expect.location.query': 'notRun' });
  const first = run(res({ status: 302, headers: { location: 'http://[::1' } }), { location: { path: '/a' } })[0];
  expect(first).toMatchObject({ message: 'Location "http://[::1" is not a URL reference', actual: 'http://[::1' });
  const noQuery = run(res({ status: 302, headers: { location: 'https://h.test/a' } }), {
    location: { query: 'b=1' },
  })[0];
  expect(noQuery).toMatchObject({
    outcome: 'failed',
    message: 'Location https://h.test/a has query (none), expected b=1',
    expected: 'b=1',
    actual: '',
  });
  const extraQuery = run(res({ status: 302, headers: { location: 'https://h.test/a?x=1' } }), {
    location: { query: '' },
  })[0];
  expect(extraQuery.message).toBe('Location https://h.test/a?x=1 has query x=1, expected (none)');
  const ok = run(res({ status: 302, headers: { location: 'https://h.test/a?b=1' } }), {
    location: { query: '?b=1' },
  })[0];
  expect(ok).toMatchObject({ outcome: 'passed', expected: 'b=1', actual: 'b=1' });
  const url = run(res({ status: 302, headers: { location: '/x' } }), { location: '/y' })[0];
  expect(url).toMatchObject({
    message: 'Location resolves to https://h.test/x, expected https://h.test/y',
    expected: 'https://h.test/y',
    actual: 'https://h.test/x',
  });
  expect(run(res({ status: 302, headers: { location: '/y' } }), { location: '/y' })[0]).toMatchObject({
    expected: 'https://h.test/y',
    actual: 'https://h.test/y',
  });
});

test('location hostOf: the effective port of each side; a scheme without a default port has none', () => {
  const host = (location: string, hostOf: string) =>
    run(res({ status: 301, headers: { location } }), { location: { hostOf } })[0];
  expect(host('http://h.test/x', 'http://h.test')).toMatchObject({
    outcome: 'passed',
    actual: 'h.test:80',
    expected: 'h.test:80',
  });
  expect(host('https://h.test/x', 'http://h.test')).toMatchObject({ outcome: 'passed', actual: 'h.test:443' });
  expect(host('ftp://h.test/x', 'http://h.test')).toMatchObject({
    outcome: 'passed',
    actual: 'h.test:',
    expected: 'h.test:',
  });
  expect(host('ftp://h.test/x', 'http://h.test:21')).toMatchObject({
    outcome: 'failed',
    message: 'Location ftp://h.test/x has host h.test:, expected h.test:21',
  });
  expect(host('https://h.test/x', 'https://h.test:443')).toMatchObject({ outcome: 'passed', actual: 'h.test:443' });
  expect(host('https://H.TEST:8443/x', 'http://h.test:8443')).toMatchObject({
    outcome: 'passed',
    actual: 'h.test:8443',
  });
  const scheme = run(res({ status: 301, headers: { location: 'https://h.test/' } }), {
    location: { scheme: 'HTTPS:' },
  })[0];
  expect(scheme).toMatchObject({ outcome: 'passed', expected: 'https', actual: 'https' });
});

test('body: without a Content-Type the JSON check says "absent", and names what else it would take', () => {
  const judged = run(res({ status: 400, body: 'x' }), {
    body: { schema: 'error-v3', alsoAccept: ['empty', 'text'] },
  })[0];
  expect(judged).toMatchObject({
    outcome: 'failed',
    message: 'Content-Type "absent" is not JSON (or empty, text)',
    expected: 'application/json (or empty, text)',
    actual: 'absent',
  });
  const plain = run(res({ status: 400, headers: { 'content-type': 'text/html' }, body: 'x' }), {
    body: { schema: 'error-v3' },
  })[0];
  expect(plain).toMatchObject({
    message: 'Content-Type "text/html" is not JSON',
    expected: 'application/json',
    actual: 'text/html',
  });
  // text/plainer is not text/plain; application/jsonx is not JSON.
  const near = (type: string) =>
    run(res({ status: 400, headers: { 'content-type': type }, body: 'x' }), {
      body: { schema: 'error-v3', alsoAccept: ['text'] },
    })[0].outcome;
  expect(near('text/plainer')).toBe('failed');
  expect(near('text/plain; charset=utf-8')).toBe('passed');
  expect(near('application/jsonx')).toBe('failed');
  expect(near('application/vnd.api+json')).toBe('failed'); // JSON, but "x" does not parse
  // An empty body is accepted only when asked for; and then only when it is empty.
  expect(
    run(res({ status: 400, headers: { 'content-type': 'application/json' } }), { body: { schema: 'error-v3' } })[0]
      .message,
  ).toContain('not valid JSON');
  expect(
    run(json(400, { status: 400, title: 't', type: 'u' }), { body: { schema: 'error-v3', alsoAccept: ['empty'] } })[0],
  ).toMatchObject({ outcome: 'passed' });
  expect(run(res({ status: 400 }), { body: { schema: 'error-v3', alsoAccept: ['empty'] } })[0].actual).toBe(
    'empty body (accepted)',
  );
  expect(
    run(res({ status: 400, headers: { 'content-type': 'text/plain' }, body: 'x' }), {
      body: { schema: 'error-v3', alsoAccept: ['text'] },
    })[0].actual,
  ).toBe('text/plain body (accepted)');
});

test('body: schema findings carry their parameters, the first is the message and each is a detail', () => {
  const inline = { type: 'object', required: ['a', 'b'], properties: { c: { type: 'string' } } };
  const judged = run(json(200, { c: 1 }), { body: { schema: inline } })[0];
  expect(judged).toMatchObject({
    outcome: 'failed',
    message: `/ must have required property 'a' {"missingProperty":"a"} (+2 more)`,
    instancePath: '',
    expected: 'the inline schema',
    actual: '{"c":1}',
    details: [
      `/ must have required property 'a' {"missingProperty":"a"}`,
      `/ must have required property 'b' {"missingProperty":"b"}`,
      '/c must be string {"type":"string"}',
    ],
  });
  const one = run(json(200, { a: 1, b: 2, c: 3 }), { body: { schema: inline } })[0];
  expect(one).toMatchObject({ message: '/c must be string {"type":"string"}', instancePath: '/c', actual: '3' });
  // A keyword without parameters adds none.
  const never = run(json(200, { a: 1 }), { body: { schema: { not: {} } } })[0];
  expect(never.message).toBe('/ must NOT be valid');
});

test('body statusMatches: an empty V2 array, an item without status, and every wrong item listed', () => {
  const empty = run(json(404, []), { body: { statusMatches: true } })[0];
  expect(empty).toMatchObject({
    outcome: 'failed',
    message: 'error array is empty',
    expected: 'status 404',
    actual: '[]',
  });
  const v2 = run(json(404, [{ status: 404 }, { message: 'm' }, { status: '404' }, null]), {
    body: { statusMatches: true },
  })[0];
  expect(v2).toMatchObject({
    outcome: 'failed',
    message: 'body /1/status is absent, expected 404 (the HTTP status)',
    instancePath: '/1/status',
    expected: '404',
    actual: 'absent',
    details: ['/1/status is absent', '/2/status is "404"', '/3/status is absent'],
  });
  const one = run(json(404, { status: 400 }), { body: { statusMatches: true } })[0];
  expect(one).toMatchObject({ message: 'body /status is 400, expected 404 (the HTTP status)', actual: '400' });
  expect(one).not.toHaveProperty('details');
  expect(run(json(404, [{ status: 404 }]), { body: { statusMatches: true } })[0]).toMatchObject({
    outcome: 'passed',
    expected: '404',
    actual: '404',
  });
});

test('a long body is cut to its first 300 characters in what a check shows, with its length', () => {
  const long = 'x'.repeat(301);
  expect(run(res({ status: 204, body: long }), { body: 'empty' })[0]).toMatchObject({
    message: 'expected no body, got 301 bytes',
    actual: `${'x'.repeat(300)}… (301 bytes)`,
  });
  expect(run(res({ status: 204, body: long.slice(1) }), { body: 'empty' })[0].actual).toBe('x'.repeat(300));
});

test('body: a body that is not JSON says what the parser found', () => {
  const broken = res({ headers: { 'content-type': 'application/json' }, body: '{"a":' });
  expect(run(broken, { body: { schema: 'error-v3' } })[0]).toMatchObject({
    outcome: 'failed',
    message: expect.stringMatching(/^body is not valid JSON: \S.*JSON/),
    expected: 'JSON',
    actual: '{"a":',
  });
});

test('what each header and body check records: expected, actual and message, passed or failed', () => {
  const r = res({ status: 200, headers: { etag: '"v1"', server: 'nginx/1.2' }, body: 'Error at /srv/app.js' });
  const judged = run(r, {
    headers: { present: ['ETag', 'X-Missing', 'X-Gone'], absent: ['Server', 'X-None'], match: { Server: '^nginx' } },
    body: { notMatch: '/srv/' },
  });
  expect(judged).toEqual([
    { at: 'expect.headers.present[0]', kind: 'header', step: 'request', outcome: 'passed', actual: '"v1"' },
    {
      at: 'expect.headers.present[1]',
      kind: 'header',
      step: 'request',
      outcome: 'failed',
      message: 'header X-Missing is missing',
      expected: 'X-Missing present',
      actual: 'absent',
    },
    // Another missing header is its own failure, not "see" the first one.
    {
      at: 'expect.headers.present[2]',
      kind: 'header',
      step: 'request',
      outcome: 'failed',
      message: 'header X-Gone is missing',
      expected: 'X-Gone present',
      actual: 'absent',
    },
    {
      at: 'expect.headers.absent[0]',
      kind: 'header',
      step: 'request',
      outcome: 'failed',
      message: 'header Server must be absent',
      expected: 'absent',
      actual: 'nginx/1.2',
    },
    { at: 'expect.headers.absent[1]', kind: 'header', step: 'request', outcome: 'passed' },
    { at: 'expect.headers.match.Server', kind: 'header', step: 'request', outcome: 'passed', actual: 'nginx/1.2' },
    {
      at: 'expect.body.notMatch',
      kind: 'body',
      step: 'request',
      outcome: 'failed',
      message: 'body must not match //srv//',
      expected: 'not //srv//',
      actual: 'Error at /srv/app.js',
    },
  ]);
  expect(run(res({ status: 204, body: 'x' }), { body: 'empty' })[0]).toEqual({
    at: 'expect.body',
    kind: 'body',
    step: 'request',
    outcome: 'failed',
    message: 'expected no body, got 1 bytes',
    expected: 'empty',
    actual: 'x',
  });
  expect(run(res({ status: 200, body: 'fine' }), { body: { notMatch: '/srv/' } })[0]).toEqual({
    at: 'expect.body.notMatch',
    kind: 'body',
    step: 'request',
    outcome: 'passed',
  });
});

test('header match and notMatch: case-insensitive patterns, a missing header, what each records', () => {
  const r = res({ status: 200, headers: { server: 'NGINX/1.2', allow: 'GET, HEAD' } });
  const judged = run(r, {
    headers: {
      match: { Server: '^nginx', Allow: 'POST', 'X-None': '.' },
      notMatch: { Server: 'apache', 'X-Powered-By': '.', Allow: 'head' },
    },
  });
  const strip = ({ at, outcome, message, expected, actual }: Judged) => ({ at, outcome, message, expected, actual });
  expect(judged.map(strip)).toEqual([
    {
      at: 'expect.headers.match.Server',
      outcome: 'passed',
      message: undefined,
      expected: undefined,
      actual: 'NGINX/1.2',
    },
    {
      at: 'expect.headers.match.Allow',
      outcome: 'failed',
      message: 'header Allow "GET, HEAD" does not match /POST/',
      expected: '/POST/',
      actual: 'GET, HEAD',
    },
    {
      at: 'expect.headers.match["X-None"]',
      outcome: 'failed',
      message: 'header X-None is missing',
      expected: '/./',
      actual: 'absent',
    },
    {
      at: 'expect.headers.notMatch.Server',
      outcome: 'passed',
      message: undefined,
      expected: undefined,
      actual: undefined,
    },
    {
      at: 'expect.headers.notMatch["X-Powered-By"]',
      outcome: 'passed',
      message: undefined,
      expected: undefined,
      actual: undefined,
    },
    {
      at: 'expect.headers.notMatch.Allow',
      outcome: 'failed',
      message: 'header Allow "GET, HEAD" must not match /head/',
      expected: 'not /head/',
      actual: 'GET, HEAD',
    },
  ]);
});

test('location records: a missing header is "absent"; each part that differs names itself', () => {
  expect(run(res({ status: 301 }), { location: { path: '/a' } })[0]).toMatchObject({
    outcome: 'failed',
    message: 'Location header is missing',
    actual: 'absent',
  });
  const at = (location: string, expectation: ExpectSpec) =>
    run(res({ status: 301, headers: { location } }), expectation)[0];
  expect(at('http://h.test/a?x=1', { location: { scheme: 'https' } })).toMatchObject({
    outcome: 'failed',
    message: 'Location http://h.test/a?x=1 has scheme http, expected https',
    expected: 'https',
    actual: 'http',
  });
  expect(at('https://h.test/b', { location: { path: '/a' } })).toMatchObject({
    outcome: 'failed',
    message: 'Location https://h.test/b has path /b, expected /a',
    expected: '/a',
    actual: '/b',
  });
  expect(at('https://h.test/a', { location: { path: '/a' } })).toMatchObject({
    outcome: 'passed',
    expected: '/a',
    actual: '/a',
  });
});

test('a query part may hold a question mark; a media type that only mentions JSON is not JSON', () => {
  const q = run(res({ status: 301, headers: { location: 'https://h.test/a?q=a?b' } }), {
    location: { query: 'q=a?b' },
  })[0];
  expect(q).toMatchObject({ outcome: 'passed', expected: 'q=a?b', actual: 'q=a?b' });
  const mention = res({
    status: 400,
    headers: { 'content-type': 'text/html; profile="application/json"' },
    body: '{}',
  });
  expect(run(mention, { body: { schema: 'error-v3' } })[0].message).toBe(
    'Content-Type "text/html; profile="application/json"" is not JSON',
  );
});

test('text is accepted only when the media type is text/plain itself', () => {
  const typed = (type: string) =>
    run(res({ status: 401, headers: { 'content-type': type }, body: 'x' }), {
      body: { schema: 'error-v3', alsoAccept: ['text'] },
    })[0].outcome;
  expect(typed('TEXT/PLAIN')).toBe('passed');
  expect(typed('text/plain ;charset=utf-8')).toBe('passed');
  expect(typed('application/x-text/plain')).toBe('failed');
});
