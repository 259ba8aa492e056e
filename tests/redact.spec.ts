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
