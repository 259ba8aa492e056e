// Signing reports (Ed25519, node:crypto): a vendor signs the canonical form of
// report.json with a private key; a reviewer checks it with the public key.
// Any edit to a verdict, a count, a status or a transcript breaks it.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConformanceReport } from './model';

export class KeyError extends Error {
  override name = 'KeyError';
}

/** JSON with object keys sorted at every level and no whitespace: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function readKey(file: string, kind: 'private' | 'public', what: string): KeyObject {
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (e) {
    throw new KeyError(`${what} ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new KeyError(
      `${what} ${file} is not a PEM ${kind} key; make one with: openssl genpkey -algorithm ed25519 -out key.pem`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new KeyError(
      `${what} ${file} is a ${key.asymmetricKeyType ?? 'non-asymmetric'} key; reports are signed with Ed25519`,
    );
  }
  return key;
}

export const readSigningKey = (file: string): KeyObject => readKey(file, 'private', '--sign-key');
export const readPublicKey = (file: string): KeyObject => readKey(file, 'public', '--public-key');

function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(pub.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

const unsigned = (report: ConformanceReport): Omit<ConformanceReport, 'signature'> => {
  const { signature: _ignored, ...rest } = report;
  return rest;
};

export function signReport(report: ConformanceReport, key: KeyObject): ConformanceReport {
  const value = sign(null, Buffer.from(canonicalJson(unsigned(report))), key).toString('base64');
  return { ...unsigned(report), signature: { algorithm: 'Ed25519', keyId: keyIdOf(key), value } };
}

/** A reason the signature does not hold, or undefined when it does. */
export function signatureProblem(report: ConformanceReport, key: KeyObject): string | undefined {
  const s = report.signature;
  if (!s) return 'the report is not signed, but a public key was given';
  if (s.algorithm !== 'Ed25519') return `the signature uses ${String(s.algorithm)}, not Ed25519`;
  if (s.keyId !== keyIdOf(key))
    return `the report was signed by another key (key id ${s.keyId.slice(0, 16)}…, the given key is ${keyIdOf(key).slice(0, 16)}…)`;
  const ok = verify(null, Buffer.from(canonicalJson(unsigned(report))), key, Buffer.from(s.value, 'base64'));
  return ok ? undefined : 'the signature does not match the report: it was changed after signing';
}
