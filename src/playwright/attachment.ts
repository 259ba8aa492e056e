// The one attachment each scenario test carries from worker to reporter. It
// holds everything the report needs, so a merged blob report is as complete
// as a direct run.
import type { Verdict } from '../engine/verdict';
import type { DeviationNote } from '../report/model';
import type { RunFacts } from './worker-context';

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
}

export interface ResultAttachment {
  facts: RunFacts;
  /** Absent when not applicable. */
  verdict?: Verdict;
  /** Profile variables that were missing (not applicable). */
  missing?: string[];
  /** The known-deviation entry for the scenario; `stale` when it passed after all. */
  deviation?: DeviationNote;
}
