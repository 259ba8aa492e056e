// src/scenario/problems.ts: how a problem is written (file:line:column: key:
// message) and where a key path is in a YAML file.
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { dotted, formatProblem, Locator, pathProblem, ScenarioFileError, shownPath } from '../src/scenario/problems';

test('a problem reads file:line:column: key: message; without a line, the file alone; without a key, no key', () => {
  expect(formatProblem({ file: 'a.yaml', line: 3, column: 5, at: 'request.path', message: 'bad' })).toBe(
    'a.yaml:3:5: request.path: bad',
  );
  expect(formatProblem({ file: 'a.yaml', line: 3, column: 5, at: '', message: 'bad' })).toBe('a.yaml:3:5: bad');
  expect(formatProblem(pathProblem('scenarios/x', 'is a loop'))).toBe('scenarios/x: is a loop');
  expect(pathProblem('f', 'm')).toEqual({ file: 'f', line: 0, column: 0, at: '', message: 'm' });
  const error = new ScenarioFileError([
    pathProblem('f', 'one'),
    { file: 'g', line: 1, column: 2, at: 'k', message: 'two' },
  ]);
  expect(error.message).toBe('f: one\ng:1:2: k: two');
  expect(error.name).toBe('ScenarioFileError');
  expect(error).toBeInstanceOf(Error);
});

test('paths are shown relative to the working folder, as typed; the folder itself as it is', () => {
  expect(shownPath(join(process.cwd(), 'scenarios', 'x.yaml'))).toBe(join('scenarios', 'x.yaml'));
  expect(shownPath(process.cwd())).toBe(process.cwd());
  expect(shownPath('/elsewhere/x.yaml')).toBe(
    join(
      ...process
        .cwd()
        .split('/')
        .filter(Boolean)
        .map(() => '..'),
      'elsewhere',
      'x.yaml',
    ),
  );
});

test('a key path is found at its value for a scalar, at its key for a block, at the key itself when asked', () => {
  const text =
    'id: x\nrequest:\n  method: GET\n  headers:\n    Accept: a\nsetup:\n  - name: one\n  - name: two\n    request: { path: /p }\n';
  const lines = new LineCounter();
  const locate = new Locator('f.yaml', parseDocument(text, { lineCounter: lines }), lines);
  expect(locate.problem(['id'], 'm')).toEqual({ file: 'f.yaml', line: 1, column: 5, at: 'id', message: 'm' });
  expect(locate.problem(['request'], 'm')).toMatchObject({ line: 2, column: 1, at: 'request' });
  expect(locate.problem(['request', 'method'], 'm')).toMatchObject({ line: 3, column: 11, at: 'request.method' });
  expect(locate.problem(['request', 'headers'], 'm', 'Accept')).toMatchObject({
    line: 5,
    column: 5,
    at: 'request.headers.Accept',
  });
  expect(locate.problem(['request'], 'm', 'method')).toMatchObject({ line: 3, column: 3, at: 'request.method' });
  expect(locate.problem(['setup', 1, 'request', 'path'], 'm')).toMatchObject({
    line: 9,
    column: 22,
    at: 'setup[1].request.path',
  });
  expect(locate.problem(['setup', 1], 'm')).toMatchObject({ line: 8, column: 5 });
  // A path that goes further than the file: the deepest part that exists.
  expect(locate.problem(['request', 'body', 'x'], 'm')).toMatchObject({ line: 2, column: 1, at: 'request.body.x' });
  expect(locate.problem(['setup', 5, 'name'], 'm')).toMatchObject({ line: 6, column: 1 });
  expect(locate.problem(['id', 'deeper'], 'm')).toMatchObject({ line: 1, column: 5 });
  expect(locate.lineOf(['setup', 0, 'name'])).toBe(7);
  expect(locate.lineOf([])).toBe(1);
});

test('a key path reads as code would write it: list indexes in brackets, odd keys quoted', () => {
  expect(dotted(['setup', 1, 'capture'])).toBe('setup[1].capture');
  expect(dotted([0, 'request'])).toBe('[0].request');
  expect(dotted(['expect', 'body', 'equals', '/data/id'])).toBe('expect.body.equals["/data/id"]');
  expect(dotted(['headers', 'match', 'Allow', 2])).toBe('headers.match.Allow[2]');
  expect(dotted([])).toBe('');
});
