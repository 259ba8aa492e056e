// The catalogue proven both ways over real sockets: every scenario passes
// against the reference target and against a second, independently written
// conforming target (other roots, ids, wording, header case, limits, a plain
// http:// base URL), leaving nothing behind on any store; and every mutant of
// the reference makes the scenarios it names fail on the very check it names.
import { test, expect } from '@playwright/test';
import { FAMILY_NAMES } from '../src/contract/families';
import { STORES, type StoreName } from '../src/contract/stores';
import { TABLE } from '../src/contract/table';
import type { RunResult } from '../src/engine/result';
import { createRunContext, runScenario, type RunContext } from '../src/engine/run';
import { tokenFor } from '../src/profile/profile';
import { loadCatalogue } from '../src/scenario/load';
import type { Scenario } from '../src/scenario/types';
import { scenariosDir } from '../src/support/paths';
import { MUTANTS } from '../reference/mutants';
import { startReference } from '../reference/server';
import { startSecondTarget } from './fixtures/second-target';

const catalogue = loadCatalogue(scenariosDir());
const byId = new Map(catalogue.scenarios.map((s) => [s.id, s]));

interface Target {
  profile: Record<string, string>;
  close(): Promise<void>;
}

/** Runs scenarios one after another against a target, then closes it. */
async function runAgainst(
  target: Target,
  scenarios: Scenario[],
  after?: (ctx: RunContext) => Promise<void>,
): Promise<Map<string, RunResult>> {
  const ctx = createRunContext(target.profile, `t${Date.now().toString(36)}`, 5000);
  const results = new Map<string, RunResult>();
  try {
    for (const s of scenarios) results.set(s.id, await runScenario(s, ctx));
    await after?.(ctx);
  } finally {
    await ctx.http.close();
    await target.close();
  }
  return results;
}

/** Stores whose collections can be listed with a token (not the http front door, maintenance or legacy). */
const LISTABLE: StoreName[] = ['main', 'planLimited', 'categoryLimited', 'rateLimited', 'fault'];
const COLLECTIONS = ['/v3/catalog/products?limit=250', '/v3/catalog/categories?limit=250', '/v3/hooks', '/v2/orders'];

/** Every collection of every store, read with each store's own token: where a name with this run's prefix remains. */
async function leftoversOn(ctx: RunContext): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 2100)); // let the rate-limited store's window pass
  const found: string[] = [];
  for (const store of LISTABLE) {
    for (const path of COLLECTIONS) {
      const url = ctx.profile[STORES[store].base] + path;
      const res = await ctx.http.send({
        method: 'GET',
        url,
        headers: { accept: 'application/json', 'x-auth-token': tokenFor(store, ctx.profile)! },
      });
      expect([200, 204], `${store} ${path}`).toContain(res.status);
      if (res.body.includes(ctx.prefix)) found.push(`${store}${path}`);
    }
  }
  return found;
}

const notPassed = (results: Map<string, RunResult>) =>
  [...results].filter(([, r]) => r.status !== 'passed').map(([id, r]) => `${id}: ${r.status}: ${r.reason}`);

for (const [name, start] of [
  ['the reference target', () => startReference()],
  [
    'a second, independently written target (plain http base, other ids, wording and limits)',
    () => startSecondTarget(),
  ],
] as const) {
  test(`every scenario passes against ${name} and leaves nothing behind`, async () => {
    let leftovers: string[] = [];
    const results = await runAgainst(await start(), catalogue.scenarios, async (ctx) => {
      leftovers = await leftoversOn(ctx);
    });
    expect(notPassed(results)).toEqual([]);
    // A pass means every declared check ran and passed.
    for (const [id, r] of results)
      expect(
        r.checks.filter((c) => c.outcome !== 'passed'),
        id,
      ).toEqual([]);
    expect([...results.values()].flatMap((r) => r.leftovers ?? [])).toEqual([]);
    expect(leftovers).toEqual([]);
  });
}

test('a conforming target whose base URL is plain http:// passes 301; one that redirects to http:// fails it', async () => {
  const scenario = byId.get('301-http-to-https')!;
  const good = await runAgainst(await startSecondTarget(), [scenario]);
  expect(good.get(scenario.id)).toMatchObject({ status: 'passed' });
  const bad = (await runAgainst(await startSecondTarget({ redirectToHttp: true }), [scenario])).get(scenario.id)!;
  expect(bad.status).toBe('failed');
  expect(bad.checks.find((c) => c.at === 'expect.location.scheme')).toMatchObject({
    outcome: 'failed',
    actual: 'http',
    expected: 'https',
  });
});

/** The scenarios a kills key names: an id, or a pattern where `*` stands for any text. */
function named(key: string): Scenario[] {
  const pattern = new RegExp(`^${key.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return catalogue.scenarios.filter((s) => pattern.test(s.id));
}

/** Every scenario a mutant names, with the check that must fail. */
function killsOf(m: (typeof MUTANTS)[number]): { scenario: Scenario; at: string }[] {
  return Object.entries(m.kills).flatMap(([key, at]) => named(key).map((scenario) => ({ scenario, at })));
}

test('the mutants cover every scenario and every row; each names a check its scenarios declare', () => {
  const killed = new Set(MUTANTS.flatMap((m) => killsOf(m).map((k) => k.scenario.id)));
  expect(catalogue.scenarios.map((s) => s.id).filter((id) => !killed.has(id))).toEqual([]);
  for (const m of MUTANTS) {
    for (const key of Object.keys(m.kills))
      expect(named(key).length, `${m.name} names ${key}, which matches no scenario`).toBeGreaterThan(0);
    for (const { scenario, at } of killsOf(m)) {
      expect(
        scenario.checks.map((c) => c.at),
        `${m.name}: ${scenario.id} has no check ${at}`,
      ).toContain(at);
    }
  }
  const codes = new Set(MUTANTS.map((m) => m.code));
  expect(TABLE.map((r) => r.code).filter((c) => !codes.has(c))).toEqual([]);
  // Every family has a mutant of its own.
  expect(FAMILY_NAMES.filter((f) => !MUTANTS.some((m) => m.family === f))).toEqual([]);
});

for (const mutant of MUTANTS) {
  test(`mutant ${mutant.name} (${mutant.code}: ${mutant.description}) fails the check it names`, async () => {
    const kills = killsOf(mutant);
    const results = await runAgainst(
      await startReference({ mutations: [mutant.name] }),
      kills.map((k) => k.scenario),
    );
    for (const { scenario, at } of kills) {
      const r = results.get(scenario.id)!;
      // Failed, not errored: the scenario judged the broken behaviour, it did not merely stumble on it.
      expect(r.status, `${scenario.id}: ${r.reason ?? 'passed'}`).toBe('failed');
      const check = r.checks.find((c) => c.at === at);
      expect(check?.outcome, `${scenario.id} ${at}: ${check?.message ?? 'no such check'}`).toBe('failed');
    }
  });
}

for (const mutant of MUTANTS.filter((m) => m.family)) {
  test(`mutant ${mutant.name} breaks ${mutant.family} only: the whole catalogue fails nowhere else`, async () => {
    const results = await runAgainst(await startReference({ mutations: [mutant.name] }), catalogue.scenarios);
    const failed = [...results].filter(([, r]) => r.status !== 'passed');
    expect(failed.length).toBeGreaterThan(0);
    const elsewhere = failed.filter(([id]) => byId.get(id)!.resource !== mutant.family);
    expect(elsewhere.map(([id, r]) => `${id}: ${r.status}: ${r.reason}`)).toEqual([]);
  });
}
