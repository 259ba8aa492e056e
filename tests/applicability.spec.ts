// src/engine/applicability.ts: which profile variables a scenario lacks, per
// request store and auth mode; a store's own token may be stood in for by
// TARGET_AUTH_TOKEN, and TARGET_FAMILIES narrows the families.
import { test, expect } from '@playwright/test';
import { missingVariables } from '../src/engine/applicability';
import { scenarioFrom } from '../src/scenario/load';
import type { ScenarioDoc } from '../src/scenario/types';

const scenario = (over: Partial<ScenarioDoc>) =>
  scenarioFrom(
    {
      id: '404-x',
      title: 'x',
      code: 404,
      doc: 'status-codes.md',
      level: 'must',
      requires: [],
      request: { method: 'GET', path: '/v3/things/1' },
      expect: { status: 404 },
      ...over,
    },
    '4xx/404-x.yaml',
    '/x',
  );

const URL_ONLY = { TARGET_MAINTENANCE_BASE_URL: 'https://x' };

test("a store's own token, or TARGET_AUTH_TOKEN in its place, is needed only for token auth", () => {
  const withAuth = (auth?: 'token' | 'readonly' | 'invalid' | 'none') =>
    scenario({ request: { store: 'maintenance', method: 'GET', path: '/x', ...(auth ? { auth } : {}) } });
  const own = 'TARGET_MAINTENANCE_TOKEN (or TARGET_AUTH_TOKEN)';
  expect(missingVariables(withAuth(), URL_ONLY)).toEqual([own]);
  expect(missingVariables(withAuth('token'), URL_ONLY)).toEqual([own]);
  expect(missingVariables(withAuth('token'), { ...URL_ONLY, TARGET_MAINTENANCE_TOKEN: 'm' })).toEqual([]);
  expect(missingVariables(withAuth('token'), { ...URL_ONLY, TARGET_AUTH_TOKEN: 't' })).toEqual([]);
  expect(missingVariables(withAuth('none'), URL_ONLY)).toEqual([]);
  expect(missingVariables(withAuth('invalid'), URL_ONLY)).toEqual([]);
  expect(missingVariables(withAuth('readonly'), URL_ONLY)).toEqual(['TARGET_READONLY_TOKEN']);
  // The main store has no token of its own: TARGET_AUTH_TOKEN is simply required.
  expect(missingVariables(scenario({}), { TARGET_BASE_URL: 'https://x' })).toEqual(['TARGET_AUTH_TOKEN']);
  // The legacy store is Basic Auth by default.
  const legacy = scenario({ request: { store: 'legacy', method: 'GET', path: '/orders' } });
  expect(missingVariables(legacy, { TARGET_LEGACY_BASE_URL: 'https://x' })).toEqual([
    'TARGET_LEGACY_USER',
    'TARGET_LEGACY_PASSWORD',
  ]);
});

test('each missing variable is named once, `requires` first, then each request in order', () => {
  const s = scenario({
    requires: ['TARGET_CATEGORY_LIMIT', 'TARGET_BASE_URL'],
    setup: [{ request: { store: 'fault', method: 'POST', path: '/a', json: {} } }, { wait: { ms: 1 } }],
    verify: [
      { request: { store: 'fault', method: 'GET', path: '/a' }, expect: { status: 200 } },
      { request: { store: 'rateLimited', method: 'GET', path: '/a' }, expect: { status: 200 } },
    ],
  });
  expect(missingVariables(s, {})).toEqual([
    'TARGET_CATEGORY_LIMIT',
    'TARGET_BASE_URL',
    'TARGET_AUTH_TOKEN',
    'TARGET_FAULT_BASE_URL',
    'TARGET_FAULT_TOKEN (or TARGET_AUTH_TOKEN)',
    'TARGET_RATE_LIMITED_BASE_URL',
    'TARGET_RATE_LIMITED_TOKEN (or TARGET_AUTH_TOKEN)',
  ]);
});

test('TARGET_FAMILIES lists the families the target implements, spaces allowed', () => {
  const products = scenario({ resource: 'products' });
  const profile = { TARGET_BASE_URL: 'https://x', TARGET_AUTH_TOKEN: 't' };
  expect(missingVariables(products, profile)).toEqual([]);
  expect(missingVariables(products, { ...profile, TARGET_FAMILIES: 'orders , products' })).toEqual([]);
  expect(missingVariables(products, { ...profile, TARGET_FAMILIES: 'orders,brands' })).toEqual([
    'TARGET_FAMILIES (with products)',
  ]);
  // A store-level scenario belongs to no family: TARGET_FAMILIES does not narrow it.
  expect(missingVariables(scenario({}), { ...profile, TARGET_FAMILIES: 'orders' })).toEqual([]);
});

test('a wait step needs nothing', () => {
  const s = scenario({
    request: { store: 'fault', method: 'GET', path: '/x' },
    setup: [{ wait: { ms: 1 } }],
    verify: [{ wait: { ms: 1 } }],
  });
  expect(missingVariables(s, { TARGET_FAULT_BASE_URL: 'https://x', TARGET_FAULT_TOKEN: 't' })).toEqual([]);
});
