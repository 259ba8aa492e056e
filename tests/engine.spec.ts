// Units of the engine: templates, JSON pointers, the checks of judge(), the
// redactor and the report's verdict rules. Pure functions, no network.
import { test, expect } from '@playwright/test';
import { judge } from '../src/engine/judge';
import { buildRequest } from '../src/engine/request';
import type { Verdict } from '../src/engine/verdict';
import { deviationFor } from '../src/scenario/deviations';
import type { IncomingResponse } from '../src/engine/http';
import { getPointer } from '../src/engine/json';
import { Redactor } from '../src/engine/redact';
import { evalCount, interpolate, TemplateError } from '../src/engine/template';
import { buildReport } from '../src/report/build';
import { renderTranscript } from '../src/report/render-transcript';
import { terminalSafe } from '../src/text';
import { formatProfile, readProfileFile } from '../src/profile-file';
import { writeFileSync } from 'node:fs';
import type { Provenance, ScenarioResult } from '../src/report/model';
import type { ExpectSpec } from '../src/scenario/types';

const lookup = (vars: Record<string, unknown>) => (name: string) => vars[name];

test.describe('templates', () => {
  test('a whole-string template keeps the value type; embedded ones become text', () => {
    const out = interpolate({ id: '${id}', name: 'p-${id}', list: ['${id}'] }, lookup({ id: 42 }));
    expect(out).toEqual({ id: 42, name: 'p-42', list: [42] });
  });

  test('an unknown name is an error that names it', () => {
    expect(() => interpolate('x ${missing}', lookup({}))).toThrow(TemplateError);
    expect(() => interpolate('x ${missing}', lookup({}))).toThrow('${missing} has no value');
  });

  test('counts add and subtract whole numbers only', () => {
    expect(evalCount('${env.N}+1', lookup({ 'env.N': '5' }))).toBe(6);
    expect(evalCount('10 - 3 + 1', lookup({}))).toBe(8);
    expect(evalCount(7, lookup({}))).toBe(7);
    expect(() => evalCount('${x}', lookup({ x: 'five' }))).toThrow('is not a whole number');
  });
});

test('JSON pointers follow RFC 6901, escapes included', () => {
  const doc = { data: { id: 3, 'a/b': 1, 'm~n': 2 }, list: [{ status: 404 }] };
  expect(getPointer(doc, '/data/id')).toBe(3);
  expect(getPointer(doc, '/data/a~1b')).toBe(1);
  expect(getPointer(doc, '/data/m~0n')).toBe(2);
  expect(getPointer(doc, '/list/0/status')).toBe(404);
  expect(getPointer(doc, '/data/none')).toBeUndefined();
  expect(getPointer(doc, '')).toBe(doc);
});

