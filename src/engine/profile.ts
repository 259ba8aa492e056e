// The target profile: TARGET_* variables from a dotenv file and the
// environment (TARGET-CONTRACT.md). Which store a request goes to decides
// which base URL and token it uses.
import type { AuthMode, StoreName } from '../scenario/types';

export type Profile = Readonly<Record<string, string>>;

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

export function tokenFor(store: StoreName, profile: Profile): string | undefined {
  const own = STORES[store].token;
  return (own && profile[own]) || profile.TARGET_AUTH_TOKEN;
}

/** The TARGET_* variables of an environment, empty values dropped. */
export function profileFrom(env: NodeJS.ProcessEnv): Profile {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('TARGET_') && v) out[k] = v;
  return out;
}

/** Values that must never leave the process: every *_TOKEN and *_PASSWORD, and Basic credentials. */
export function secretsOf(profile: Profile): string[] {
  const secrets = Object.entries(profile)
    .filter(([k]) => /_(TOKEN|PASSWORD)$/.test(k))
    .map(([, v]) => v);
  if (profile.TARGET_LEGACY_USER && profile.TARGET_LEGACY_PASSWORD) {
    secrets.push(Buffer.from(`${profile.TARGET_LEGACY_USER}:${profile.TARGET_LEGACY_PASSWORD}`).toString('base64'));
  }
  return [...new Set(secrets.filter((s) => s.length >= 4))];
}

/** A base URL fit for a report: no userinfo, no query. */
export function publicUrl(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.href.replace(/\/$/, '');
  } catch {
    return '(invalid URL)';
  }
}
