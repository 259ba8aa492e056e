// Whether a target profile can run a scenario: a scenario whose variables are
// absent is not applicable (docs/target-contract.md), never passed, never failed.
import type { Scenario } from '../scenario/types';
import { defaultAuth, STORES, variablesFor } from '../contract/stores';
import type { Profile } from '../profile/profile';

/** Profile variables the scenario needs and the profile lacks; empty when applicable. */
export function missingVariables(s: Scenario, profile: Profile): string[] {
  const missing = new Set(s.requires.filter((v) => !profile[v]));
  const requests = [
    s.request,
    ...[...(s.setup ?? []), ...(s.verify ?? [])].flatMap((st) => ('request' in st ? [st.request] : [])),
  ];
  for (const r of requests) {
    const store = r.store ?? 'main';
    const auth = r.auth ?? defaultAuth(store);
    for (const v of variablesFor(store, auth)) if (!profile[v]) missing.add(v);
    const own = STORES[store].token;
    if (auth === 'token' && own && !profile[own] && !profile.TARGET_AUTH_TOKEN)
      missing.add(`${own} (or TARGET_AUTH_TOKEN)`);
  }
  return [...missing];
}
