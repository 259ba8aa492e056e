// Rate-limit pacing: a 429 that the scenario does not check is the platform
// asking to slow down. Wait for the time its headers give, then retry.
import type { IncomingResponse } from './http';

/** Longest window waited out (the store API's windows are 30 s); past it the 429 is judged as it is. */
const MAX_PACING_MS = 35_000;
/** Retries of one request before its 429 is judged as it is. */
export const MAX_PACING_RETRIES = 2;

/**
 * Milliseconds to wait before the next request when this response spent the
 * window's last request (X-Rate-Limit-Requests-Left 0): waiting now costs the
 * same as a 429 later, without the 429.
 */
export function quotaSpentDelay(res: IncomingResponse): number | undefined {
  if (res.status === 429 || res.headers['x-rate-limit-requests-left'] !== '0') return undefined;
  const resetMs = Number(res.headers['x-rate-limit-time-reset-ms']);
  return Number.isFinite(resetMs) && resetMs >= 0 && resetMs <= MAX_PACING_MS ? resetMs : undefined;
}

/** Milliseconds to wait before retrying, from X-Rate-Limit-Time-Reset-Ms and X-Retry-After (the longer); undefined: do not retry. */
export function pacingDelay(res: IncomingResponse): number | undefined {
  if (res.status !== 429) return undefined;
  const resetMs = Number(res.headers['x-rate-limit-time-reset-ms']);
  const retryS = Number(res.headers['x-retry-after'] ?? res.headers['retry-after']);
  const waits = [resetMs, retryS * 1000].filter((n) => Number.isFinite(n) && n >= 0);
  if (waits.length === 0) return undefined;
  const wait = Math.max(...waits);
  return wait <= MAX_PACING_MS ? wait : undefined;
}

export interface PacingOptions {
  /** The request is about 429 itself: its answer is judged as it comes, never waited out. */
  checks429: boolean;
  sleep(ms: number): Promise<void>;
}

/**
 * Sends through `attempt` until the answer is not a platform 429 to wait out (at most
 * MAX_PACING_RETRIES retries); after an answer that spent the window's last request, waits for the reset.
 */
export async function paced(attempt: () => Promise<IncomingResponse>, o: PacingOptions): Promise<IncomingResponse> {
  for (let n = 0; ; n++) {
    const res = await attempt();
    if (o.checks429) return res;
    const pause = n < MAX_PACING_RETRIES ? pacingDelay(res) : undefined;
    if (pause === undefined) {
      const spent = quotaSpentDelay(res);
      if (spent !== undefined) await o.sleep(spent);
      return res;
    }
    await o.sleep(pause);
  }
}
