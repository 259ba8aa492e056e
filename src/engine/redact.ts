// Secrets never leave the engine: credential headers are masked by name, and
// every profile secret (tokens, passwords, Basic credentials) is masked
// wherever else it appears (URLs, bodies, echoed headers, error messages).
const MASK = '[REDACTED]';
const CREDENTIAL_HEADERS = new Set([
  'x-auth-token',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-auth-client',
]);

export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: readonly string[]) {
    // Longest first, so a secret containing another is masked whole.
    this.secrets = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  }

  text(value: string): string {
    let out = value;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? MASK : this.text(value);
    }
    return out;
  }
}
