// Whether a target profile can run a scenario: a scenario whose variables are
// absent, or whose resource family the target does not implement
// (TARGET_FAMILIES), is not applicable (docs/target-contract.md), never
// passed, never failed.
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
  // A family the target says it does not implement (TARGET_FAMILIES lists the ones it does).
  const families = profile.TARGET_FAMILIES?.split(',').map((f) => f.trim());
  if (s.resource && families && !families.includes(s.resource)) missing.add(`TARGET_FAMILIES (with ${s.resource})`);
  return [...missing];
}
