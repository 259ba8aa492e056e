// What the tests of one worker share, as Playwright worker fixtures: the run
// context (profile, one HTTP client, redactor), the known-deviation file and
// the run's facts. Created once per worker and closed when it ends.
import { test as base } from '@playwright/test';
import { journalFile } from '../engine/journal';
import { createRunContext, type RunContext } from '../engine/run';
import { profileFrom, publicUrl } from '../profile/profile';
import { loadDeviations, type DeviationSet } from '../scenario/deviations';
import { loadCatalogue, type Catalogue } from '../scenario/load';
import { scenariosDir, suiteVersion } from '../support/paths';

/** Facts about the run that travel with every test result, so a merged report can state its provenance. */
export interface RunFacts {
  runId: string;
  targetBaseUrl: string;
  targetKind: 'reference' | 'profile';
  capabilities: string[];
  scenarioSetHash: string;
  scenarioCount: number;
  suiteVersion: string;
  node: string;
  deviations?: { file: string; sha256: string; entries: number };
  /** The shard this result came from, so a merge can name the shards it lacks. */
  shard?: { current: number; total: number };
}

export interface Conformance {
  ctx: RunContext;
  deviations: DeviationSet | undefined;
  facts: RunFacts;
  /** Runs a scenario's work so that, if the worker is stopped meanwhile, its clean-up still gets its grace. */
  track<T>(work: Promise<T>): Promise<T>;
}

/** How long a stopping worker waits for running scenarios to clean up before it exits anyway. */
const CLEANUP_GRACE_MS = 10_000;

let catalogue: Catalogue | undefined;

/** The catalogue, loaded once per process: test definitions need it before any fixture exists. */
export function catalogueOnce(): Catalogue {
  return (catalogue ??= loadCatalogue(scenariosDir()));
}

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
      try {
        await use({ ctx, deviations, facts, track });
      } finally {
        // Stopped mid-scenario (interrupted, timed out): no new step starts, clean-ups get a bounded grace.
        stop.abort();
        if (running.size) {
          let timer: NodeJS.Timeout | undefined;
          const grace = new Promise((r) => (timer = setTimeout(r, CLEANUP_GRACE_MS)));
          await Promise.race([Promise.allSettled(running), grace]);
          clearTimeout(timer);
        }
        await ctx.http.close();
      }
    },
    { scope: 'worker' },
  ],
});
