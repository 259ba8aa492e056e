// The target profile: TARGET_* variables from a dotenv file and the
// environment (docs/target-contract.md). Which store a request goes to decides
// which base URL and token it uses.
import { STORES, type StoreName } from '../contract/stores';

export type Profile = Readonly<Record<string, string>>;

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

/**
 * Values that must never leave the process: every *_TOKEN, *_PASSWORD, *_SECRET and *_KEY value, the Basic
 * credentials, and the user and password of any URL that carries them (the CLI refuses such URLs; a profile from
 * the environment of a direct Playwright run may still hold one).
 */
export function secretsOf(profile: Profile): string[] {
  const secrets = Object.entries(profile)
    .filter(([k]) => /_(TOKEN|PASSWORD|SECRET|KEY)$/.test(k))
    .map(([, v]) => v);
  if (profile.TARGET_LEGACY_USER && profile.TARGET_LEGACY_PASSWORD) {
    secrets.push(Buffer.from(`${profile.TARGET_LEGACY_USER}:${profile.TARGET_LEGACY_PASSWORD}`).toString('base64'));
  }
  for (const [k, v] of Object.entries(profile)) if (k.endsWith('_URL')) secrets.push(...userinfoOf(v));
  return [...new Set(secrets.filter((s) => s.length >= 4))];
}

/** A URL's user and password, as written (percent-encoded) and decoded. */
function userinfoOf(url: string): string[] {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return [];
  }
  return [u.username, u.password].filter(Boolean).flatMap((part) => [part, safeDecode(part)]);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
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
