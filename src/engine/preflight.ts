// Before any scenario: can the target be reached at all? One request per
// distinct origin of the profile, all at once, and an authenticated read with
// TARGET_AUTH_TOKEN on the main store. A target that cannot be reached, whose
// certificate is refused, or that refuses the main token would make every
// scenario error one by one; this says so once, naming the variable to fix.
// A target that answers, even wrongly, passes: judging answers is the run's job.
import { STORES } from '../contract/stores';
import { tokenFor, type Profile } from '../profile/profile';
import { HttpClient, TransportError } from './http';

export interface PreflightProblem {
  /** The profile variables to look at. */
  variables: string[];
  message: string;
}

/** `signal` abandons it (its connections destroyed, no problem reported) when its answer is no longer wanted. */
export async function preflight(
  profile: Profile,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<PreflightProblem[]> {
  const http = new HttpClient({
    caFile: profile.TARGET_TLS_CA_FILE,
    insecure: /^(1|true|yes)$/i.test(profile.TARGET_TLS_INSECURE ?? ''),
    timeoutMs,
  });
  const abandon = () => void http.destroy();
  signal?.addEventListener('abort', abandon, { once: true });
  try {
    const byOrigin = new Map<string, { vars: string[]; url: string }>();
    for (const store of Object.values(STORES)) {
      const url = profile[store.base];
      if (!url) continue;
      const origin = new URL(url).origin;
      const seen = byOrigin.get(origin);
      if (seen) seen.vars.push(store.base);
      else byOrigin.set(origin, { vars: [store.base], url });
    }
    const main = profile.TARGET_BASE_URL ? new URL(profile.TARGET_BASE_URL).origin : undefined;
    const checks = [...byOrigin].map(async ([origin, { vars, url }]): Promise<PreflightProblem | undefined> => {
      // On the main store's origin the one request is an authenticated read, so a refused token shows too.
      const authed = origin === main && tokenFor('main', profile);
      const target = authed ? `${profile.TARGET_BASE_URL!.replace(/\/+$/, '')}/v3/catalog/products?limit=1` : url;
      const headers: Record<string, string> = { accept: 'application/json' };
      if (authed) headers['x-auth-token'] = authed;
      try {
        const res = await http.send({ method: 'GET', url: target, headers });
        if (authed && res.status === 401) {
          return {
            variables: ['TARGET_AUTH_TOKEN'],
            message: `TARGET_AUTH_TOKEN was refused (401) by the store at TARGET_BASE_URL: set it to a token of that store with full scopes`,
          };
        }
        return undefined;
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        const tls = /TLS/.test(e.message);
        return {
          variables: tls ? [...vars, 'TARGET_TLS_CA_FILE'] : vars,
          message: `${vars.join(', ')}: ${e.message}`,
        };
      }
    });
    const problems = (await Promise.all(checks)).filter((p): p is PreflightProblem => !!p);
    return signal?.aborted ? [] : problems;
  } finally {
    signal?.removeEventListener('abort', abandon);
    if (!signal?.aborted) await http.close();
  }
}
