// One request through the checks, in the order the contract fixes:
// 501 → 503 (maintenance) → 401 → 429/509 → 500 (injected) → 302 (/v1) →
// 404 (path, or an id in it, unknown) → 405 → 406 → 413/415/400 (body and its
// fields) → 403 (scopes) → the handler (limits 403, conflicts 409, 507, success).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, type Body } from './body';
import type { Mutations } from './mutants';
import { acceptsJson, isJsonMediaType, mediaTypeOf } from './negotiation';
import { InjectedFault, Refused, fail, refuse, send, type Reply, type Style } from './replies';
import { allowOf, findRoute, handlerFor, type Route } from './routes';
import { validate } from './validate';
import type { Store } from './store';

export interface App {
  m: Mutations;
  stores: ReadonlyMap<string, Store>;
  later(task: () => void, ms: number): void;
}

const STORE_VERSION = '7.6.0';
const MAX_BODY_BYTES = 1024 * 1024;
const MAINTENANCE_RETRY_AFTER_S = '120';
const WRITES = new Set(['POST', 'PUT', 'DELETE']);

/** Where a request path points. */
interface Where {
  url?: URL;
  store?: Store;
  /** 'v1' | 'v2' | 'v3' when the path has one. */
  version?: string;
  versionRoot: string;
  /** The path below the version root. */
  subPath: string;
  /** The error-body shape the path documents. */
  style: Style;
}

export function serve(app: App, req: IncomingMessage, res: ServerResponse): void {
  readBody(req, MAX_BODY_BYTES)
    .then((body) => {
      const where = locate(req.url ?? '/', app.stores);
      const reply = answer(app, req, where, body);
      send(res, reply, where.style, app.m, commonHeaders(where.store, reply));
    })
    // The client went away mid-body, or the socket failed while answering: nobody to answer.
    .catch(() => res.destroy());
}

function answer(app: App, req: IncomingMessage, where: Where, body: Body): Reply {
  try {
    return decide(app, req, where, body);
  } catch (err) {
    if (err instanceof Refused) return err.reply;
    if (!(err instanceof InjectedFault)) console.error('reference target: unexpected error', err);
    if (app.m.has('fault-stack-trace')) {
      const stack = String((err as Error).stack).replace(/[<&]/g, (ch) => (ch === '<' ? '&lt;' : '&amp;'));
      return { status: 500, raw: { type: 'text/html', text: `<h1>Internal Server Error</h1><pre>${stack}</pre>` } };
    }
    return fail(500, 'An internal error occurred.');
  }
}

