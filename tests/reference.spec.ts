// The catalogue proven both ways over real sockets: every scenario passes
// against the reference target, leaves nothing behind on its stores, and every
// scenario fails against at least one deliberately broken variant (mutant).
import { test, expect } from '@playwright/test';
import { createRunContext, runScenario, type RunContext } from '../src/engine/run';
import type { Verdict } from '../src/engine/verdict';
import { scenariosDir } from '../src/paths';
import { loadCatalogue } from '../src/scenario/load';
import type { Scenario } from '../src/scenario/types';
import { TABLE } from '../src/table';
import { MUTANTS } from '../reference/mutants';
import { startReference } from '../reference/server';

const catalogue = loadCatalogue(scenariosDir());
const byId = new Map(catalogue.scenarios.map((s) => [s.id, s]));

/** Runs scenarios one after another against a fresh reference (with mutations), then closes both. */
async function runAgainst(
  mutations: string[],
  scenarios: Scenario[],
  after?: (ctx: RunContext) => Promise<void>,
): Promise<Map<string, Verdict>> {
  const ref = await startReference({ mutations });
  const ctx = createRunContext(ref.profile, `t${Date.now().toString(36)}`, 5000);
  const verdicts = new Map<string, Verdict>();
  try {
    for (const s of scenarios) verdicts.set(s.id, await runScenario(s, ctx));
    await after?.(ctx);
  } finally {
    await ctx.http.close();
    await ref.close();
  }
  return verdicts;
}

test('every scenario passes against the reference target and leaves nothing behind', async () => {
  const leftovers: string[] = [];
  const verdicts = await runAgainst([], catalogue.scenarios, async (ctx) => {
    // Every store's collections, read with each store's own credentials: no name with this run's prefix may remain.
    const stores = [
      'TARGET_BASE_URL',
      'TARGET_PLAN_LIMITED_BASE_URL',
      'TARGET_CATEGORY_LIMITED_BASE_URL',
      'TARGET_RATE_LIMITED_BASE_URL',
      'TARGET_FAULT_BASE_URL',
    ];
    const tokens: Record<string, string> = {
      TARGET_BASE_URL: ctx.profile.TARGET_AUTH_TOKEN,
      TARGET_PLAN_LIMITED_BASE_URL: ctx.profile.TARGET_PLAN_LIMITED_TOKEN,
      TARGET_CATEGORY_LIMITED_BASE_URL: ctx.profile.TARGET_CATEGORY_LIMITED_TOKEN,
      TARGET_RATE_LIMITED_BASE_URL: ctx.profile.TARGET_RATE_LIMITED_TOKEN,
      TARGET_FAULT_BASE_URL: ctx.profile.TARGET_FAULT_TOKEN,
    };
    await new Promise((r) => setTimeout(r, 1600)); // the rate-limited store's window
    for (const base of stores) {
      for (const path of [
        '/v3/catalog/products?limit=250',
        '/v3/catalog/categories?limit=250',
        '/v3/hooks',
        '/v2/orders',
      ]) {
        const res = await ctx.http.send({
          method: 'GET',
          url: ctx.profile[base] + path,
          headers: { accept: 'application/json', 'x-auth-token': tokens[base] },
        });
        expect(res.status, `${base} ${path}`).toBe(200);
        if (res.body.includes(ctx.prefix)) leftovers.push(`${base}${path}`);
      }
    }
  });
  const notPassed = [...verdicts]
    .filter(([, v]) => v.status !== 'passed')
    .map(([id, v]) => `${id}: ${v.status}: ${v.reason}`);
  expect(notPassed).toEqual([]);
  expect([...verdicts.values()].flatMap((v) => v.leftovers ?? [])).toEqual([]);
  expect(leftovers).toEqual([]);
});

test('the mutants cover every scenario and every row of the table', () => {
  const killed = new Set(MUTANTS.flatMap((m) => m.kills));
  expect(catalogue.scenarios.map((s) => s.id).filter((id) => !killed.has(id))).toEqual([]);
  expect([...killed].filter((id) => !byId.has(id))).toEqual([]);
  const codes = new Set(MUTANTS.map((m) => m.code));
  expect(TABLE.map((r) => r.code).filter((c) => !codes.has(c))).toEqual([]);
});

for (const mutant of MUTANTS) {
  test(`mutant ${mutant.name} (${mutant.code}: ${mutant.description}) is caught`, async () => {
    const scenarios = mutant.kills.map((id) => byId.get(id)).filter((s): s is Scenario => !!s);
    const verdicts = await runAgainst([mutant.name], scenarios);
    for (const s of scenarios) {
      const v = verdicts.get(s.id)!;
      // Failed, not errored: the scenario judged the broken behaviour, it did not merely stumble on it.
      expect(v.status, `${s.id}: ${v.reason ?? 'passed'}`).toBe('failed');
      expect(v.failures.length).toBeGreaterThan(0);
    }
  });
}
