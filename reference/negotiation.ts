// Content negotiation (RFC 9110 §12.5.1, §8.3): does the client accept the JSON
// we send, and is the body it sent JSON. Every response is application/json.

export interface AcceptOptions {
  /** `ignore-q-values` mutant: a matching range with q=0 still counts. */
  ignoreQ?: boolean;
  /** `wildcard-406` mutant: `*\/*` does not match. */
  refuseWildcard?: boolean;
}

/**
 * True when `application/json` is acceptable. The most specific matching range
 * decides its quality (`application/json;q=0, *\/*` refuses JSON); an absent or
 * empty header accepts anything.
 */
export function acceptsJson(accept: string | undefined, opts: AcceptOptions = {}): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  let best: { specificity: number; q: number } | undefined;
  for (const member of accept.split(',')) {
    const [range = '', ...params] = member.split(';').map((s) => s.trim().toLowerCase());
    const specificity = range === 'application/json' ? 3 : range === 'application/*' ? 2 : range === '*/*' ? 1 : 0;
    if (specificity === 0 || (specificity === 1 && opts.refuseWildcard)) continue;
    const q = qualityOf(params);
    if (!best || specificity > best.specificity || (specificity === best.specificity && q > best.q)) {
      best = { specificity, q };
    }
  }
  return best !== undefined && (opts.ignoreQ || best.q > 0);
}

function qualityOf(params: string[]): number {
  const q = params.find((p) => p.startsWith('q='));
  const value = q === undefined ? 1 : Number(q.slice(2));
  return Number.isFinite(value) ? value : 1; // a malformed weight is not a refusal
}

/** The media type of a Content-Type value without parameters, lower-cased; undefined when absent or empty. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence ? essence : undefined;
}

/** application/json or any structured `+json` type (application/merge-patch+json, ...). */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || /^[a-z0-9!#$&^_.-]+\/[a-z0-9!#$&^_.+-]+\+json$/.test(mediaType);
}
