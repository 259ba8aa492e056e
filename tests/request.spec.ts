// src/engine/request.ts: a scenario's request spec → the request as it goes on
// the wire: the store's URL, query, default headers, the credentials of the
// auth mode, then the scenario's own headers, which win (null removes one).
import { test, expect } from '@playwright/test';
import { buildRequest, type RequestContext } from '../src/engine/request';
import type { RequestSpec } from '../src/scenario/format';
import { ProfileVariableMissing } from '../src/scenario/template';

const profile = {
  TARGET_BASE_URL: 'https://h.test/stores/s//',
  TARGET_AUTH_TOKEN: 'main-tok',
  TARGET_READONLY_TOKEN: 'ro-tok',
  TARGET_FAULT_BASE_URL: 'https://h.test/stores/fault',
  TARGET_FAULT_TOKEN: 'fault-tok',
  TARGET_MAINTENANCE_BASE_URL: 'https://h.test/stores/m',
  TARGET_LEGACY_BASE_URL: 'https://h.test/legacy/api/v2',
  TARGET_LEGACY_USER: 'user',
  TARGET_LEGACY_PASSWORD: 'p:ss',
};
const vars: Record<string, unknown> = { id: 7, name: 'n' };
const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({
  profile,
  runId: 'run-1_A!',
  lookup: (n) => vars[n],
  ...over,
});
const build = (spec: Partial<RequestSpec>, c = ctx()) => buildRequest({ method: 'GET', path: '/x', ...spec }, c);

function missing(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof ProfileVariableMissing) return e.variable;
    throw e;
  }
  return undefined;
}

test('the URL is the store base without trailing slashes, the path, then the query after ? or &', () => {
  expect(build({ path: '/v3/things/${id}' }).url).toBe('https://h.test/stores/s/v3/things/7');
  expect(build({ path: '/v3/things', query: { a: 1, b: true, c: '${name}' } }).url).toBe(
    'https://h.test/stores/s/v3/things?a=1&b=true&c=n',
  );
  expect(build({ path: '/v3/things?x=1', query: { a: 'b' } }).url).toBe('https://h.test/stores/s/v3/things?x=1&a=b');
  expect(build({ store: 'fault', path: '/v3/x' }).url).toBe('https://h.test/stores/fault/v3/x');
  expect(missing(() => build({ store: 'rateLimited' }))).toBe('TARGET_RATE_LIMITED_BASE_URL');
});

test('a JSON body gets its Content-Type; a raw body is sent as written, with none; no body, no Content-Type', () => {
  const json = build({ method: 'POST', json: { id: '${id}', name: 'p-${name}' } });
  expect(json.body).toBe('{"id":7,"name":"p-n"}');
  expect(json.headers).toEqual({
    accept: 'application/json',
    'content-type': 'application/json',
    'x-auth-token': 'main-tok',
  });
  const raw = build({ method: 'POST', body: 'name=${name}' });
  expect(raw.body).toBe('name=n');
  expect(raw.headers).toEqual({ accept: 'application/json', 'x-auth-token': 'main-tok' });
  const none = build({});
  expect(none.body).toBeUndefined();
  expect(none.method).toBe('GET');
  // A JSON body that is falsy is still a body.
  expect(build({ method: 'POST', json: 0 }).body).toBe('0');
  expect(build({ method: 'POST', json: null }).body).toBe('null');
});

test("the scenario's headers win over the defaults and credentials, in any case; null removes one", () => {
  const req = build({
    method: 'POST',
    json: {},
    headers: { Accept: 'text/plain', 'Content-Type': null, 'X-Auth-Token': '${name}', 'X-Extra': 'v-${id}' },
  });
  expect(req.headers).toEqual({ accept: 'text/plain', 'x-auth-token': 'n', 'x-extra': 'v-7' });
  expect(build({ headers: { accept: null } }).headers).toEqual({ 'x-auth-token': 'main-tok' });
});

test('credentials by auth mode: the store token (or TARGET_AUTH_TOKEN), read-only, invalid, Basic, none', () => {
  expect(build({}).headers['x-auth-token']).toBe('main-tok');
  expect(build({ store: 'fault' }).headers['x-auth-token']).toBe('fault-tok');
  expect(build({ store: 'maintenance' }).headers['x-auth-token']).toBe('main-tok');
  expect(build({ auth: 'readonly' }).headers['x-auth-token']).toBe('ro-tok');
  expect(build({ auth: 'none' }).headers).toEqual({ accept: 'application/json' });
  // Shaped like a real token: the run id's letters and digits, sixteen zeros, at most 31 characters.
  expect(build({ auth: 'invalid' }).headers['x-auth-token']).toBe('invalidrun1A0000000000000000');
  expect(build({ auth: 'invalid' }, ctx({ runId: 'x'.repeat(40) })).headers['x-auth-token']).toBe(
    `invalid${'x'.repeat(24)}`,
  );
  const basic = build({ store: 'legacy' }).headers;
  expect(basic).toEqual({
    accept: 'application/json',
    authorization: `Basic ${Buffer.from('user:p:ss').toString('base64')}`,
  });
  expect(build({ auth: 'basic' }).headers.authorization).toBe(basic.authorization);
});

test('a credential the profile lacks names the variable to set', () => {
  const without = (...names: (keyof typeof profile)[]) =>
    ctx({
      profile: Object.fromEntries(Object.entries(profile).filter(([k]) => !names.includes(k as keyof typeof profile))),
    });
  expect(missing(() => build({}, without('TARGET_AUTH_TOKEN')))).toBe('TARGET_AUTH_TOKEN');
  expect(missing(() => build({ store: 'maintenance' }, without('TARGET_AUTH_TOKEN')))).toBe('TARGET_MAINTENANCE_TOKEN');
  expect(missing(() => build({ store: 'fault' }, without('TARGET_AUTH_TOKEN')))).toBeUndefined();
  expect(missing(() => build({ auth: 'readonly' }, without('TARGET_READONLY_TOKEN')))).toBe('TARGET_READONLY_TOKEN');
  expect(missing(() => build({ store: 'legacy' }, without('TARGET_LEGACY_USER')))).toBe('TARGET_LEGACY_USER');
  expect(missing(() => build({ store: 'legacy' }, without('TARGET_LEGACY_PASSWORD')))).toBe('TARGET_LEGACY_PASSWORD');
  expect(missing(() => build({ auth: 'none' }, without('TARGET_AUTH_TOKEN')))).toBeUndefined();
  expect(missing(() => build({ auth: 'invalid' }, without('TARGET_AUTH_TOKEN')))).toBeUndefined();
  expect(missing(() => build({}, ctx({ profile: { ...profile, TARGET_AUTH_TOKEN: '' } })))).toBe('TARGET_AUTH_TOKEN');
});
