// How many Playwright workers (processes) a run uses. Requests in flight come
// from CONFORMANCE_CONCURRENCY, not from processes, and each worker costs about
// 150 MB: one is enough. A second pays off only where a worker would sit idle:
// the scenarios of a shared-limit store run in order and alone, waiting out the
// store's windows (a 429 scenario waits for its reset), and meanwhile another
// worker goes on with the rest of the catalogue.
import { SHARED_LIMIT_STORES } from '../contract/stores';
import type { Scenario } from '../scenario/types';

const MAX_WORKERS = 64;

export function workersFrom(env: NodeJS.ProcessEnv, scenarios: readonly Scenario[]): number {
  const raw = env.CONFORMANCE_WORKERS?.trim();
  if (!raw) return scenarios.some((s) => SHARED_LIMIT_STORES.includes(s.request.store ?? 'main')) ? 2 : 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new Error(
      `CONFORMANCE_WORKERS must be a whole number from 1 to ${MAX_WORKERS} (Playwright worker processes), not "${raw}"`,
    );
  return n;
}
