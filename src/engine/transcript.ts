// The transcript of a scenario: what was sent and what came back, redacted
// and bounded (bodies capped, long repeats kept at both ends only), so a
// report stays readable and small whatever the target sends.
import type { IncomingResponse, OutgoingRequest } from './http';
import type { Redactor } from './redact';
import type { Exchange } from './result';

const MAX_BODY = 16 * 1024;
/** Exchanges kept at each end of a repeated request. */
const KEEP_ENDS = 3;

export class Transcript {
  readonly exchanges: Exchange[] = [];
  omitted = 0;

  constructor(private readonly redactor: Redactor) {}

  request(step: string, req: OutgoingRequest): Exchange {
    const r = this.redactor;
    return {
      step,
      request: {
        method: req.method,
        url: r.text(req.url),
        headers: r.headers(req.headers),
        ...(req.body !== undefined ? { body: cap(r.text(req.body)) } : {}),
      },
    };
  }

  response(exchange: Exchange, res: IncomingResponse): void {
    const body = this.redactor.text(res.body);
    exchange.response = {
      status: res.status,
      headers: this.redactor.headers(res.headers),
      body: cap(body),
      ...(body.length > MAX_BODY ? { truncated: true } : {}),
      durationMs: res.durationMs,
    };
  }

  error(exchange: Exchange, e: unknown): void {
    exchange.error = this.redactor.text((e as Error)?.message ?? String(e));
  }

  /** Adds the exchanges of one step; a long repeat keeps its first and last few. */
  add(exchanges: Exchange[]): void {
    if (exchanges.length <= KEEP_ENDS * 2) {
      this.exchanges.push(...exchanges);
      return;
    }
    this.exchanges.push(...exchanges.slice(0, KEEP_ENDS), ...exchanges.slice(-KEEP_ENDS));
    this.omitted += exchanges.length - KEEP_ENDS * 2;
  }
}

function cap(text: string): string {
  return text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text;
}
