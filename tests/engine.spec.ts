// Units of the engine: templates, JSON pointers, the checks of judge(), the
// redactor and the report's verdict rules. Pure functions, no network.
import { test, expect } from '@playwright/test';
import { scenarioResult } from './fixtures/scenario-result';
import { buildRequest } from '../src/engine/request';
import { outcomeOf } from '../src/engine/outcome';
import type { CheckResult, RunResult } from '../src/engine/result';
import { secretsOf } from '../src/profile/profile';
import { getPointer } from '../src/engine/json';
import { Redactor } from '../src/engine/redact';
import { evalCount, interpolate, TemplateError } from '../src/scenario/template';
import { buildReport } from '../src/report/build';
import { renderTranscript } from '../src/report/render-transcript';
import { terminalSafe } from '../src/support/text';
import { formatProfile, readProfileFile } from '../src/profile/profile-file';
import { writeFileSync } from 'node:fs';
import type { Provenance } from '../src/report/model';

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

  test('masks a secret echoed percent-encoded, JSON-escaped, in base64, or as a header name', () => {
    const secret = 'Pa/ss+W rd\u0001é';
    const m = new Redactor([secret]);
    const echoes = [
      encodeURIComponent(secret), // Pa%2Fss%2BW%20rd%01%C3%A9
      'Pa%2fss%2bW%20rd%01%c3%a9', // lower-case hex
      'Pa%2Fss%2BW+rd%01%C3%A9', // a form: + for space
      'Pa\\/ss+W rd\\u0001é', // JSON with \/ (PHP)
      'Pa/ss+W rd\\u0001\\u00e9', // JSON with \u escapes (ensure_ascii)
      'Pa/ss+W rd\\u0001\\u00E9',
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
    ];
    for (const echo of echoes) expect(m.text(`before ${echo} after`), echo).toBe('before [REDACTED] after');
    // Header names reach us lower-cased: a token sent back as a name is masked in any case.
    const named = new Redactor(['Tok-En-1234']).headers({ 'tok-en-1234': 'x', 'x-tok-en-1234-y': 'z', plain: 'v' });
    expect(named).toEqual({ '[REDACTED]': 'x', 'x-[REDACTED]-y': 'z', plain: 'v' });
  });
});

test.describe('verdicts', () => {
  const provenance = {} as Provenance;
  const result = scenarioResult;

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
    expect(report.totals).toEqual({
      total: 6,
      passed: 3,
      failed: 2,
      knownDeviation: 0,
      notApplicable: 1,
      errored: 0,
      notRun: 0,
    });
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
    checks: [
      {
        at: 'expect.status',
        line: 12,
        kind: 'status',
        step: 'request',
        outcome: 'failed',
        message: 'status 200, expected 404',
      },
      {
        at: 'expect.body.schema',
        line: 14,
        kind: 'schema',
        step: 'request',
        outcome: 'notRun',
        message: 'not checked: status 200 …',
      },
      { at: 'expect.headers.present[0]', line: 13, kind: 'header', step: 'request', outcome: 'passed' },
    ],
    transcript: [
      {
        step: 'request',
        request: { method: 'GET', url: 'https://h/x', headers: { 'x-auth-token': '[REDACTED]' } },
        response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{}', durationMs: 1 },
      },
    ],
  });
  expect(text).toBe(
    'FAILED: status 200, expected 404\n- [request] expect.status (line 12) failed: status 200, expected 404\n- [request] expect.body.schema (line 14) not run: not checked: status 200 …\n\n--- request\nGET https://h/x\nx-auth-token: [REDACTED]\n\n<= 200 (1 ms)\ncontent-type: application/json\n\n{}\n\n(2 repeated exchanges omitted)',
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

test.describe('known deviations (the one place that decides them)', () => {
  const listed = { scenario: '201-x', status: 200, reason: 'production answers 200' };
  const check = (over: Partial<CheckResult>): CheckResult => ({
    at: 'expect.status',
    line: 9,
    kind: 'status',
    step: 'request',
    outcome: 'failed',
    message: 'status 200, expected 201',
    ...over,
  });
  const run = (over: Partial<RunResult>): RunResult => ({
    status: 'failed',
    reason: 'status 200, expected 201',
    expected: { status: 201 },
    actual: { status: 200 },
    checks: [check({}), check({ at: 'expect.body.schema', kind: 'schema', outcome: 'passed', message: undefined })],
    transcript: [],
    durationMs: 1,
    ...over,
  });

  test('match only the listed status of the main request, with nothing else wrong', () => {
    expect(outcomeOf(run({}), listed)).toEqual({
      status: 'knownDeviation',
      reason: 'known deviation: status 200, expected 201 (production answers 200)',
      deviation: { status: 200, reason: 'production answers 200' },
    });
    expect(outcomeOf(run({ actual: { status: 500 } }), listed).status).toBe('failed');
    const schemaToo = run({
      checks: [check({}), check({ at: 'expect.body.schema', kind: 'schema', message: '/data must be object' })],
    });
    expect(outcomeOf(schemaToo, listed).status).toBe('failed');
    const verifyFailed = run({
      checks: [
        check({ at: 'verify[0].expect.status', step: 'verify: still there', message: 'status 404, expected 200' }),
      ],
    });
    expect(outcomeOf(verifyFailed, listed).status).toBe('failed');
    expect(outcomeOf(run({ status: 'errored', reason: 'set-up did not work' }), listed)).toEqual({
      status: 'errored',
      reason: 'set-up did not work',
    });
    expect(outcomeOf(run({}), undefined)).toEqual({ status: 'failed', reason: 'status 200, expected 201' });
  });

  test('an entry whose scenario passes is stale', () => {
    const passed = run({
      status: 'passed',
      reason: undefined,
      checks: [check({ outcome: 'passed', message: undefined })],
      actual: { status: 201 },
    });
    expect(outcomeOf(passed, listed)).toEqual({
      status: 'passed',
      deviation: { status: 200, reason: 'production answers 200', stale: true },
    });
  });
});

test('every *_TOKEN and *_PASSWORD value and the Basic credentials are secrets', () => {
  const profile = {
    TARGET_BASE_URL: 'https://h.test/stores/s',
    TARGET_AUTH_TOKEN: 'auth-token-1',
    TARGET_FAULT_TOKEN: 'fault-token-2',
    TARGET_LEGACY_USER: 'legacy-user',
    TARGET_LEGACY_PASSWORD: 'legacy-password-3',
    TARGET_CATEGORY_LIMIT: '5',
  };
  expect(secretsOf(profile).sort()).toEqual(
    [
      'auth-token-1',
      'fault-token-2',
      'legacy-password-3',
      Buffer.from('legacy-user:legacy-password-3').toString('base64'),
    ].sort(),
  );
});

test('the user and password of any URL, and *_SECRET / *_KEY values, are secrets too', () => {
  const profile = {
    TARGET_BASE_URL: 'https://url-user:p%40ss-word@h.test/stores/s',
    TARGET_FAULT_BASE_URL: 'https://only-user@h.test/stores/f',
    TARGET_HTTP_BASE_URL: 'not a url',
    TARGET_CLIENT_SECRET: 'client-secret-4',
    TARGET_API_KEY: 'api-key-5',
  };
  expect(secretsOf(profile).sort()).toEqual(
    ['url-user', 'p%40ss-word', 'p@ss-word', 'only-user', 'client-secret-4', 'api-key-5'].sort(),
  );
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
