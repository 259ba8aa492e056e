// Request-body validation: every missing or wrong field is reported at once,
// as the V3 `errors` object (field → message) / the V2 `details`.
import type { Mutations } from './mutants';
import { refuse } from './replies';

/** A message when the value is not acceptable, else undefined. */
export type Check = (value: unknown) => string | undefined;

export interface Field {
  check: Check;
  required?: boolean;
}

/**
 * The known fields of `body` that passed their checks; answers 400 otherwise.
 * `partial` (PUT) makes every field optional.
 */
export function validate(
  body: unknown,
  fields: Record<string, Field>,
  m: Mutations,
  partial = false,
): Record<string, unknown> {
  if (!isPlainObject(body)) invalid(m, { body: 'must be a JSON object' });
  const errors: Record<string, string> = {};
  const valid: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = body[name];
    const problem = value === undefined ? (field.required && !partial ? 'is required' : undefined) : field.check(value);
    if (problem) errors[name] = problem;
    else if (value !== undefined) valid[name] = value;
  }
  if (Object.keys(errors).length > 0) invalid(m, errors);
  return valid;
}

function invalid(m: Mutations, errors: Record<string, string>): never {
  // The production API answers 422 here; the documented table says 400.
  refuse(m.has('missing-field-422') ? 422 : 400, 'The request is missing required data or has invalid values.', {
    errors,
  });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const nonEmptyString: Check = (v) =>
  typeof v === 'string' && v.trim() !== '' ? undefined : 'must be a non-empty string';

export const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of: ${allowed.join(', ')}`;

export const nonNegativeNumber: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'must be a number >= 0';

export const nonNegativeInteger: Check = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : 'must be an integer >= 0';

export const boolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');

export const object: Check = (v) => (isPlainObject(v) ? undefined : 'must be an object');

export const nonEmptyListOfObjects: Check = (v) =>
  Array.isArray(v) && v.length > 0 && v.every(isPlainObject) ? undefined : 'must be a non-empty array of objects';

export const httpsUrl: Check = (v) => {
  if (typeof v !== 'string' || !URL.canParse(v)) return 'must be an https URL';
  return new URL(v).protocol === 'https:' ? undefined : 'must be an https URL';
};

// Deliberately loose: one `@` with something on either side, no spaces.
export const email: Check = (v) =>
  typeof v === 'string' && /^[^\s@]+@[^\s@]+$/.test(v.trim()) ? undefined : 'must be an email address';
