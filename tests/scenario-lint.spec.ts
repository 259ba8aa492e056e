// src/scenario/lint.ts: what the schema cannot say about a scenario file: its
// id, the variables its templates use, captured names, verify expectations and
// the regular expressions and schemas it names, each at its line and key.
import { test, expect } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../src/scenario/load';
import { formatProblem, ScenarioFileError } from '../src/scenario/problems';

function problemsOf(dir: string, name: string, text: string): string[] {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  try {
    loadScenarioFile(join(dir, name), dir);
    return [];
  } catch (e) {
    if (!(e instanceof ScenarioFileError)) throw e;
    return e.problems.map((p) => formatProblem({ ...p, file: 'f' }));
  }
}

const HEAD = `title: A sample scenario
code: 404
doc: status-codes.md, row 404
level: must
`;

test('an id that does not start with its code is named at the id', ({}, testInfo) => {
  const text = `id: 405-sample\n${HEAD}requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]
request: { method: GET, path: /x }
expect: { status: 404 }
`;
  expect(problemsOf(testInfo.outputPath(), '405-sample.yaml', text)).toEqual([
    'f:1:5: id: id must start with the code "404-"',
  ]);
});

test('templates: profile variables must be required, request facts belong in expect, names must be captured', ({}, testInfo) => {
  const text = `id: 404-sample
${HEAD}requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]
setup:
  - request: { method: POST, path: '/a/\${env.TARGET_CATEGORY_LIMIT}', json: { n: '\${run.prefix}\${i}' } }
    capture: { made: { body: /data/id } }
request: { method: GET, path: '/x/\${request.path}/\${made}/\${run.id}' }
expect:
  status: 404
  body: { equals: { /path: '\${request.path}', /q: '\${request.query}', /u: '\${request.url}', /s: '\${store.path}' } }
cleanup:
  - request: { method: DELETE, path: '/a/\${item}/\${nope}' }
    forEach: made
`;
  expect(problemsOf(testInfo.outputPath(), '404-sample.yaml', text)).toEqual([
    'f:8:36: setup[0].request.path: uses ${env.TARGET_CATEGORY_LIMIT} but requires does not list TARGET_CATEGORY_LIMIT',
    'f:10:31: request.path: ${request.path} describes a judged request: use it inside expect',
    'f:15:38: cleanup[0].request.path: ${nope} is never captured; captured here: made',
  ]);
  const nothing = `id: 404-sample
${HEAD}requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]
request: { method: GET, path: '/x/\${nope}' }
expect: { status: 404 }
`;
  expect(problemsOf(testInfo.outputPath(), '404-sample.yaml', nothing)).toEqual([
    'f:7:31: request.path: ${nope} is never captured; captured here: nothing',
  ]);
});

test('forEach names a captured or collected value; a verify step says what it expects', ({}, testInfo) => {
  const text = `id: 404-sample
${HEAD}requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]
request: { method: GET, path: /x }
repeat: { times: 2, until: 404 }
collect: { ids: { body: /data/id } }
expect: { status: 404 }
verify:
  - request: { method: GET, path: /y }
  - request: { method: GET, path: /z }
    expect: { status: 404 }
  - wait: { ms: 1 }
cleanup:
  - request: { method: DELETE, path: '/a/\${item}' }
    forEach: ids
  - request: { method: DELETE, path: '/b/\${item}' }
    forEach: made
`;
  expect(problemsOf(testInfo.outputPath(), '404-sample.yaml', text)).toEqual([
    'f:20:14: cleanup[1].forEach: "made" is not captured or collected by any step',
    'f:12:5: verify[0]: a verify step counts towards the verdict: say what it expects (expect: { status: … })',
  ]);
});

test('regular expressions in header and body checks must compile; a schema must exist', ({}, testInfo) => {
  const text = `id: 404-sample
${HEAD}requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]
request: { method: GET, path: /x }
expect:
  status: 404
  headers: { notMatch: { Server: '[' } }
  body: { notMatch: '(', schema: no-such-schema }
`;
  const problems = problemsOf(testInfo.outputPath(), '404-sample.yaml', text);
  expect(problems).toEqual([
    expect.stringMatching(/^f:10:\d+: expect\.headers\.notMatch\.Server: not a valid regular expression: .+/),
    expect.stringMatching(/^f:11:\d+: expect\.body\.notMatch: not a valid regular expression: .+/),
    expect.stringMatching(/^f:11:\d+: expect\.body\.schema: unknown schema "no-such-schema" \(known: .*error-v3.*\)$/),
  ]);
  const valid = text
    .replace("'['", "'x'")
    .replace("notMatch: '(', schema: no-such-schema", 'notMatch: x, schema: error-v3');
  expect(problemsOf(testInfo.outputPath(), '404-sample.yaml', valid)).toEqual([]);
  expect(
    problemsOf(
      testInfo.outputPath(),
      '404-sample.yaml',
      valid.replace('  body: { notMatch: x, schema: error-v3 }\n', '  body: empty\n'),
    ),
  ).toEqual([]);
});

test('the file is named for its id; a request names what its store needs; verify steps are checked like the others', ({}, testInfo) => {
  const text = `id: 404-sample
${HEAD}requires: [TARGET_BASE_URL, TARGET_AUTH_TOKEN]
setup:
  - request: { method: POST, path: /a }
    capture: { one: { body: /data/id }, two: { body: /data/name } }
request: { method: GET, path: '/x/\${three}/\${three}' }
expect: { status: 404 }
verify:
  - request: { method: GET, path: /y, store: rateLimited }
    expect: { status: 404, body: { notMatch: '(' } }
`;
  // ${three} is used twice on one line: one problem. The rate-limited store's token falls back to the main one.
  expect(problemsOf(testInfo.outputPath(), '404-other.yaml', text)).toEqual([
    'f:1:5: id: the file must be named 404-sample.yaml (it is 404-other.yaml), so an id leads to its file',
    'f:13:5: verify[0].request: a request to store "rateLimited" needs TARGET_RATE_LIMITED_BASE_URL: add to requires',
    'f:14:46: verify[0].expect.body.notMatch: not a valid regular expression: Invalid regular expression: /(/: Unterminated group',
    'f:10:31: request.path: ${three} is never captured; captured here: one, two',
  ]);
});

test('a schema problem is at its key: a numeric key is a list index, a key with digits in it is a name', ({}, testInfo) => {
  const requires = [
    'TARGET_BASE_URL',
    'TARGET_AUTH_TOKEN',
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `TARGET_X${n}`),
    'bad',
  ];
  const text = `id: 404-sample
${HEAD}requires:
${requires.map((r) => `  - ${r}`).join('\n')}
request: { method: GET, path: /x }
expect:
  status: 404
  headers:
    match:
      2x: 5
      x2: 6
`;
  expect(problemsOf(testInfo.outputPath(), '404-sample.yaml', text)).toEqual([
    'f:17:5: requires[10]: "bad" does not match ^TARGET_[A-Z0-9_]+$',
    'f:23:11: expect.headers.match["2x"]: must be string (found 5)',
    'f:24:11: expect.headers.match.x2: must be string (found 6)',
  ]);
});
