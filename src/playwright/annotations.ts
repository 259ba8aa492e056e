// What each scenario test carries from worker to reporter, as two test
// annotations: its static facts (known before it runs) and its record (outcome
// and run result, one JSON). They hold everything the report needs, so a
// merged blob report is as complete as a direct run.
import type { FamilyName } from '../contract/families';
import type { Outcome } from '../engine/outcome';
import type { RunResult } from '../engine/result';

export const RESULT_ANNOTATION = 'conformance-result';
export const META_ANNOTATION = 'conformance';

/** Static facts of a scenario, carried as a test annotation (known before it runs). */
export interface ScenarioMeta {
  id: string;
  title: string;
  code: number;
  level: 'must' | 'should';
  doc: string;
  file: string;
  resource?: FamilyName;
  operation?: string;
}

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

/** What the test's run left, as the description of its RESULT_ANNOTATION. */
export interface ScenarioRecord {
  facts: RunFacts;
  /** The final status, decided once in the worker (src/engine/outcome.ts). */
  outcome: Outcome;
  /** Absent when the scenario was not applicable. */
  run?: RunResult;
}
