// The one place that decides a scenario's final status from its run result and
// the known-deviation file: a failure that is exactly what the file lists
// (same scenario, same status, nothing else wrong) is a known deviation; an
// entry whose scenario passes is stale. Every renderer reads this decision.
import type { Deviation } from '../scenario/deviations';
import type { RunResult } from './result';

/**
 * notApplicable: the profile lacks what the scenario needs. notRun: it was selected away (--grep, a shard) or
 * the run ended before it finished (interrupted); a run with notRun scenarios is never a pass.
 */
export type ScenarioStatus = 'passed' | 'failed' | 'knownDeviation' | 'notApplicable' | 'errored' | 'notRun';

export interface DeviationNote {
  /** The status the target is known to answer instead of the documented one. */
  status: number;
  reason: string;
  /** The scenario passed after all: the entry can go. */
  stale?: boolean;
}

export interface Outcome {
  status: ScenarioStatus;
  /** One line, present unless passed. */
  reason?: string;
  deviation?: DeviationNote;
  /** Not applicable: the profile variables it lacks (what would make it apply). */
  missing?: string[];
}

export function outcomeOf(run: RunResult, listed: Deviation | undefined): Outcome {
  // Cut short by the run's own interruption: not judged, and not the target's failure.
  if (run.interrupted) return { status: 'notRun', reason: 'not run: interrupted while it ran' };
  const base: Outcome = { status: run.status, ...(run.reason ? { reason: run.reason } : {}) };
  if (!listed) return base;
  const note: DeviationNote = { status: listed.status, reason: listed.reason };
  if (run.status === 'passed') return { ...base, deviation: { ...note, stale: true } };
  const others = run.checks.filter((c) => c.outcome === 'failed' && c.at !== 'expect.status');
  const matches = run.status === 'failed' && run.actual?.status === listed.status && others.length === 0;
  if (!matches) return base;
  return { status: 'knownDeviation', reason: `known deviation: ${run.reason} (${listed.reason})`, deviation: note };
}

/** Whether an outcome fails the Playwright test (and the run). */
export const isProblem = (o: Pick<Outcome, 'status'>): boolean => o.status === 'failed' || o.status === 'errored';