function decide(app: App, req: IncomingMessage, where: Where, body: Body): Reply {
  const { m } = app;
  let method = req.method ?? 'GET';
  if (method === 'PATCH' && m.has('patch-as-put')) method = 'PUT';
  const trace405 =
    m.has('trace-405') ||
    (m.has('products-trace-405') && findRoute(where.version, where.subPath)?.route.family === 'products');
  if (method === 'PATCH' || (method === 'TRACE' && !trace405)) {
    return fail(501, `The ${method} method is not implemented by this API.`);
  }
  const { url, store } = where;
  if (!url) return fail(400, 'The request target is not a valid path.');
  if (!store) return fail(404, 'There is no such store.');
  if (store.config.maintenance && !m.has('maintenance-ignored')) {
    if (m.has('maintenance-v3-body-on-v2') && where.style === 'v2') {
      const text = JSON.stringify({ status: 503, title: 'Service Unavailable', type: 'about:blank' });
      return { status: 503, raw: { type: 'application/json', text } };
    }
    return fail(503, 'The store is down for maintenance.', { headers: { 'Retry-After': MAINTENANCE_RETRY_AFTER_S } });
  }

  let credential = store.credential(req.headers);
  if (credential === 'missing' && (m.has('no-token-accepted') || customersWriteWithoutToken(m, method, where))) {
    credential = 'read-write';
  }
  if (credential === 'invalid' && m.has('invalid-token-403')) return fail(403, 'The credentials do not grant access.');
  if (credential === 'missing' || credential === 'invalid') return unauthorized(store, where, m);

  const limited = spendQuota(store, m);
  if (limited) return limited;
  if (store.config.fault && req.headers['x-conformance-fault'] === '500') {
    throw new InjectedFault('fault injected by X-Conformance-Fault');
  }
  if (where.version === 'v1') {
    // Deprecated version: a V2 resource moves to the current version, same path and query.
    if (!findRoute('v2', where.subPath) || m.has('deprecated-version-404')) {
      return fail(404, 'The requested resource was not found.');
    }
    const current = m.has('deprecated-version-wrong-path') ? '' : where.subPath;
    return { status: 302, headers: { Location: `/stores/${store.name}/v2${current}${url.search}` } };
  }

  const found = findRoute(where.version, where.subPath);
  // An item (or a parent) that does not exist makes a path that does not exist, whatever the method.
  if (!found || (found.route.exists && !found.route.exists(store, found.at, m))) {
    return fail(404, 'The requested resource was not found.');
  }
  const { route, at } = found;
  const handler = handlerFor(route, method === 'HEAD' ? 'GET' : method);
  if (!handler) {
    if (m.has('put-collection-404') && method === 'PUT' && where.subPath === '/orders') {
      return fail(404, 'The requested resource was not found.');
    }
    const allow: Record<string, string> = m.has('no-allow-header') ? {} : { Allow: allowOf(route) };
    return fail(405, `The ${method} method is not supported by this resource.`, { headers: allow });
  }
  const acceptable = acceptsJson(req.headers.accept, {
    ignoreQ: m.has('ignore-q-values'),
    refuseWildcard: m.has('wildcard-406'),
  });
  if (!acceptable && !m.has('ignore-accept')) return fail(406, 'Responses are only available as application/json.');
  const parsed = method === 'POST' || method === 'PUT' ? jsonBody(req, route, body, m) : undefined;
  const fields = parsed === undefined ? {} : validate(parsed, route.fields?.(store, at) ?? {}, m, method === 'PUT');
  // Scope comes after the body: a read-only caller with a broken body learns about the body (400/415).
  if (credential === 'read-only' && WRITES.has(method) && !m.has('readonly-can-write')) {
    return fail(403, 'The token has read-only scopes; this operation needs write access.');
  }
  const reply = handler({
    store,
    m,
    id: at.id,
    parentId: at.parentId,
    query: url.searchParams,
    body: parsed,
    fields,
    headers: req.headers,
    versionRoot: where.versionRoot,
    origin: `https://${req.headers.host ?? 'localhost'}`,
    later: app.later,
  });
  return successMutants(reply, method, !Number.isNaN(at.id), m);
}

/**
 * Mutants of the success rows that hold for every family at once: the wrong status, or a body
 * without what the contract promises (the list's wrapper, the object's id).
 */
function successMutants(reply: Reply, method: string, item: boolean, m: Mutations): Reply {
  if (method === 'GET' && !item && reply.status === 200 && m.has('lists-without-ids')) {
    const strip = (list: unknown) => (Array.isArray(list) ? list.map(withoutId) : list);
    const json = reply.json as { data?: unknown } | unknown[];
    return { ...reply, json: Array.isArray(json) ? strip(json) : { ...json, data: strip(json?.data) } };
  }
  if (method === 'GET' && item && reply.status === 200 && m.has('items-without-id')) {
    const json = reply.json as { data?: unknown };
    return { ...reply, json: json && 'data' in json ? { ...json, data: withoutId(json.data) } : withoutId(json) };
  }
  if (method === 'PUT' && item && reply.status === 200 && m.has('put-202')) return { ...reply, status: 202 };
  if (method === 'POST' && reply.status === 201 && m.has('post-200')) return { ...reply, status: 200 };
  if (method === 'DELETE' && item && reply.status === 204 && m.has('delete-200')) return { status: 200, json: {} };
  if (method === 'GET' && !item && reply.status === 204 && m.has('empty-list-200')) return { status: 200, json: [] };
  return reply;
}

