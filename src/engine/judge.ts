// Compares one response with what the scenario expects. Every check is
// independent and reports what was expected and what came, so one look at the
// report tells a vendor what to fix.
import type { BodyExpect, ExpectSpec, HeaderExpect, StatusExpect } from '../scenario/types';
import type { IncomingResponse } from './http';
import { getPointer, parseJson } from './json';
import { validatorFor } from './schemas';
import type { CheckFailure } from './verdict';

export interface JudgeContext {
  step: string;
  /** The URL the request went to; a relative Location resolves against it. */
  requestUrl: string;
  /** Expected values with their templates already resolved. */
  expect: ExpectSpec;
}

export function statusMatches(expected: StatusExpect, actual: number): boolean {
  if (typeof expected === 'number') return expected === actual;
  if (Array.isArray(expected)) return expected.includes(actual);
  return String(actual)[0] === expected[0];
}

export function judge(res: IncomingResponse, ctx: JudgeContext): CheckFailure[] {
  const { expect, step } = ctx;
  const failures: CheckFailure[] = [];
  const fail = (f: Omit<CheckFailure, 'step'>) => failures.push({ ...f, step });

  if (expect.status !== undefined && !statusMatches(expect.status, res.status)) {
    fail({
      check: 'status',
      message: `status ${res.status}, expected ${String(expect.status)}`,
      expected: String(expect.status),
      actual: String(res.status),
    });
  }
  if (expect.headers) checkHeaders(expect.headers, res, fail);
  if (expect.location !== undefined) checkLocation(expect.location, res, ctx.requestUrl, fail);
  if (expect.body !== undefined) checkBody(expect.body, res, fail);
  return failures;
}

type Fail = (f: Omit<CheckFailure, 'step'>) => void;

function checkHeaders(h: HeaderExpect, res: IncomingResponse, fail: Fail): void {
  const get = (name: string) => res.headers[name.toLowerCase()];
  for (const name of h.present ?? []) {
    if (get(name) === undefined)
      fail({ check: 'header', message: `header ${name} is missing`, expected: `${name} present`, actual: 'absent' });
  }
  for (const name of h.absent ?? []) {
    if (get(name) !== undefined)
      fail({ check: 'header', message: `header ${name} must be absent`, expected: 'absent', actual: get(name) });
  }
  for (const [name, pattern] of Object.entries(h.match ?? {})) {
    const value = get(name);
    if (value === undefined || !new RegExp(pattern, 'i').test(value)) {
      fail({
        check: 'header',
        message: `header ${name} ${value === undefined ? 'is missing' : `"${value}" does not match /${pattern}/`}`,
        expected: `/${pattern}/`,
        actual: value ?? 'absent',
      });
    }
  }
  for (const [name, pattern] of Object.entries(h.notMatch ?? {})) {
    const value = get(name);
    if (value !== undefined && new RegExp(pattern, 'i').test(value)) {
      fail({
        check: 'header',
        message: `header ${name} "${value}" must not match /${pattern}/`,
        expected: `not /${pattern}/`,
        actual: value,
      });
    }
  }
}

function checkLocation(expected: string, res: IncomingResponse, requestUrl: string, fail: Fail): void {
  const raw = res.headers.location;
  if (raw === undefined)
    return fail({ check: 'location', message: 'Location header is missing', expected, actual: 'absent' });
  let actual: string;
  try {
    actual = new URL(raw, requestUrl).href;
  } catch {
    return fail({ check: 'location', message: `Location "${raw}" is not a URL reference`, expected, actual: raw });
  }
  const want = new URL(expected).href;
  if (actual !== want)
    fail({ check: 'location', message: `Location resolves to ${actual}, expected ${want}`, expected: want, actual });
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

function checkBody(expected: BodyExpect, res: IncomingResponse, fail: Fail): void {
  if (expected === 'empty') {
    if (res.body.length > 0)
      fail({
        check: 'body',
        message: `expected no body, got ${res.body.length} bytes`,
        expected: 'empty',
        actual: snippet(res.body),
      });
    return;
  }
  if (expected.notMatch && new RegExp(expected.notMatch).test(res.body)) {
    fail({
      check: 'body',
      message: `body must not match /${expected.notMatch}/`,
      expected: `not /${expected.notMatch}/`,
      actual: snippet(res.body),
    });
  }
  const wantsJson = expected.schema !== undefined || expected.statusMatches || expected.equals;
  if (!wantsJson) return;
  const type = res.headers['content-type'] ?? '';
  const accept = expected.alsoAccept ?? [];
  if (accept.includes('empty') && res.body.length === 0) return;
  if (accept.includes('text') && /^text\/plain\s*(;|$)/i.test(type)) return;
  if (!JSON_TYPE.test(type)) {
    const also = accept.length ? ` (or ${accept.join(', ')})` : '';
    return fail({
      check: 'body',
      message: `Content-Type "${type || 'absent'}" is not JSON${also}`,
      expected: `application/json${also}`,
      actual: type || 'absent',
    });
  }
  const parsed = parseJson(res.body);
  if (!parsed.ok)
    return fail({
      check: 'body',
      message: `body is not valid JSON: ${parsed.error}`,
      expected: 'JSON',
      actual: snippet(res.body),
    });
  const body = parsed.value;

  if (expected.schema !== undefined) {
    const validate = validatorFor(expected.schema);
    if (!validate(body)) {
      for (const e of validate.errors ?? []) {
        const path = e.instancePath || '/';
        fail({
          check: 'schema',
          message: `${path} ${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`,
          instancePath: e.instancePath,
          expected: e.message,
          actual: snippet(JSON.stringify(getPointer(body, e.instancePath) ?? null)),
        });
      }
    }
  }
  if (expected.statusMatches) checkBodyStatus(body, res.status, fail);
  for (const [pointer, want] of Object.entries(expected.equals ?? {})) {
    const got = getPointer(body, pointer);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      fail({
        check: 'body',
        message: `body ${pointer} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`,
        instancePath: pointer,
        expected: JSON.stringify(want),
        actual: snippet(JSON.stringify(got) ?? 'absent'),
      });
    }
  }
}

/** V3 errors carry `status`; V2 errors are an array of objects each with `status`. */
function checkBodyStatus(body: unknown, status: number, fail: Fail): void {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0)
    return fail({ check: 'bodyStatus', message: 'error array is empty', expected: `status ${status}`, actual: '[]' });
  items.forEach((item, i) => {
    const got = (item as { status?: unknown } | null)?.status;
    if (got !== status) {
      const where = Array.isArray(body) ? `/${i}/status` : '/status';
      fail({
        check: 'bodyStatus',
        message: `body ${where} is ${JSON.stringify(got)}, expected ${status} (the HTTP status)`,
        instancePath: where,
        expected: String(status),
        actual: JSON.stringify(got) ?? 'absent',
      });
    }
  });
}

export function snippet(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} bytes)` : text;
}
