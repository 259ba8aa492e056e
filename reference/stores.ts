// The stores the reference target serves and the target profile that points a
// scenario run at them. Secrets are random per start so no run can depend on
// another's, and none is ever written to a response.
import { randomBytes } from 'node:crypto';
import { Store, type StoreConfig } from './store';

export const LIMITS = {
  planProducts: 5,
  categories: 5,
  rateQuota: 5,
  rateWindowMs: 1500,
  legacyHourly: 3,
} as const;

/** A comfortable quota for every store but the rate-limited one. */
const ROOMY_RATE = { quota: 100_000, windowMs: 30_000 };

const SECRET_NAMES = [
  'auth',
  'readonly',
  'maintenance',
  'planLimited',
  'categoryLimited',
  'rateLimited',
  'fault',
  'legacyUser',
  'legacyPassword',
] as const;
export type Secrets = Record<(typeof SECRET_NAMES)[number], string>;

export function newSecrets(): Secrets {
  return Object.fromEntries(SECRET_NAMES.map((n) => [n, randomBytes(16).toString('hex')])) as Secrets;
}

export function createStores(s: Secrets, neverResets: boolean): Map<string, Store> {
  const writer = (token: string) => [{ token, access: 'read-write' as const }];
  const configs: StoreConfig[] = [
    {
      name: 'main',
      tokens: [
        { token: s.auth, access: 'read-write' },
        { token: s.readonly, access: 'read-only' },
      ],
      rate: ROOMY_RATE,
    },
    { name: 'maintenance', tokens: writer(s.maintenance), rate: ROOMY_RATE, maintenance: true },
    {
      name: 'plan-limited',
      tokens: writer(s.planLimited),
      rate: ROOMY_RATE,
      productLimit: LIMITS.planProducts,
      seed: { products: 2 },
    },
    {
      name: 'category-limited',
      tokens: writer(s.categoryLimited),
      rate: ROOMY_RATE,
      categoryLimit: LIMITS.categories,
      seed: { categories: 1 },
    },
    {
      name: 'rate-limited',
      tokens: writer(s.rateLimited),
      rate: { quota: LIMITS.rateQuota, windowMs: LIMITS.rateWindowMs },
    },
    { name: 'fault', tokens: writer(s.fault), rate: ROOMY_RATE, fault: true },
    {
      name: 'legacy',
      tokens: [],
      basic: { user: s.legacyUser, password: s.legacyPassword },
      rate: ROOMY_RATE,
      hourlyQuota: LIMITS.legacyHourly,
    },
  ];
  return new Map(configs.map((c) => [c.name, new Store(c, neverResets)]));
}

/** Every TARGET_* variable of the contract (shared/TARGET-CONTRACT.md). */
export function profileOf(s: Secrets, httpsOrigin: string, httpOrigin: string, caFile: string): Record<string, string> {
  const root = (name: string) => `${httpsOrigin}/stores/${name}`;
  return {
    TARGET_BASE_URL: root('main'),
    TARGET_AUTH_TOKEN: s.auth,
    TARGET_READONLY_TOKEN: s.readonly,
    TARGET_HTTP_BASE_URL: `${httpOrigin}/stores/main`,
    TARGET_MAINTENANCE_BASE_URL: root('maintenance'),
    TARGET_MAINTENANCE_TOKEN: s.maintenance,
    TARGET_PLAN_LIMITED_BASE_URL: root('plan-limited'),
    TARGET_PLAN_LIMITED_TOKEN: s.planLimited,
    TARGET_PLAN_PRODUCT_LIMIT: String(LIMITS.planProducts),
    TARGET_CATEGORY_LIMITED_BASE_URL: root('category-limited'),
    TARGET_CATEGORY_LIMITED_TOKEN: s.categoryLimited,
    TARGET_CATEGORY_LIMIT: String(LIMITS.categories),
    TARGET_RATE_LIMITED_BASE_URL: root('rate-limited'),
    TARGET_RATE_LIMITED_TOKEN: s.rateLimited,
    TARGET_RATE_LIMIT_QUOTA: String(LIMITS.rateQuota),
    TARGET_FAULT_BASE_URL: root('fault'),
    TARGET_FAULT_TOKEN: s.fault,
    TARGET_LEGACY_BASE_URL: `${root('legacy')}/api/v2`,
    TARGET_LEGACY_USER: s.legacyUser,
    TARGET_LEGACY_PASSWORD: s.legacyPassword,
    TARGET_LEGACY_HOURLY_QUOTA: String(LIMITS.legacyHourly),
    TARGET_TLS_CA_FILE: caFile,
  };
}