test.describe('judge', () => {
  const res = (over: Partial<IncomingResponse>): IncomingResponse => ({
    status: 200,
    headers: {},
    body: '',
    durationMs: 1,
    ...over,
  });
  const run = (r: IncomingResponse, expectSpec: ExpectSpec, requestUrl = 'https://h.test/stores/s/v3/x?a=1') =>
    judge(r, { step: 'request', requestUrl, expect: expectSpec });
  const v3 = (status: number, extra: object = {}) =>
    res({
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ status, title: 't', type: 'u', ...extra }),
    });

  test('status: exact, list and class', () => {
    expect(run(res({ status: 404 }), { status: 404 })).toEqual([]);
    expect(run(res({ status: 200 }), { status: 404 })[0]).toMatchObject({
      check: 'status',
      expected: '404',
      actual: '200',
    });
    expect(run(res({ status: 204 }), { status: [200, 204] })).toEqual([]);
    expect(run(res({ status: 299 }), { status: '2xx' })).toEqual([]);
    expect(run(res({ status: 301 }), { status: '2xx' })).toHaveLength(1);
  });

  test('headers: names in any case, present, absent, match, notMatch', () => {
    const r = res({ headers: { allow: 'GET, POST', 'x-rate-limit-requests-left': '0' } });
    expect(
      run(r, {
        headers: {
          present: ['Allow'],
          absent: ['Location'],
          match: { ALLOW: '\\bGET\\b' },
          notMatch: { Allow: '\\bPUT\\b' },
        },
      }),
    ).toEqual([]);
    const failures = run(r, {
      headers: { present: ['Retry-After'], absent: ['allow'], match: { Allow: 'PUT' }, notMatch: { Allow: 'POST' } },
    });
    expect(failures.map((f) => f.check)).toEqual(['header', 'header', 'header', 'header']);
    expect(failures[0].message).toContain('Retry-After is missing');
  });

  test('location: a path or an absolute URL resolve to the same target', () => {
    const want = 'https://h.test/stores/s/v2/orders';
    expect(run(res({ status: 302, headers: { location: '/stores/s/v2/orders' } }), { location: want })).toEqual([]);
    expect(run(res({ status: 302, headers: { location: want } }), { location: want })).toEqual([]);
    expect(
      run(res({ status: 302, headers: { location: 'HTTPS://H.TEST:443/stores/s/v2/orders' } }), { location: want }),
    ).toEqual([]);
    expect(
      run(res({ status: 302, headers: { location: 'http://h.test/stores/s/v2/orders' } }), { location: want })[0].check,
    ).toBe('location');
    expect(run(res({ status: 302 }), { location: want })[0].message).toBe('Location header is missing');
  });

  test('body: empty means no bytes at all', () => {
    expect(run(res({ status: 204 }), { body: 'empty' })).toEqual([]);
    expect(run(res({ status: 204, body: '{}' }), { body: 'empty' })[0]).toMatchObject({ check: 'body', actual: '{}' });
  });

  test('body: schema errors name the instance path; status in the body must equal the HTTP status', () => {
    expect(run(v3(404), { body: { schema: 'error-v3', statusMatches: true } })).toEqual([]);
    const bad = res({
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: '404', title: 't', type: 'u' }),
    });
    const failures = run(bad, { body: { schema: 'error-v3', statusMatches: true } });
    expect(failures.find((f) => f.check === 'schema')).toMatchObject({ instancePath: '/status', actual: '"404"' });
    expect(failures.find((f) => f.check === 'bodyStatus')?.message).toContain('expected 404');
    const mismatched = { ...v3(400), status: 404 };
    expect(run(mismatched, { status: 404, body: { statusMatches: true } }).map((f) => f.check)).toEqual(['bodyStatus']);
    expect(run(mismatched, { status: 400, body: { statusMatches: true } }).map((f) => f.check)).toEqual([
      'status',
      'bodyStatus',
    ]);
  });

  test('body: V2 arrays are checked item by item', () => {
    const v2 = (items: object[]) =>
      res({ status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify(items) });
    expect(run(v2([{ status: 404, message: 'm' }]), { body: { schema: 'error-v2', statusMatches: true } })).toEqual([]);
    expect(run(v2([]), { body: { schema: 'error-v2' } })[0].check).toBe('schema');
    expect(
      run(
        v2([
          { status: 404, message: 'm' },
          { status: 400, message: 'm' },
        ]),
        { body: { statusMatches: true } },
      )[0].instancePath,
    ).toBe('/1/status');
  });

  test('body: JSON must say so in Content-Type, unless text or empty is also accepted', () => {
    const text = res({ status: 401, headers: { 'content-type': 'text/plain' }, body: 'Unauthorized' });
    expect(run(text, { body: { schema: 'error-v3' } })[0].message).toContain('is not JSON');
    expect(run(text, { body: { schema: 'error-v3', alsoAccept: ['text'] } })).toEqual([]);
    expect(run(res({ status: 401 }), { body: { schema: 'error-v3', alsoAccept: ['empty'] } })).toEqual([]);
    expect(
      run(
        res({
          status: 500,
          headers: { 'content-type': 'application/problem+json' },
          body: '{"status":500,"title":"t","type":"u"}',
        }),
        { body: { schema: 'error-v3' } },
      ),
    ).toEqual([]);
    expect(
      run(res({ headers: { 'content-type': 'application/json' }, body: '{"a":' }), { body: { schema: 'error-v3' } })[0]
        .message,
    ).toContain('not valid JSON');
  });

  test('body: equals compares values at JSON pointers; notMatch rejects leaks', () => {
    const r = res({ headers: { 'content-type': 'application/json' }, body: '{"data":{"id":7,"price":10}}' });
    expect(run(r, { body: { equals: { '/data/id': 7 } } })).toEqual([]);
    expect(run(r, { body: { equals: { '/data/id': '7' } } })[0].message).toContain('expected "7"');
    const leak = res({
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: '{"trace":"at handler (/srv/app.js:10:5)"}',
    });
    expect(run(leak, { body: { notMatch: '\\bat \\S+ \\(\\S+:\\d+:\\d+\\)' } })[0].check).toBe('body');
  });
});

