// src/scenario/expand.ts and substituteStatic (src/scenario/template.ts): a
// matrix file stands for one scenario per combination of its axes; values an
// axis does not have are reported per expansion, or dropped where a key is
// exactly that value.
import { test, expect } from '@playwright/test';
import { loadFamilies } from '../src/scenario/families-file';
import { expandScenario } from '../src/scenario/expand';
import type { ScenarioFileDoc } from '../src/scenario/format';
import { scenariosDir } from '../src/support/paths';

const families = loadFamilies(scenariosDir()).table;
const base = {
  id: '404-m',
  title: 'A matrix',
  code: 404,
  doc: 'status-codes.md, row 404',
  level: 'must',
  requires: ['TARGET_BASE_URL', 'TARGET_AUTH_TOKEN'],
  request: { method: 'GET', path: '/x' },
  expect: { status: 404 },
} as ScenarioFileDoc;

test('a file without axes is one scenario; a `use` step in it is a problem', () => {
  const plain = expandScenario(base, families);
  expect(plain).toEqual({ expansions: [{ key: '', doc: base }], problems: [] });
  const using = expandScenario({ ...base, setup: [{ use: 'create' }] } as ScenarioFileDoc, families);
  expect(using.problems).toEqual([
    { path: ['setup', 0, 'use'], message: expect.stringContaining("`use` names a family's steps") },
  ]);
});

test('a list axis: one scenario per value, its name filled in, the operation named after it', () => {
  const doc = {
    ...base,
    each: { verb: ['get', 'head'] },
    request: { method: 'GET', path: '/x/${verb.name}/${id}' },
  } as ScenarioFileDoc;
  const { expansions, problems } = expandScenario(doc, families);
  expect(problems).toEqual([]);
  expect(expansions.map((x) => [x.key, x.doc.id, x.doc.operation, x.doc.request.path])).toEqual([
    ['get', '404-m.get', 'get', '/x/get/${id}'],
    ['head', '404-m.head', 'head', '/x/head/${id}'],
  ]);
  expect(expansions[0].doc).not.toHaveProperty('resource');
  expect(expansions[0].doc).not.toHaveProperty('each');
});

test('a value an axis lacks: reported where it is part of a text, the key dropped where it is the whole value', () => {
  const doc = {
    ...base,
    each: { op: { get: { method: 'GET', query: 'a=1' }, del: { method: 'DELETE' } } },
    request: { method: '${op.method}', path: '/x?${op.query}', headers: { 'x-q': '${op.query}' } },
    expect: { status: 404, body: { equals: { '/a': '${op.nothing}' } } },
  } as unknown as ScenarioFileDoc;
  const { expansions, problems } = expandScenario(doc, families);
  expect(expansions.map((x) => x.doc.request)).toEqual([
    { method: 'GET', path: '/x?a=1', headers: { 'x-q': 'a=1' } },
    { method: 'DELETE', path: '/x?${op.query}', headers: {} },
  ]);
  expect(problems).toEqual([
    {
      path: ['expect', 'body', 'equals', '/a'],
      message: '[get] ${op.nothing} has no value in this expansion (known: op.method, op.query, op.name)',
    },
    {
      path: ['request', 'path'],
      message: '[del] ${op.query} has no value in this expansion (known: op.method, op.query, op.name)',
    },
    {
      path: ['expect', 'body', 'equals', '/a'],
      message: '[del] ${op.nothing} has no value in this expansion (known: op.method, op.query, op.name)',
    },
  ]);
});
