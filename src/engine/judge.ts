// Judges one response against the checks a step asks for. Every check gets a
// result, passed ones too. When the status is already in the wrong class, the
// other checks are not run: an error-body check on a success body explains
// nothing. Checks that share a precondition (a Location to resolve, a JSON
// body to read) fail once on it; the rest of the group is marked not run.
import type { AlsoAccept, Check, CheckKind } from '../scenario/checks';
import { checkId } from '../scenario/checks';
import type { StatusExpect } from '../scenario/format';
import { validatorFor } from '../scenario/schemas';
import type { IncomingResponse } from './http';
import { getPointer, parseJson } from './json';
import type { CheckResult } from './result';

/** A check result before its line is known (the scenario's declared checks supply it). */
export type Judged = Omit<CheckResult, 'line'>;

export interface JudgeContext {
  step: string;
  /** The URL the request went to; a relative Location resolves against it. */
  requestUrl: string;
}

export function statusMatches(expected: StatusExpect, actual: number): boolean {
  if (typeof expected === 'number') return expected === actual;
  if (Array.isArray(expected)) return expected.includes(actual);
  return String(actual)[0] === expected[0];
}

/** The status classes an expectation allows, e.g. `4` for 404. */
function classesOf(expected: StatusExpect): string[] {
  return (Array.isArray(expected) ? expected : [expected]).map((s) => String(s)[0]);
}

type Verdict = Omit<Judged, 'at' | 'kind' | 'step'>;
const passed = (more: Partial<Verdict> = {}): Verdict => ({ outcome: 'passed', ...more });
const failed = (message: string, more: Partial<Verdict> = {}): Verdict => ({ outcome: 'failed', message, ...more });
const notRun = (message: string): Verdict => ({ outcome: 'notRun', message });

export function judge(res: IncomingResponse, checks: readonly Check[], ctx: JudgeContext): Judged[] {
  const out: Judged[] = [];
  const record = (c: Check, v: Verdict) =>
    out.push({ at: checkId(c), kind: c.kind as CheckKind, step: ctx.step, ...v });
  const status = checks.find((c) => c.kind === 'status');
  let wrongClass: string | undefined;
  if (status?.kind === 'status') {
    const ok = statusMatches(status.expected, res.status);
    const expected = String(status.expected);
    record(
      status,
      ok
        ? passed({ expected, actual: String(res.status) })
        : failed(`status ${res.status}, expected ${expected}`, { expected, actual: String(res.status) }),
    );
    if (!ok && !classesOf(status.expected).includes(String(res.status)[0])) {
      wrongClass = `not checked: status ${res.status} is not the answer this check is about (expected ${expected})`;
    }
  }
  const groups = new Preconditions();
  for (const c of checks) {
    if (c === status) continue;
    if (wrongClass) record(c, notRun(wrongClass));
    else record(c, evaluate(c, res, ctx, groups, checkId(c)));
  }
  return out;
}

/** The first check of a group that meets a broken precondition fails on it; the others are not run. */
class Preconditions {
  private readonly reported = new Map<string, string>();

  verdict(group: string, at: string, message: string, more: Partial<Verdict> = {}): Verdict {
    const first = this.reported.get(group);
    if (first) return notRun(`not checked: ${message} (see ${first})`);
    this.reported.set(group, at);
    return failed(message, more);
  }
}

function evaluate(c: Check, res: IncomingResponse, ctx: JudgeContext, pre: Preconditions, at: string): Verdict {
  switch (c.kind) {
    case 'status':
      return passed(); // judged above; a second status key cannot exist
    case 'header':
      return header(c, res, pre, at);
    case 'location':
      return location(c, res, ctx.requestUrl, pre, at);
    case 'body':
      if (c.op === 'empty') {
        return res.body.length === 0
          ? passed()
          : failed(`expected no body, got ${res.body.length} bytes`, { expected: 'empty', actual: snippet(res.body) });
      }
      if (c.op === 'notMatch') {
        return new RegExp(c.pattern).test(res.body)
          ? failed(`body must not match /${c.pattern}/`, { expected: `not /${c.pattern}/`, actual: snippet(res.body) })
          : passed();
      }
      return withJson(c.accept, res, pre, at, (body) => {
        const got = getPointer(body, c.pointer);
        const want = JSON.stringify(c.value);
        return JSON.stringify(got) === want
          ? passed({ instancePath: c.pointer })
          : failed(`body ${c.pointer} is ${JSON.stringify(got) ?? 'absent'}, expected ${want}`, {
              instancePath: c.pointer,
              expected: want,
              actual: snippet(JSON.stringify(got) ?? 'absent'),
            });
      });
    case 'schema':
      return withJson(c.accept, res, pre, at, (body) => schema(c.schema, body));
    case 'bodyStatus':
      return withJson(c.accept, res, pre, at, (body) => bodyStatus(body, res.status));
  }
}

function header(c: Extract<Check, { kind: 'header' }>, res: IncomingResponse, pre: Preconditions, at: string): Verdict {
  const value = res.headers[c.name.toLowerCase()];
  const group = `header ${c.name.toLowerCase()}`;
  switch (c.op) {
    case 'present':
      return value === undefined
        ? pre.verdict(group, at, `header ${c.name} is missing`, { expected: `${c.name} present`, actual: 'absent' })
        : passed({ actual: value });
    case 'absent':
      return value === undefined
        ? passed()
        : failed(`header ${c.name} must be absent`, { expected: 'absent', actual: value });
    case 'match':
      if (value === undefined)
        return pre.verdict(group, at, `header ${c.name} is missing`, { expected: `/${c.pattern}/`, actual: 'absent' });
      return new RegExp(c.pattern, 'i').test(value)
        ? passed({ actual: value })
        : failed(`header ${c.name} "${value}" does not match /${c.pattern}/`, {
            expected: `/${c.pattern}/`,
            actual: value,
          });
    case 'notMatch':
      return value !== undefined && new RegExp(c.pattern, 'i').test(value)
        ? failed(`header ${c.name} "${value}" must not match /${c.pattern}/`, {
            expected: `not /${c.pattern}/`,
            actual: value,
          })
        : passed();
  }
}