test.describe('redactor', () => {
  const r = new Redactor(['sekret-token', 'sekret', 'cGFzc3dvcmQ=']);

  test('masks credential headers by name and secrets anywhere', () => {
    expect(r.headers({ 'X-Auth-Token': 'anything', authorization: 'Basic x', echo: 'got sekret-token' })).toEqual({
      'X-Auth-Token': '[REDACTED]',
      authorization: '[REDACTED]',
      echo: 'got [REDACTED]',
    });
    expect(r.text('{"token":"sekret-token","other":"sekret","basic":"cGFzc3dvcmQ="}')).toBe(
      '{"token":"[REDACTED]","other":"[REDACTED]","basic":"[REDACTED]"}',
    );
  });
});

test.describe('verdicts', () => {
  const provenance = {} as Provenance;
  const result = (
    id: string,
    code: number,
    status: ScenarioResult['status'],
    level: 'must' | 'should' = 'must',
  ): ScenarioResult => ({
    id,
    title: id,
    code,
    class: `${Math.floor(code / 100)}xx` as ScenarioResult['class'],
    level,
    doc: 'status-codes.md',
    file: `${id}.yaml`,
    status,
    durationMs: 1,
  });

  test('a failed must fails its class, a failed should only warns, all not applicable is not applicable', () => {
    const report = buildReport(
      [
        result('200-a', 200, 'passed'),
        result('404-a', 404, 'failed'),
        result('406-a', 406, 'failed', 'should'),
        result('503-a', 503, 'notApplicable'),
        result('301-a', 301, 'passed'),
        result('406-b', 406, 'passed'),
      ],
      provenance,
    );
    expect(report.classes['2xx'].verdict).toBe('pass');
    expect(report.classes['4xx'].verdict).toBe('fail');
    expect(report.classes['5xx'].verdict).toBe('notApplicable');
    expect(report.codes['406'].verdict).toBe('warn');
    expect(report.codes['509']).toMatchObject({
      total: 0,
      verdict: 'notApplicable',
      definition: 'Bandwidth Limit Exceeded',
    });
    expect(report.totals).toEqual({ total: 6, passed: 3, failed: 2, knownDeviation: 0, notApplicable: 1, errored: 0 });
    expect(report.verdict).toBe('fail');
    expect(report.scenarios.map((s) => s.code)).toEqual([200, 301, 404, 406, 406, 503]);
  });

  test('a known deviation is not a pass: its class warns', () => {
    const report = buildReport([result('201-a', 201, 'knownDeviation'), result('200-a', 200, 'passed')], provenance);
    expect(report.classes['2xx']).toMatchObject({ verdict: 'warn', knownDeviation: 1, passed: 1 });
    expect(report.verdict).toBe('warn');
  });

  test('an errored must scenario fails the verdict', () => {
    expect(buildReport([result('200-a', 200, 'errored')], provenance).verdict).toBe('fail');
  });
});

