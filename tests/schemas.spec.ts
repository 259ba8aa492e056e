// src/scenario/schemas.ts: every schema of schemas/ in one ajv instance, each validator compiled once.
import { test, expect } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { validatorFor } from '../src/scenario/schemas';
import { schemasDir } from '../src/support/paths';

test('a schema is named by its file in schemas/; an unknown name lists every known one', () => {
  const names = readdirSync(schemasDir())
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => f.slice(0, -'.schema.json'.length));
  expect(names).toContain('error-v3');
  for (const name of names) expect(typeof validatorFor(name), name).toBe('function');
  let message = '';
  try {
    validatorFor('no-such-schema');
  } catch (e) {
    message = (e as Error).message;
  }
  const listed = /^unknown schema "no-such-schema" \(known: (.*)\)$/.exec(message)?.[1].split(', ');
  expect(listed?.sort()).toEqual([...names].sort());
});

test('each validator is compiled once: by name, and by the JSON of an inline schema', () => {
  expect(validatorFor('error-v3')).toBe(validatorFor('error-v3'));
  const a = validatorFor({ type: 'string' });
  expect(validatorFor({ type: 'string' })).toBe(a);
  // Another inline schema is another validator, never the first one's.
  const b = validatorFor({ type: 'number' });
  expect(b).not.toBe(a);
  expect([a('x'), a(1), b('x'), b(1)]).toEqual([true, false, false, true]);
});

test('a validator reports every error, with the offending data (messages say what came)', () => {
  const validate = validatorFor({
    type: 'object',
    properties: { a: { type: 'string' }, b: { type: 'string' } },
    required: ['a', 'b', 'c'],
  });
  expect(validate({ a: 1, b: 2 })).toBe(false);
  expect(validate.errors?.map((e) => e.instancePath || e.keyword).sort()).toEqual(['/a', '/b', 'required']);
  expect(validate.errors?.find((e) => e.instancePath === '/a')?.data).toBe(1);
});
