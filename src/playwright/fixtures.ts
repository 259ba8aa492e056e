// What the tests of one worker share, as Playwright worker fixtures: the run
// context (profile, one HTTP client, redactor), the known-deviation file and
// the run's facts. Created once per worker and closed when it ends.
import * as playwright from '@playwright/test';
import { journalFile } from '../engine/journal';
import type { Scenario } from '../scenario/types';
import type { RunFacts, ScenarioRecord } from './annotations';
import { concurrencyFrom, createLookahead, type TestPosition } from './lookahead';
import { recordScenario } from './record';
import { createRunContext } from '../engine/run';
import { profileFrom, publicUrl } from '../profile/profile';
import { loadDeviations } from '../scenario/deviations';
import { suiteVersion } from '../support/paths';
import { catalogueOnce } from './catalogue-once';

/** What a scenario test gets from its worker. */
export interface Conformance {
  /** The record of the test's scenario: run now, or picked up from a run started ahead (lookahead.ts). */
  recordOf(s: Scenario, at: TestPosition): Promise<ScenarioRecord>;
}

/** How long a stopping worker waits for running scenarios to clean up before it exits anyway. */
const CLEANUP_GRACE_MS = 10_000;
/** How long a worker that stops between tests lets the scenarios it started ahead finish. */
const AHEAD_GRACE_MS = 30_000;

/**
 * Scenario tests need no browser: `_baseTest` is Playwright's test without the browser fixtures, whose
 * per-test set-up (artifacts, trace hooks, context options) costs more than a scenario's request. Playwright
 * exports it from its entry point; should a release drop it, the full `test` still works, only slower.
 */
const base: typeof playwright.test =
  (playwright as unknown as { _baseTest?: typeof playwright.test })._baseTest ?? playwright.test;

export const test = base.extend<object, { conformance: Conformance }>({
  conformance: [
    async ({}, use, workerInfo) => {
      const runId = process.env.CONFORMANCE_RUN_ID || `local${Date.now().toString(36)}`;
      const stop = new AbortController();
      const journal = process.env.CONFORMANCE_JOURNAL ? journalFile(process.env.CONFORMANCE_JOURNAL) : undefined;
      const ctx = {
        ...createRunContext(profileFrom(process.env), runId, Number(process.env.CONFORMANCE_TIMEOUT_MS) || undefined),
        journal,
        signal: stop.signal,
      };
      const running = new Set<Promise<unknown>>();
      const track = <T>(work: Promise<T>): Promise<T> => {
        running.add(work);
        void work.finally(() => running.delete(work)).catch(() => undefined);
        return work;
      };
      const file = process.env.CONFORMANCE_DEVIATIONS;
      const deviations = file ? loadDeviations(file, catalogueOnce()) : undefined;
      const facts: RunFacts = {
        runId,
        targetBaseUrl: publicUrl(ctx.profile.TARGET_BASE_URL),
        targetKind: process.env.CONFORMANCE_TARGET_KIND === 'reference' ? 'reference' : 'profile',
        capabilities: Object.keys(ctx.profile).sort(),
        scenarioSetHash: catalogueOnce().hash,
        scenarioCount: catalogueOnce().scenarios.length,
        suiteVersion: suiteVersion(),
        node: process.version,
        ...(workerInfo.config.shard ? { shard: workerInfo.config.shard } : {}),
        ...(deviations
          ? { deviations: { file: deviations.file, sha256: deviations.sha256, entries: deviations.byScenario.size } }
          : {}),
      };
      const inputs = { ctx, deviations, facts, track };
      const byId = new Map(catalogueOnce().scenarios.map((s) => [s.id, s]));
      const lookahead = createLookahead(
        (s) => recordScenario(s, inputs),
        byId,
        concurrencyFrom(process.env),
        process.env.CONFORMANCE_LOOKAHEAD,
        stop.signal,
      );
      // Tests waiting for their record: one still waiting when the worker stops was cut short.
      let waiting = 0;
      try {
        await use({
          recordOf: async (s, at) => {
            waiting++;
            try {
              return await lookahead.recordOf(s, at);
            } finally {
              waiting--;
            }
          },
        });
      } finally {
        // Stopped between tests (its tests are done, or Playwright ends an idle worker while another still
        // works): what it started ahead belongs to tests still to come in another worker, and finishes first.
        // Nothing new starts ahead while it stops (each run that ends would otherwise start the next).
        lookahead.close();
        if (!waiting) await settled(running, AHEAD_GRACE_MS);
        // Stopped mid-scenario (interrupted, timed out): no new step starts, clean-ups get a bounded grace.
        stop.abort();
        await settled(running, CLEANUP_GRACE_MS);
        await ctx.http.close();
      }
    },
    { scope: 'worker' },
  ],
});

/** Waits until every piece of work has settled, or `ms` have passed. */
async function settled(work: Set<Promise<unknown>>, ms: number): Promise<void> {
  if (!work.size) return;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise((r) => (timer = setTimeout(r, ms)));
  await Promise.race([Promise.allSettled(work), grace]);
  clearTimeout(timer);
}
