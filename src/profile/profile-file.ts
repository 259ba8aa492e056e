// Reads and checks a target profile (a dotenv file, docs/target-contract.md).
// Real environment variables win over the file. Problems name file and line,
// and never quote a line or a value that may hold a secret.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse } from 'dotenv';
import { FAMILY_NAMES } from '../contract/families';
import { KNOWN_VARIABLES, NUMBER_VARIABLES, STORES } from '../contract/stores';
import { closest } from '../support/suggest';
import { ProfileError } from './profile-error';
import { readCaFile } from './tls-ca';

export { ProfileError };

/**
 * Parses a dotenv file; a line that is not `NAME=value` or an unknown TARGET_ name is an error. A relative
 * TARGET_TLS_CA_FILE names a file beside the profile: it comes back absolute, whatever the working directory.
 */
export function readProfileFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProfileError(
      `cannot read the target profile ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; pass an existing dotenv file to --profile`,
    );
  }
  const problems: string[] = [];
  let inQuote = false;
  text.split(/\r?\n/).forEach((line, i) => {
    const quotes = (line.match(/(?<!\\)"/g) ?? []).length;
    if (inQuote) {
      if (quotes % 2 === 1) inQuote = false;
      return;
    }
    if (!line.trim() || line.trim().startsWith('#')) return;
    const m = /^\s*(?:export\s+)?([\w.-]+)\s*=/.exec(line);
    if (!m) return problems.push(malformed(`${file}:${i + 1}`, line));
    if (m[1].startsWith('TARGET_') && !(KNOWN_VARIABLES as readonly string[]).includes(m[1])) {
      problems.push(`${file}:${i + 1}: unknown variable ${m[1]}${suggest(m[1])}`);
    }
    if (quotes % 2 === 1) inQuote = true;
  });
  if (problems.length) throw new ProfileError(problems.join('\n'));
  const values = parse(text);
  const ca = values.TARGET_TLS_CA_FILE;
  if (ca && !isAbsolute(ca)) values.TARGET_TLS_CA_FILE = resolve(dirname(file), ca);
  return values;
}

/** `TARGET_AUTH_TOKEN: secret` must not reach a terminal: only a contract variable's name is shown, never the rest. */
function malformed(where: string, line: string): string {
  const name = /^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)/.exec(line)?.[1];
  const known = name && (KNOWN_VARIABLES as readonly string[]).includes(name) ? `; write ${name}=…` : '';
  return `${where}: expected NAME=value${known} (the line is not shown: it may hold a secret)`;
}

/** A profile as dotenv text that readProfileFile reads back unchanged: plain values bare, others in single quotes (literal in dotenv). */
export function formatProfile(profile: Record<string, string>, comment?: string): string {
  const lines = Object.entries(profile).map(([k, v]) => {
    if (!/^[A-Za-z_][\w.-]*$/.test(k)) throw new ProfileError(`not a variable name: ${k}`);
    if (/[\r\n]/.test(v)) throw new ProfileError(`${k}: a profile value cannot span lines`);
    if (/^[^\s#'"`\\]*$/.test(v)) return `${k}=${v}`;
    if (v.includes("'")) throw new ProfileError(`${k}: a value that needs quoting cannot hold a single quote`);
    return `${k}='${v}'`;
  });
  return `${comment ? `# ${comment}\n` : ''}${lines.join('\n')}\n`;
}

/** The profile a run uses: the file's TARGET_* values, overridden by the environment's. */
export function mergeProfile(fromFile: Record<string, string>, env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fromFile)) if (k.startsWith('TARGET_')) out[k] = v;
  for (const [k, v] of Object.entries(env)) if (k.startsWith('TARGET_') && v !== undefined) out[k] = v;
  return out;
}

/** Checks values: URLs parse and carry no credentials, limits are whole numbers, the CA file is a PEM certificate. */
export function checkProfile(profile: Record<string, string>, source: string): void {
  const problems: string[] = [];
  if (!profile.TARGET_BASE_URL) problems.push(`TARGET_BASE_URL is missing: every scenario needs it`);
  for (const [k, v] of Object.entries(profile)) {
    if (k.endsWith('_BASE_URL') && v) {
      const problem = urlProblem(k, v);
      if (problem) problems.push(problem);
    }
    if (NUMBER_VARIABLES.includes(k) && !/^\d+$/.test(v)) problems.push(`${k} must be a whole number, not "${v}"`);
  }
  if (profile.TARGET_TLS_CA_FILE) {
    try {
      readCaFile(profile.TARGET_TLS_CA_FILE);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (profile.TARGET_FAMILIES !== undefined) {
    const unknown = profile.TARGET_FAMILIES.split(',')
      .map((f) => f.trim())
      .filter((f) => !(FAMILY_NAMES as readonly string[]).includes(f));
    if (unknown.length)
      problems.push(
        `TARGET_FAMILIES names unknown families (${unknown.join(', ')}); known: ${FAMILY_NAMES.join(', ')}`,
      );
  }
  if (problems.length) throw new ProfileError(problems.map((p) => `${source}: ${p}`).join('\n'));
}

/** Not errors, but likely to make scenarios fail for the wrong reason: said before the run starts. */
export function profileWarnings(profile: Record<string, string>, source: string): string[] {
  const out: string[] = [];
  for (const store of Object.values(STORES)) {
    if (store.token && profile[store.base] && !profile[store.token] && profile.TARGET_AUTH_TOKEN) {
      out.push(
        `${source}: ${store.base} is set without ${store.token}: TARGET_AUTH_TOKEN is sent there; if that store does not accept it, its scenarios fail with 401/403 for the wrong reason`,
      );
    }
  }
  return out;
}

/** What is wrong with a base URL, without quoting it: it may hold a password. */
function urlProblem(name: string, value: string): string | undefined {
  // The URL parser drops outer spaces and encodes inner ones: a pasted line break or a stray space would pass unseen.
  if (/\s/.test(value)) return `${name} contains whitespace: remove it (pasted with a line break or a stray space?)`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name} is not a URL: set it to the store root, e.g. https://api.example.com/stores/abc123`;
  }
  if (!/^https?:$/.test(url.protocol)) return `${name} must be http: or https:, not ${url.protocol}`;
  if (url.username || url.password)
    return `${name} holds credentials (user:password@): put them in TARGET_AUTH_TOKEN (or the store's own *_TOKEN) / TARGET_LEGACY_USER and TARGET_LEGACY_PASSWORD, not in the URL`;
  return undefined;
}

function suggest(name: string): string {
  const near = closest(name, KNOWN_VARIABLES);
  return near.length ? ` (did you mean ${near.join(' or ')}?)` : ` (known: see docs/target-contract.md)`;
}
