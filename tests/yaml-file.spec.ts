// src/scenario/yaml-file.ts: a YAML file read and checked against a JSON Schema,
// every problem pinned to file, line, column and key, in words a person can act on.
import { test, expect } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { Locator, ScenarioFileError, shownPath, type Problem } from '../src/scenario/problems';
import { validatorFor } from '../src/scenario/schemas';
import { readYamlFile, schemaProblems } from '../src/scenario/yaml-file';

function problemsOf(run: () => unknown): Problem[] {
  try {
    run();
  } catch (e) {
    if (e instanceof ScenarioFileError) return e.problems;
    throw e;
  }
  return [];
}

/** The problems of `data` (the YAML text) against an inline schema. */
function against(schema: object, text: string): Problem[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const validate = validatorFor(schema);
  expect(validate(doc.toJS())).toBe(false);
  return schemaProblems(validate.errors ?? [], new Locator('f.yaml', doc, lines));
}

test('a file that cannot be read is one problem at its first line, naming the cause', ({}, testInfo) => {
  const absent = testInfo.outputPath('absent.yaml');
  expect(problemsOf(() => readYamlFile(absent, 'scenario'))).toEqual([
    { file: shownPath(absent), line: 1, column: 1, at: '', message: 'cannot read: ENOENT' },
  ]);
  const folder = testInfo.outputPath('folder.yaml');
  mkdirSync(folder);
  expect(problemsOf(() => readYamlFile(folder, 'scenario'))[0].message).toBe('cannot read: EISDIR');
});

test('YAML syntax errors: each at its line and column, one line of message', ({}, testInfo) => {
  const file = testInfo.outputPath('bad.yaml');
  writeFileSync(file, 'a: 1\nb: [1, 2\nc: 3\n');
  const problems = problemsOf(() => readYamlFile(file, 'scenario'));
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(p.file).toBe(shownPath(file));
    expect(p.at).toBe('');
    expect(p.message).toMatch(/^YAML syntax: [^\n]+$/);
  }
  expect(problems[0].line).toBeGreaterThanOrEqual(2);
  const dup = testInfo.outputPath('dup.yaml');
  writeFileSync(dup, 'a: 1\nb: 2\na: 3\n');
  expect(problemsOf(() => readYamlFile(dup, 'scenario'))).toEqual([
    expect.objectContaining({ line: 3, column: 1, message: expect.stringMatching(/^YAML syntax: .*unique/) }),
  ]);
});

test('aliases that expand past the limit are refused at the first alias, with what to do', ({}, testInfo) => {
  const file = testInfo.outputPath('laughs.yaml');
  const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 6; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  writeFileSync(file, `id: x\n${levels.join('\n')}\n`);
  expect(problemsOf(() => readYamlFile(file, 'scenario'))).toEqual([
    {
      file: shownPath(file),
      line: 3,
      column: 8,
      at: '',
      message:
        'YAML aliases expand to more than 100 nodes (a "billion laughs" file?): write the values out instead of nesting aliases',
    },
  ]);
  // A few aliases are fine: the file then fails only its schema.
  const few = testInfo.outputPath('few.yaml');
  writeFileSync(few, 'title: &t x\nother: *t\n');
  expect(problemsOf(() => readYamlFile(few, 'scenario')).map((p) => p.message)).not.toContainEqual(
    expect.stringContaining('aliases'),
  );
});

test('a valid file gives its data, its text and a locator for its keys', ({}, testInfo) => {
  const file = testInfo.outputPath('404-ok.yaml');
  const text = `id: 404-ok
title: a title
code: 404
doc: status-codes.md, row 404
level: must
requires: [TARGET_BASE_URL]
request:
  method: GET
  path: /x
expect:
  status: 404
`;
  writeFileSync(file, text);
  const read = readYamlFile<{ id: string }>(file, 'scenario');
  expect(read.data.id).toBe('404-ok');
  expect(read.text).toBe(text);
  expect(read.locate.lineOf(['request', 'path'])).toBe(9);
});

test('schema problems: unknown keys with the near one or the allowed ones, missing keys, enum, pattern, const', () => {
  const schema = {
    type: 'object',
    properties: {
      $schema: {},
      method: { enum: ['GET', 'POST'] },
      path: { type: 'string', pattern: '^/' },
      kind: { const: 'x' },
      count: { type: 'integer' },
      list: {
        type: 'array',
        items: { type: 'object', properties: { 'a/b': { type: 'string' }, 'c~d': { type: 'string' } } },
      },
    },
    required: ['method', 'path'],
    additionalProperties: false,
  };
  const text = 'methd: GET\nzzz: 1\nkind: y\ncount: two\nlist:\n  - a/b: 1\n    c~d: 2\n';
  expect(against(schema, text)).toEqual([
    { file: 'f.yaml', line: 1, column: 1, at: '', message: 'missing required key "method"' },
    { file: 'f.yaml', line: 1, column: 1, at: '', message: 'missing required key "path"' },
    { file: 'f.yaml', line: 1, column: 1, at: 'methd', message: 'unknown key "methd"; did you mean "method"?' },
    {
      file: 'f.yaml',
      line: 2,
      column: 1,
      at: 'zzz',
      message: 'unknown key "zzz"; allowed here: method, path, kind, count, list',
    },
    { file: 'f.yaml', line: 3, column: 7, at: 'kind', message: 'must be "x"' },
    { file: 'f.yaml', line: 4, column: 8, at: 'count', message: 'must be integer (found "two")' },
    { file: 'f.yaml', line: 6, column: 10, at: 'list[0]["a/b"]', message: 'must be string (found 1)' },
    { file: 'f.yaml', line: 7, column: 10, at: 'list[0]["c~d"]', message: 'must be string (found 2)' },
  ]);
  expect(against(schema, 'method: PUT\npath: x\n')).toEqual([
    { file: 'f.yaml', line: 1, column: 9, at: 'method', message: 'must be one of "GET", "POST" (found "PUT")' },
    { file: 'f.yaml', line: 2, column: 7, at: 'path', message: '"x" does not match ^/' },
  ]);
});

test('schema problems: an unknown key where the schema lists none; a oneOf kept only when alone; one problem per line and message', () => {
  expect(against({ type: 'object', additionalProperties: false }, 'a: 1\n')).toEqual([
    { file: 'f.yaml', line: 1, column: 1, at: 'a', message: 'unknown key "a"; check the spelling' },
  ]);
  const oneOf = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  const alone = against({ type: 'object', properties: { v: oneOf } }, 'v: [1]\n');
  expect(alone.map((p) => p.message)).toEqual(['must be string (found [1])', 'must be integer (found [1])']);
  const both = { oneOf: [{ type: 'integer' }, { type: 'integer', minimum: 0 }] };
  const twice = against({ type: 'object', properties: { v: both } }, 'v: 1.5\n');
  expect(twice).toEqual([{ file: 'f.yaml', line: 1, column: 4, at: 'v', message: 'must be integer (found 1.5)' }]);
  const onlyOneOf = against({ type: 'object', properties: { v: { oneOf: [{}, {}] } } }, 'v: 1\n');
  expect(onlyOneOf).toEqual([
    { file: 'f.yaml', line: 1, column: 4, at: 'v', message: 'must match exactly one schema in oneOf (found 1)' },
  ]);
});
