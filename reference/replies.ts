// What a handler answers, and how it goes on the wire. Errors are described
// once (status + detail) and rendered in the shape the path's API version
// documents: V3 an object, V2 an array of {status, message}.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Mutations } from './mutants';

export type Style = 'v3' | 'v2';

export const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

export interface Problem {
  detail?: string;
  /** Field → message. */
  errors?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; absent means an empty body. */
  json?: unknown;
  /** An error, rendered per the path's style. */
  problem?: Problem;
  /** A body that is not JSON (the documented plain-text 401 on catalog paths). */
  raw?: { type: string; text: string };
  /** `rate-limit-headers-missing` mutant: leave out X-Rate-Limit-*. */
  withoutRateHeaders?: boolean;
}

interface FailExtras {
  errors?: Record<string, string>;
  headers?: Record<string, string>;
}

export function fail(status: number, detail?: string, more: FailExtras = {}): Reply {
  return { status, problem: { detail, errors: more.errors }, headers: more.headers };
}

/** Thrown by handlers to answer with an error from any depth. */
export class Refused extends Error {
  constructor(readonly reply: Reply) {
    super(`refused with ${reply.status}`);
  }
}

export function refuse(...args: Parameters<typeof fail>): never {
  throw new Refused(fail(...args));
}

/** A failure provoked on purpose (fault injection, mutants): a 500 like any crash, but not logged. */
export class InjectedFault extends Error {}

export function errorBody(style: Style, status: number, problem: Problem, m: Mutations): unknown {
  const { detail, errors } = problem;
  const bodyStatus = m.has('error-status-mismatch') ? 400 : status;
  const title = STATUS_CODES[status] ?? 'Error';
  if (style === 'v2') {
    const entry = { status: bodyStatus, message: detail ?? title, ...(errors && { details: errors }) };
    return m.has('v2-error-object') ? entry : [entry];
  }
  return {
    status: m.has('error-status-string') ? String(bodyStatus) : bodyStatus,
    title,
    type: ERROR_TYPE,
    ...(detail !== undefined && { detail }),
    ...(errors && { errors }),
  };
}

export function send(
  res: ServerResponse,
  reply: Reply,
  style: Style,
  m: Mutations,
  common: Record<string, string>,
): void {
  const headers: Record<string, string> = { ...common, ...reply.headers };
  let payload = '';
  if (reply.problem) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(errorBody(style, reply.status, reply.problem, m));
  } else if (reply.raw) {
    headers['Content-Type'] = reply.raw.type;
    payload = reply.raw.text;
  } else if (reply.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(reply.json);
  }
  // 204 and 304 have no content, and must not announce a length (RFC 9110 §8.6).
  if (reply.status !== 204 && reply.status !== 304) headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers).end(reply.status === 204 || reply.status === 304 ? undefined : payload);
}

export function ok(json: unknown, headers?: Record<string, string>): Reply {
  return { status: 200, json, headers };
}

/** A created resource; `location` is path-absolute (RFC 9110 allows it). */
export function created(location: string, json: unknown, status = 201, headers: Record<string, string> = {}): Reply {
  return { status, json, headers: { ...headers, Location: location } };
}
