// What each scenario test carries from worker to reporter: its static facts as
// an annotation, its outcome and run result as one JSON attachment. It holds
// everything the report needs, so a merged blob report is as complete as a
// direct run.
import type { FamilyName } from '../contract/families';
import type { Outcome } from '../engine/outcome';
import type { RunResult } from '../engine/result';
import type { RunFacts } from './fixtures';

export const ATTACHMENT = 'conformance-result';
export const ANNOTATION = 'conformance';

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

export interface ResultAttachment {
  facts: RunFacts;
  /** The final status, decided once in the worker (src/engine/outcome.ts). */
  outcome: Outcome;
  /** Absent when the scenario was not applicable. */
  run?: RunResult;
}
