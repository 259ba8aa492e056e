// Turns a scenario's request spec into the exact bytes-level request: store
// base URL, path and query, default headers (Accept, Content-Type for JSON),
// credentials, then the scenario's own headers, which win (null removes).
import { defaultAuth, STORES } from '../contract/stores';
import { tokenFor, type Profile } from '../profile/profile';
import type { RequestSpec } from '../scenario/format';
import { interpolate, ProfileVariableMissing, type Lookup } from '../scenario/template';
import type { OutgoingRequest } from './http';

export interface RequestContext {
  profile: Profile;
  runId: string;
  lookup: Lookup;
}

export function buildRequest(spec: RequestSpec, ctx: RequestContext): OutgoingRequest {
  const store = spec.store ?? 'main';
  const base = need(ctx.profile[STORES[store].base], STORES[store].base);
  let url = base.replace(/\/+$/, '') + interpolate(spec.path, ctx.lookup);
  if (spec.query) {
    const pairs = Object.entries(interpolate(spec.query, ctx.lookup)).map(
      ([k, v]) => `${queryPart(k)}=${queryPart(String(v))}`,
    );
    url += (url.includes('?') ? '&' : '?') + pairs.join('&');
  }

  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (spec.json !== undefined) {
    body = JSON.stringify(interpolate(spec.json, ctx.lookup));
    headers['content-type'] = 'application/json';
  } else if (spec.body !== undefined) {
    body = String(interpolate(spec.body, ctx.lookup));
  }
  Object.assign(headers, credentials(spec, ctx));
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    const key = name.toLowerCase();
    if (value === null) delete headers[key];
    else headers[key] = String(interpolate(value, ctx.lookup));
  }
  return { method: spec.method, url, headers, body };
}

function credentials(spec: RequestSpec, ctx: RequestContext): Record<string, string> {
  const store = spec.store ?? 'main';
  const { profile } = ctx;
  switch (spec.auth ?? defaultAuth(store)) {
    case 'none':
      return {};
    case 'invalid':
      // Shaped like a real token so only its validity is tested, never its format.
      return { 'x-auth-token': `invalid${ctx.runId.replace(/[^a-z0-9]/gi, '')}0000000000000000`.slice(0, 31) };
    case 'readonly':
      return { 'x-auth-token': need(profile.TARGET_READONLY_TOKEN, 'TARGET_READONLY_TOKEN') };
    case 'basic': {
      const user = need(profile.TARGET_LEGACY_USER, 'TARGET_LEGACY_USER');
      const password = need(profile.TARGET_LEGACY_PASSWORD, 'TARGET_LEGACY_PASSWORD');
      return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
    }
    case 'token':
      return { 'x-auth-token': need(tokenFor(store, profile), STORES[store].token ?? 'TARGET_AUTH_TOKEN') };
  }
}

function need(value: string | undefined, name: string): string {
  if (!value) throw new ProfileVariableMissing(name);
  return value;
}

/** Percent-encodes a query key or value, but keeps `:` and `,` as the API documents them (`category_id:in=1,2`); RFC 3986 allows both. */
function queryPart(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}
