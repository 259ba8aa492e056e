// src/engine/redact.ts: header names that mask alike keep every value.
import { test, expect } from '@playwright/test';
import { Redactor } from '../src/engine/redact';

test('two header names that mask to the same name keep both values, as a repeated header does', () => {
  const r = new Redactor(['alpha-secret', 'bravo-secret']);
  expect(r.headers({ 'x-alpha-secret': 'one', 'x-bravo-secret': 'two', plain: 'three' })).toEqual({
    'x-[REDACTED]': 'one, two',
    plain: 'three',
  });
});

test('credential headers are masked by name, whatever their value', () => {
  const r = new Redactor([]);
  expect(
    r.headers({
      'X-Auth-Token': 'a',
      Authorization: 'b',
      'proxy-authorization': 'c',
      cookie: 'd',
      'set-cookie': 'e',
      'x-auth-client': 'f',
      'x-other': 'g',
    }),
  ).toEqual({
    'X-Auth-Token': '[REDACTED]',
    Authorization: '[REDACTED]',
    'proxy-authorization': '[REDACTED]',
    cookie: '[REDACTED]',
    'set-cookie': '[REDACTED]',
    'x-auth-client': '[REDACTED]',
    'x-other': 'g',
  });
  expect(r.text('anything')).toBe('anything');
});

test('an empty secret masks nothing; a secret inside a longer one leaves no part of the longer one', () => {
  expect(new Redactor(['']).text('abc')).toBe('abc');
  expect(new Redactor(['', 'tok1']).text('a tok1 b')).toBe('a [REDACTED] b');
  const r = new Redactor(['abcd', 'abcdefgh']);
  expect(r.text('x abcdefgh y abcd')).toBe('x [REDACTED] y [REDACTED]');
  expect(new Redactor(['abcdefgh', 'abcd']).text('abcdefgh')).toBe('[REDACTED]');
  // Regular-expression characters in a secret are plain characters.
  expect(new Redactor(['a.b*c']).text('a.b*c axbbc')).toBe('[REDACTED] axbbc');
});
