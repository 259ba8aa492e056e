// One scenario, run in a worker and made into the record its test hands the
// reporter: not applicable (the profile lacks what it needs), or run by the
// engine with its final outcome decided once (src/engine/outcome.ts). The
// journal notes when it starts and ends, so an interrupted run knows.
import { missingVariables } from '../engine/applicability';
import { outcomeOf } from '../engine/outcome';
import { runScenario, type RunContext } from '../engine/run';
import type { DeviationSet } from '../scenario/deviations';
import type { Scenario } from '../scenario/types';
import type { ScenarioRecord } from './annotations';
import type { RunFacts } from './annotations';

export interface RecordInputs {
  ctx: RunContext;
  deviations: DeviationSet | undefined;
  facts: RunFacts;
  /** Keeps the run known to the worker, so that a stopping worker lets its clean-up finish. */
  track<T>(work: Promise<T>): Promise<T>;
}

export async function recordScenario(
  s: Scenario,
  { ctx, deviations, facts, track }: RecordInputs,
): Promise<ScenarioRecord> {
  const missing = missingVariables(s, ctx.profile);
  if (missing.length) {
    const reason = `not applicable: the profile has no ${missing.join(', ')}`;
    return { facts, outcome: { status: 'notApplicable', reason, missing } };
  }
  const note = (entry: { t: 'started' } | { t: 'ended'; status: string; reason?: string }) =>
    ctx.journal?.write({ ...entry, run: ctx.runId, scenario: s.id, at: new Date().toISOString() });
  note({ t: 'started' });
  const run = await track(runScenario(s, ctx));
  const outcome = outcomeOf(run, deviations?.byScenario.get(s.id));
  note({ t: 'ended', status: outcome.status, ...(outcome.reason ? { reason: outcome.reason } : {}) });
  return { facts, outcome, run };
}