function withoutId(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { id: _id, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** The `customers-write-without-token` mutant: customers' writes skip authentication. */
function customersWriteWithoutToken(m: Mutations, method: string, where: Where): boolean {
  return (
    m.has('customers-write-without-token') &&
    WRITES.has(method) &&
    findRoute(where.version, where.subPath)?.route.family === 'customers'
  );
}

function unauthorized(store: Store, where: Where, m: Mutations): Reply {
  if (store.config.basic) {
    const challenge = { 'WWW-Authenticate': 'Basic realm="legacy API", charset="UTF-8"' };
    return fail(401, 'Basic credentials are missing or wrong.', { headers: challenge });
  }
  // RFC 9110 §11.6.1: a 401 carries a challenge, here for the store's own scheme.
  const headers = { 'WWW-Authenticate': `X-Auth-Token realm="${store.name}"` };
  const text = 'A valid X-Auth-Token header is required.';
  const plainText = m.has('hooks-401-text') ? /^\/(catalog|hooks)(\/|$)/ : /^\/catalog(\/|$)/;
  if (where.version === 'v3' && plainText.test(where.subPath)) {
    return { status: 401, headers, raw: { type: 'text/plain; charset=utf-8', text } }; // documented plain-text 401
  }
  return fail(401, text, { headers });
}

/** Counts the request against the store's window (429) and the legacy hourly quota (509). */
function spendQuota(store: Store, m: Mutations): Reply | undefined {
  if (!store.limiter.take()) {
    const retryAfter = String(Math.ceil(store.limiter.state().resetMs / 1000));
    const detail = 'The request quota of this window is spent; retry after X-Rate-Limit-Time-Reset-Ms.';
    return {
      ...fail(429, detail, { headers: { 'Retry-After': retryAfter } }),
      withoutRateHeaders: m.has('rate-limit-headers-missing'),
    };
  }
  if (store.hourly && !store.hourly.take()) {
    const retryAfter = String(Math.ceil(store.hourly.state().resetMs / 1000));
    const status = m.has('legacy-quota-429') ? 429 : 509;
    return fail(status, 'The hourly request quota of this API account is exhausted.', {
      headers: { 'Retry-After': retryAfter },
    });
  }
  return undefined;
}

function jsonBody(req: IncomingMessage, route: Route, body: Body, m: Mutations): unknown {
  if (body.tooLarge) refuse(413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  const type = mediaTypeOf(req.headers['content-type']);
  if (type === undefined) {
    const status = route.missingContentTypeIs400
      ? m.has('hooks-missing-content-type-415')
        ? 415
        : 400
      : m.has('missing-content-type-400')
        ? 400
        : 415;
    refuse(status, 'The Content-Type header is missing; send application/json.');
  }
  const plainAccepted =
    m.has('text-plain-accepted') || (m.has('custom-fields-text-plain') && route.family === 'customFields');
  if (!isJsonMediaType(type) && !(type === 'text/plain' && plainAccepted)) {
    refuse(415, `Content-Type ${type} is not supported; send application/json.`);
  }
  try {
    return JSON.parse(body.text);
  } catch {
    if (m.has('invalid-json-500')) throw new InjectedFault('invalid JSON body');
    refuse(400, 'The request body is not valid JSON.');
  }
}

function locate(rawUrl: string, stores: ReadonlyMap<string, Store>): Where {
  let url: URL;
  try {
    // Origin-form is the norm; parse it against a dummy origin so `//x` stays a path.
    url = rawUrl.startsWith('/') ? new URL(`https://reference.invalid${rawUrl}`) : new URL(rawUrl);
  } catch {
    return { versionRoot: '', subPath: '', style: 'v3' };
  }
  const [, name = '', rest = ''] = /^\/stores\/([^/]+)(\/.*)?$/.exec(url.pathname) ?? [];
  const store = stores.get(name);
  const legacy = store?.config.basic !== undefined;
  const [, version, subPath = ''] = (legacy ? /^\/api\/(v2)(\/.*)?$/ : /^\/(v[123])(\/.*)?$/).exec(rest) ?? [];
  const versionRoot = `/stores/${name}${legacy ? '/api' : ''}/${version}`;
  const v2Path = store ? version === 'v1' || version === 'v2' : /\/v[12](\/|$)/.test(url.pathname);
  return { url, store, version, versionRoot, subPath, style: legacy || v2Path ? 'v2' : 'v3' };
}

/** X-BC-Store-Version and the rate-limit state ride on every store response. */
function commonHeaders(store: Store | undefined, reply: Reply): Record<string, string> {
  const headers: Record<string, string> = { 'X-BC-Store-Version': STORE_VERSION };
  if (!store || reply.withoutRateHeaders) return headers;
  const s = store.limiter.state();
  headers['X-Rate-Limit-Time-Window-Ms'] = String(s.windowMs);
  headers['X-Rate-Limit-Time-Reset-Ms'] = String(s.resetMs);
  headers['X-Rate-Limit-Requests-Quota'] = String(s.quota);
  headers['X-Rate-Limit-Requests-Left'] = String(s.left);
  if (store.hourly) headers['X-BC-ApiLimit-Remaining'] = String(store.hourly.state().left);
  return headers;
}
