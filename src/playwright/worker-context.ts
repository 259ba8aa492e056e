// What every test in a worker shares: the catalogue (loaded and checked once),
// the profile from the environment, one HTTP client, one redactor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileFrom, publicUrl } from '../engine/profile';
import { createRunContext, type RunContext } from '../engine/run';
import { packageRoot, scenariosDir } from '../paths';
import { loadDeviations, type DeviationSet } from '../scenario/deviations';
import { loadCatalogue, type Catalogue } from '../scenario/load';

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

let catalogue: Catalogue | undefined;
let context: RunContext | undefined;
let deviations: DeviationSet | null | undefined;
let facts: RunFacts | undefined;

export function catalogueOnce(): Catalogue {
  return (catalogue ??= loadCatalogue(scenariosDir()));
}

/** The known-deviation file of the run (CONFORMANCE_DEVIATIONS), or null. */
export function deviationsOnce(): DeviationSet | null {
  if (deviations === undefined) {
    const file = process.env.CONFORMANCE_DEVIATIONS;
    deviations = file ? loadDeviations(file, catalogueOnce()) : null;
  }
  return deviations;
}

export function runContext(): RunContext {
  if (context) return context;
  const runId = process.env.CONFORMANCE_RUN_ID || `local${Date.now().toString(36)}`;
  return (context = createRunContext(
    profileFrom(process.env),
    runId,
    Number(process.env.CONFORMANCE_TIMEOUT_MS) || undefined,
  ));
}

/** The same for every test of the run: computed once per worker. */
export function runFacts(): RunFacts {
  if (facts) return facts;
  const ctx = runContext();
  const cat = catalogueOnce();
  const dev = deviationsOnce();
  return (facts = {
    runId: ctx.runId,
    targetBaseUrl: publicUrl(ctx.profile.TARGET_BASE_URL),
    targetKind: process.env.CONFORMANCE_TARGET_KIND === 'reference' ? 'reference' : 'profile',
    capabilities: Object.keys(ctx.profile).sort(),
    scenarioSetHash: cat.hash,
    scenarioCount: cat.scenarios.length,
    suiteVersion: (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
      .version,
    node: process.version,
    ...(dev ? { deviations: { file: dev.file, sha256: dev.sha256, entries: dev.byScenario.size } } : {}),
  });
}