function location(
  c: Extract<Check, { kind: 'location' }>,
  res: IncomingResponse,
  requestUrl: string,
  pre: Preconditions,
  at: string,
): Verdict {
  const raw = res.headers.location;
  if (raw === undefined) return pre.verdict('location', at, 'Location header is missing', { actual: 'absent' });
  let url: URL;
  try {
    // RFC 9110 §10.2.2: a relative reference resolves against the request's target URI.
    url = new URL(raw, requestUrl);
  } catch {
    return pre.verdict('location', at, `Location "${raw}" is not a URL reference`, { actual: raw });
  }
  const compare = (what: string, actual: string, expected: string): Verdict =>
    actual === expected
      ? passed({ expected, actual })
      : failed(`Location ${raw} has ${what} ${actual || '(none)'}, expected ${expected || '(none)'}`, {
          expected,
          actual,
        });
  switch (c.part) {
    case 'url': {
      const want = new URL(c.value, requestUrl).href;
      return url.href === want
        ? passed({ expected: want, actual: url.href })
        : failed(`Location resolves to ${url.href}, expected ${want}`, { expected: want, actual: url.href });
    }
    case 'scheme':
      return compare('scheme', url.protocol.slice(0, -1), c.value.toLowerCase().replace(/:$/, ''));
    case 'hostOf':
      return compare('host', authority(url), expectedAuthority(c.value, url));
    case 'path':
      return compare('path', url.pathname, c.value);
    case 'query':
      return compare('query', url.search.replace(/^\?/, ''), c.value.replace(/^\?/, ''));
  }
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** host:port of a URL, with its effective port. */
function authority(u: URL): string {
  return `${u.hostname}:${u.port || DEFAULT_PORTS[u.protocol] || ''}`;
}

/** The host of `reference`, and its port if it names one; else the default port of the Location's own scheme. */
function expectedAuthority(reference: string, location: URL): string {
  const ref = new URL(reference);
  return `${ref.hostname}:${ref.port || DEFAULT_PORTS[location.protocol] || ''}`;
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

/** Runs a check on the parsed JSON body, unless the body is an accepted alternative or no JSON at all. */
function withJson(
  accept: AlsoAccept,
  res: IncomingResponse,
  pre: Preconditions,
  at: string,
  check: (body: unknown) => Verdict,
): Verdict {
  const type = res.headers['content-type'] ?? '';
  if (accept.includes('empty') && res.body.length === 0) return passed({ actual: 'empty body (accepted)' });
  if (accept.includes('text') && /^text\/plain\s*(;|$)/i.test(type))
    return passed({ actual: 'text/plain body (accepted)' });
  if (!JSON_TYPE.test(type)) {
    const also = accept.length ? ` (or ${accept.join(', ')})` : '';
    return pre.verdict('json', at, `Content-Type "${type || 'absent'}" is not JSON${also}`, {
      expected: `application/json${also}`,
      actual: type || 'absent',
    });
  }
  const parsed = parseJson(res.body);
  if (!parsed.ok)
    return pre.verdict('json', at, `body is not valid JSON: ${parsed.error}`, {
      expected: 'JSON',
      actual: snippet(res.body),
    });
  return check(parsed.value);
}

function schema(name: string | object, body: unknown): Verdict {
  const validate = validatorFor(name);
  if (validate(body)) return passed();
  const errors = (validate.errors ?? []).map((e) => {
    const params = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '';
    return { path: e.instancePath, text: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${params}` };
  });
  const first = errors[0] ?? { path: '', text: '/ is invalid' };
  return failed(first.text + (errors.length > 1 ? ` (+${errors.length - 1} more)` : ''), {
    instancePath: first.path,
    expected: typeof name === 'string' ? `schema ${name}` : 'the inline schema',
    actual: snippet(JSON.stringify(getPointer(body, first.path) ?? null)),
    details: errors.map((e) => e.text),
  });
}

/** V3 errors carry `status`; V2 errors are an array of objects each with `status`. */
function bodyStatus(body: unknown, status: number): Verdict {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return failed('error array is empty', { expected: `status ${status}`, actual: '[]' });
  const wrong = items
    .map((item, i) => ({ i, got: (item as { status?: unknown } | null)?.status }))
    .filter((x) => x.got !== status);
  if (!wrong.length) return passed({ expected: String(status), actual: String(status) });
  const where = (i: number) => (Array.isArray(body) ? `/${i}/status` : '/status');
  const first = wrong[0];
  return failed(
    `body ${where(first.i)} is ${JSON.stringify(first.got) ?? 'absent'}, expected ${status} (the HTTP status)`,
    {
      instancePath: where(first.i),
      expected: String(status),
      actual: JSON.stringify(first.got) ?? 'absent',
      ...(wrong.length > 1
        ? { details: wrong.map((w) => `${where(w.i)} is ${JSON.stringify(w.got) ?? 'absent'}`) }
        : {}),
    },
  );
}

export function snippet(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} bytes)` : text;
}
