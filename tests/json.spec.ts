// src/engine/json.ts: JSON helpers that never throw on what a target sends.
import { test, expect } from '@playwright/test';
import { getPointer, parseJson } from '../src/engine/json';

test('parseJson gives the value, or the parser’s own words for what is wrong', () => {
  expect(parseJson('{"a":[1]}')).toEqual({ ok: true, value: { a: [1] } });
  const bad = parseJson('{"a":');
  expect(bad.ok).toBe(false);
  expect(bad).toEqual({ ok: false, error: expect.stringMatching(/JSON/) });
});

test('a pointer into a string, a number, true or null finds nothing, and never throws', () => {
  const doc = { s: 'abc', n: 5, t: true, z: null, list: ['x'] };
  for (const pointer of ['/s/length', '/s/0', '/n/toFixed', '/t/valueOf', '/z/a', '/z/length'])
    expect(getPointer(doc, pointer), pointer).toBeUndefined();
  expect(getPointer(doc, '/list/0')).toBe('x');
  expect(getPointer(doc, '/z')).toBeNull();
  expect(getPointer({ a: { constructor: 1 } }, '/a/constructor')).toBe(1);
  expect(getPointer({}, '/constructor')).toBeUndefined();
});

test('an array is indexed by a plain decimal only: no length, no leading zero, nothing past the end (RFC 6901 §4)', () => {
  const doc = { list: ['a', 'b'], obj: { length: 3, '01': 'x' } };
  for (const pointer of ['/list/length', '/list/01', '/list/-', '/list/2', '/list/1.0', '/list/+1'])
    expect(getPointer(doc, pointer), pointer).toBeUndefined();
  expect(getPointer(doc, '/list/1')).toBe('b');
  expect(getPointer(doc, '/list/0')).toBe('a');
  // On an object the same keys are plain member names.
  expect(getPointer(doc, '/obj/length')).toBe(3);
  expect(getPointer(doc, '/obj/01')).toBe('x');
});
