// The target profile's names (docs/target-contract.md): the stores a target
// serves, the variable that addresses each, and the credentials a request to
// it needs. Scenarios name stores; the profile supplies their URLs and tokens.

export type StoreName =
  'main' | 'http' | 'maintenance' | 'planLimited' | 'categoryLimited' | 'rateLimited' | 'fault' | 'legacy';

export type AuthMode = 'token' | 'readonly' | 'invalid' | 'basic' | 'none';

interface StoreVars {
  base: string;
  /** The store's own token; absent → TARGET_AUTH_TOKEN (the contract's "(+ _TOKEN)"). */
  token?: string;
}

export const STORES: Readonly<Record<StoreName, StoreVars>> = {
  main: { base: 'TARGET_BASE_URL' },
  http: { base: 'TARGET_HTTP_BASE_URL' },
  maintenance: { base: 'TARGET_MAINTENANCE_BASE_URL', token: 'TARGET_MAINTENANCE_TOKEN' },
  planLimited: { base: 'TARGET_PLAN_LIMITED_BASE_URL', token: 'TARGET_PLAN_LIMITED_TOKEN' },
  categoryLimited: { base: 'TARGET_CATEGORY_LIMITED_BASE_URL', token: 'TARGET_CATEGORY_LIMITED_TOKEN' },
  rateLimited: { base: 'TARGET_RATE_LIMITED_BASE_URL', token: 'TARGET_RATE_LIMITED_TOKEN' },
  fault: { base: 'TARGET_FAULT_BASE_URL', token: 'TARGET_FAULT_TOKEN' },
  legacy: { base: 'TARGET_LEGACY_BASE_URL' },
};

export const STORE_NAMES = Object.keys(STORES) as StoreName[];

/** Stores whose limits scenarios exhaust: their scenarios run one after another, never beside another. */
export const SHARED_LIMIT_STORES: readonly StoreName[] = ['rateLimited', 'planLimited', 'categoryLimited', 'legacy'];
export const AUTH_MODES: readonly AuthMode[] = ['token', 'readonly', 'invalid', 'basic', 'none'];

/** Every variable the contract names, so a typo is caught instead of silently making scenarios not applicable. */
export const KNOWN_VARIABLES = [
  'TARGET_BASE_URL',
  'TARGET_AUTH_TOKEN',
  'TARGET_READONLY_TOKEN',
  'TARGET_HTTP_BASE_URL',
  'TARGET_MAINTENANCE_BASE_URL',
  'TARGET_MAINTENANCE_TOKEN',
  'TARGET_PLAN_LIMITED_BASE_URL',
  'TARGET_PLAN_LIMITED_TOKEN',
  'TARGET_PLAN_PRODUCT_LIMIT',
  'TARGET_CATEGORY_LIMITED_BASE_URL',
  'TARGET_CATEGORY_LIMITED_TOKEN',
  'TARGET_CATEGORY_LIMIT',
  'TARGET_RATE_LIMITED_BASE_URL',
  'TARGET_RATE_LIMITED_TOKEN',
  'TARGET_RATE_LIMIT_QUOTA',
  'TARGET_FAULT_BASE_URL',
  'TARGET_FAULT_TOKEN',
  'TARGET_LEGACY_BASE_URL',
  'TARGET_LEGACY_USER',
  'TARGET_LEGACY_PASSWORD',
  'TARGET_LEGACY_HOURLY_QUOTA',
  'TARGET_TLS_CA_FILE',
  'TARGET_TLS_INSECURE',
  'TARGET_FAMILIES',
] as const;

/** Variables that hold whole numbers (limits and quotas). */
export const NUMBER_VARIABLES: readonly string[] = [
  'TARGET_PLAN_PRODUCT_LIMIT',
  'TARGET_CATEGORY_LIMIT',
  'TARGET_RATE_LIMIT_QUOTA',
  'TARGET_LEGACY_HOURLY_QUOTA',
];

/** Variables a request needs before it can be sent at all. */
export function variablesFor(store: StoreName, auth: AuthMode): string[] {
  const vars = [STORES[store].base];
  if (auth === 'readonly') vars.push('TARGET_READONLY_TOKEN');
  if (auth === 'basic') vars.push('TARGET_LEGACY_USER', 'TARGET_LEGACY_PASSWORD');
  if (auth === 'token' && !STORES[store].token) vars.push('TARGET_AUTH_TOKEN');
  return vars;
}

export function defaultAuth(store: StoreName): AuthMode {
  return store === 'legacy' ? 'basic' : 'token';
}
