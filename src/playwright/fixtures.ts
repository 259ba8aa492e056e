// What the tests of one worker share, as Playwright worker fixtures: the run
// context (profile, one HTTP client, redactor), the known-deviation file and
// the run's facts. Created once per worker and closed when it ends.
import { test as base } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunContext, type RunContext } from '../engine/run';
import { profileFrom, publicUrl } from '../profile/profile';
import { loadDeviations, type DeviationSet } from '../scenario/deviations';
import { loadCatalogue, type Catalogue } from '../scenario/load';
import { packageRoot, scenariosDir } from '../support/paths';

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
}

export interface Conformance {
  ctx: RunContext;
  deviations: DeviationSet | undefined;
  facts: RunFacts;
}

let catalogue: Catalogue | undefined;

/** The catalogue, loaded once per process: test definitions need it before any fixture exists. */
export function catalogueOnce(): Catalogue {
  return (catalogue ??= loadCatalogue(scenariosDir()));
}

export const test = base.extend<object, { conformance: Conformance }>({
  conformance: [
    async ({}, use) => {
      const runId = process.env.CONFORMANCE_RUN_ID || `local${Date.now().toString(36)}`;
      const ctx = createRunContext(
        profileFrom(process.env),
        runId,
        Number(process.env.CONFORMANCE_TIMEOUT_MS) || undefined,
      );
      const file = process.env.CONFORMANCE_DEVIATIONS;
      const deviations = file ? loadDeviations(file, catalogueOnce()) : undefined;
      const facts: RunFacts = {
        runId,
        targetBaseUrl: publicUrl(ctx.profile.TARGET_BASE_URL),
        targetKind: process.env.CONFORMANCE_TARGET_KIND === 'reference' ? 'reference' : 'profile',
        capabilities: Object.keys(ctx.profile).sort(),
        scenarioSetHash: catalogueOnce().hash,
        scenarioCount: catalogueOnce().scenarios.length,
        suiteVersion: (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
          .version,
        node: process.version,
        ...(deviations
          ? { deviations: { file: deviations.file, sha256: deviations.sha256, entries: deviations.byScenario.size } }
          : {}),
      };
      try {
        await use({ ctx, deviations, facts });
      } finally {
        await ctx.http.close();
      }
    },
    { scope: 'worker' },
  ],
});