test('target text reaches the terminal without control characters', () => {
  const hostile = 'ok\u001b[2J\u001b]0;title\u0007\rmasked\nnext';
  expect(terminalSafe(hostile)).toBe('ok [2J ]0;title  masked next');
  expect(terminalSafe(hostile, { keepNewlines: true })).toBe('ok [2J ]0;title  masked\nnext');
});

test('the plain-text transcript shows each exchange, the failures and what was left out', () => {
  const text = renderTranscript({
    status: 'failed',
    reason: 'status 200, expected 404',
    expected: { status: 404 },
    actual: { status: 200 },
    durationMs: 3,
    omittedExchanges: 2,
    failures: [{ check: 'status', step: 'request', message: 'status 200, expected 404' }],
    transcript: [
      {
        step: 'request',
        request: { method: 'GET', url: 'https://h/x', headers: { 'x-auth-token': '[REDACTED]' } },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{}', durationMs: 1 },
      },
    ],
  });
  expect(text).toBe(
    'FAILED: status 200, expected 404\n- [request] status 200, expected 404\n\n--- request\nGET https://h/x\nx-auth-token: [REDACTED]\n\n<= 200 (1 ms)\ncontent-type: application/json\n\n{}\n\n(2 repeated exchanges omitted)',
  );
});

test('query strings keep the documented `:` and `,`, and encode the rest', () => {
  const req = buildRequest(
    { method: 'DELETE', path: '/v3/catalog/trees/categories', query: { 'category_id:in': '1,2', q: 'a b&c' } },
    {
      profile: { TARGET_BASE_URL: 'https://h.test/stores/s/', TARGET_AUTH_TOKEN: 't' },
      runId: 'r',
      lookup: () => undefined,
    },
  );
  expect(req.url).toBe('https://h.test/stores/s/v3/catalog/trees/categories?category_id:in=1,2&q=a%20b%26c');
  expect(req.headers).toEqual({ accept: 'application/json', 'x-auth-token': 't' });
});

test.describe('known deviations', () => {
  const listed = { scenario: '201-x', status: 200, reason: 'production answers 200' };
  const verdict = (over: Partial<Verdict>): Verdict => ({
    status: 'failed',
    expected: { status: 201 },
    actual: { status: 200 },
    failures: [{ check: 'status', step: 'request', message: 'status 200, expected 201' }],
    transcript: [],
    durationMs: 1,
    ...over,
  });

  test('match only the listed status of the main request, with nothing else wrong', () => {
    expect(deviationFor(verdict({}), listed)).toEqual({ status: 200, reason: 'production answers 200' });
    expect(deviationFor(verdict({ actual: { status: 500 } }), listed)).toBeUndefined();
    expect(
      deviationFor(
        verdict({
          failures: [...verdict({}).failures, { check: 'schema', step: 'request', message: '/data must be object' }],
        }),
        listed,
      ),
    ).toBeUndefined();
    expect(
      deviationFor(
        verdict({ failures: [{ check: 'status', step: 'verify: still there', message: 'status 404, expected 200' }] }),
        listed,
      ),
    ).toBeUndefined();
    expect(deviationFor(verdict({ status: 'errored' }), listed)).toBeUndefined();
    expect(deviationFor(verdict({}), undefined)).toBeUndefined();
  });

  test('an entry whose scenario passes is stale', () => {
    expect(deviationFor(verdict({ status: 'passed', failures: [], actual: { status: 201 } }), listed)).toEqual({
      status: 200,
      reason: 'production answers 200',
      stale: true,
    });
  });
});

test('a formatted profile reads back unchanged', ({}, testInfo) => {
  const profile = {
    TARGET_BASE_URL: 'https://h.test/stores/s',
    TARGET_AUTH_TOKEN: 'a b#c"d\\e',
    TARGET_TLS_CA_FILE: '/tmp/ca.pem',
  };
  const file = testInfo.outputPath('p.env');
  writeFileSync(file, formatProfile(profile, 'comment'));
  expect(readProfileFile(file)).toEqual(profile);
  expect(() => formatProfile({ TARGET_AUTH_TOKEN: "it's\nmulti" })).toThrow('cannot span lines');
});
