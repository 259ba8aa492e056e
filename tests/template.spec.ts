// src/scenario/template.ts: `${name}` templates. A whole-string template keeps
// its value's type; counts are whole numbers joined by + and -; every name used
// is found with its key path; a matrix fills in only the names it knows.
import { test, expect } from '@playwright/test';
import {
  evalCount,
  interpolate,
  OMIT,
  ProfileVariableMissing,
  substituteStatic,
  TemplateError,
  templateNames,
  UnboundValue,
} from '../src/scenario/template';

const vars: Record<string, unknown> = { id: 42, name: 'n', list: [1, 2], obj: { a: 1 }, zero: 0, empty: '', no: false };
const lookup = (n: string) => vars[n];

test('interpolate: whole templates keep their type (spaces allowed), embedded ones become text, in any nesting', () => {
  expect(interpolate('${id}', lookup)).toBe(42);
  expect(interpolate('${ id }', lookup)).toBe(42);
  expect(interpolate('${list}', lookup)).toEqual([1, 2]);
  expect(interpolate('${zero}', lookup)).toBe(0);
  expect(interpolate('${empty}', lookup)).toBe('');
  expect(interpolate('${no}', lookup)).toBe(false);
  expect(interpolate('a-${id}-${ name }-${zero}', lookup)).toBe('a-42-n-0');
  expect(interpolate('x${obj}', lookup)).toBe('x[object Object]');
  expect(interpolate({ a: ['${id}', { b: '${name}' }], c: 3, d: null, e: true }, lookup)).toEqual({
    a: [42, { b: 'n' }],
    c: 3,
    d: null,
    e: true,
  });
  expect(interpolate('no template', lookup)).toBe('no template');
  expect(interpolate('$ {id} ${', lookup)).toBe('$ {id} ${');
});

test('interpolate: a missing profile variable and an unbound name are different errors, each naming it', () => {
  let e: unknown;
  try {
    interpolate('${env.TARGET_X}', lookup);
  } catch (err) {
    e = err;
  }
  expect(e).toBeInstanceOf(ProfileVariableMissing);
  expect(e).toMatchObject({
    name: 'ProfileVariableMissing',
    variable: 'TARGET_X',
    message: 'TARGET_X is not set in the target profile',
  });
  expect(() => interpolate('a ${nope}', lookup)).toThrow(UnboundValue);
  expect(() => interpolate('a ${nope}', lookup)).toThrow('${nope} has no value');
  try {
    interpolate('${nope}', lookup);
  } catch (err) {
    e = err;
  }
  expect(e).toBeInstanceOf(TemplateError);
  expect(e).toMatchObject({ name: 'UnboundValue' });
});

test('evalCount: whole numbers, + and -, spaces ignored; anything else says what it became', () => {
  expect(evalCount(5, lookup)).toBe(5);
  expect(evalCount('-3', lookup)).toBe(-3);
  expect(evalCount(' 10 - 3 + 1 ', lookup)).toBe(8);
  expect(evalCount('100-25+13', lookup)).toBe(88);
  expect(evalCount('${id}-2', lookup)).toBe(40);
  expect(evalCount('0', lookup)).toBe(0);
  let e: unknown;
  try {
    evalCount('${name}+1', lookup);
  } catch (err) {
    e = err;
  }
  expect(e).toBeInstanceOf(TemplateError);
  expect(e).toMatchObject({ name: 'TemplateError', message: '"${name}+1" is not a whole number (became "n+1")' });
  for (const bad of ['1.5', '1+', '+1', '1--1', '', '1e3', '2*3', 'x1'])
    expect(() => evalCount(bad, lookup), bad).toThrow(TemplateError);
});

test('templateNames: every name, trimmed, with the key path it is at', () => {
  expect(templateNames({ a: 'x ${ one } ${two}', b: [{ c: '${three}' }, 4, null], d: true })).toEqual([
    { name: 'one', path: ['a'] },
    { name: 'two', path: ['a'] },
    { name: 'three', path: ['b', 0, 'c'] },
  ]);
  expect(templateNames('${x}', ['root'])).toEqual([{ name: 'x', path: ['root'] }]);
  expect(templateNames(7)).toEqual([]);
});

test('substituteStatic: known namespaces are filled in, others left for the run; OMIT drops a key or an item', () => {
  const known = new Map<string, unknown>([
    ['op.method', 'GET'],
    ['op.n', 3],
    ['op.body', { a: 1 }],
    ['op.gone', OMIT],
    ['scenario.id', 's-1'],
  ]);
  const unknown: string[] = [];
  const report = (name: string, path: (string | number)[]) => unknown.push(`${name}@${path.join('.')}`);
  const out = substituteStatic(
    {
      method: '${op.method}',
      n: '${op.n}',
      body: '${op.body}',
      text: 'x-${op.n}-${op.body}-${scenario.id}-${run.prefix}-${opx.y}',
      '${op.method}-key': 1,
      gone: '${op.gone}',
      list: ['${op.gone}', '${op.n}', '${ op.method }'],
      later: '${id}',
      missing: '${op.none}',
      scenario: '${scenario}',
    },
    known,
    ['op', 'scenario'],
    report,
  );
  expect(out).toEqual({
    method: 'GET',
    n: 3,
    body: { a: 1 },
    text: 'x-3-{"a":1}-s-1-${run.prefix}-${opx.y}',
    'GET-key': 1,
    list: [3, 'GET'],
    later: '${id}',
    missing: '${op.none}',
    scenario: '${scenario}',
  });
  expect(unknown).toEqual(['op.none@missing', 'scenario@scenario']);
  // In a text, a value left out cannot be dropped: it is reported.
  unknown.length = 0;
  expect(substituteStatic('a${op.gone}b${op.nope}', known, ['op'], report, ['k'])).toBe('a${op.gone}b${op.nope}');
  expect(unknown).toEqual(['op.gone@k', 'op.nope@k']);
  expect(substituteStatic(5, known, ['op'], report)).toBe(5);
  expect(substituteStatic(null, known, ['op'], report)).toBeNull();
});
