// Secrets never leave the engine: credential headers are masked by name, and
// every profile secret (tokens, passwords, Basic credentials) is masked
// wherever else it appears (URLs, bodies, echoed header values and names,
// error messages), in every form a target may echo it in (secret-forms.ts).
import { secretForms } from './secret-forms';

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
  private readonly pattern: RegExp | undefined;
  /** The same, in any case: header names arrive lower-cased, whatever case the target sent. */
  private readonly namePattern: RegExp | undefined;

  constructor(secrets: readonly string[]) {
    // Longest first, so a form containing another is masked whole.
    const forms = [...new Set(secrets.filter((s) => s.length > 0).flatMap(secretForms))].sort(
      (a, b) => b.length - a.length,
    );
    const alternatives = forms.map((f) => f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
    this.pattern = forms.length ? new RegExp(alternatives, 'g') : undefined;
    this.namePattern = forms.length ? new RegExp(alternatives, 'gi') : undefined;
  }

  text(value: string): string {
    return this.pattern ? value.replace(this.pattern, MASK) : value;
  }

  headers(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const masked = CREDENTIAL_HEADERS.has(name.toLowerCase()) ? MASK : this.text(value);
      const key = this.namePattern ? name.replace(this.namePattern, MASK) : name;
      // Two echoed names may mask alike; keep both values, as repeated headers are.
      out[key] = Object.hasOwn(out, key) ? `${out[key]}, ${masked}` : masked;
    }
    return out;
  }
}
