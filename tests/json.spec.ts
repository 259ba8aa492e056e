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
