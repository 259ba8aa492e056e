// One Playwright test result → one scenario result of the report model, from
// the test's annotation (what the scenario is) and its result's (what
// happened). Nothing else is read, so merged blob reports give the same report.
import type { TestCase, TestResult } from '@playwright/test/reporter';
import { META_ANNOTATION, RESULT_ANNOTATION, type ScenarioRecord, type ScenarioMeta } from './annotations';
import type { RunFacts } from './annotations';
import { classOf } from '../contract/table';
import type { Provenance, ScenarioResult, SourceRef } from '../report/model';

export interface Collected {
  result: ScenarioResult;
  facts?: RunFacts;
}

export function collectResult(test: TestCase, result: TestResult): Collected | undefined {
  const note = test.annotations.find((a) => a.type === META_ANNOTATION);
  if (!note?.description) return undefined;
  const meta = JSON.parse(note.description) as ScenarioMeta;
  const attached = readRecord(result);
  const base = { ...meta, class: classOf(meta.code), durationMs: Math.round(result.duration) };
  const facts = attached?.facts;

  // A test that timed out or was interrupted after recording has no trustworthy outcome.
  const finished = result.status !== 'timedOut' && result.status !== 'interrupted';
  if (attached && finished) {
    const { outcome, run } = attached;
    return {
      facts,
      result: {
        ...base,
        status: outcome.status,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
        ...(outcome.deviation ? { deviation: outcome.deviation } : {}),
        ...(outcome.missing ? { missing: outcome.missing } : {}),
        ...(run ? { durationMs: run.durationMs, run } : {}),
      },
    };
  }
  if (result.status === 'skipped') {
    const why = test.annotations.find((a) => a.type === 'skip')?.description;
    return { facts, result: { ...base, status: 'notApplicable', reason: why || 'skipped by the run configuration' } };
  }
  // Cut short by the run itself (Ctrl-C, a signal, the global timeout): not judged, and not a failure.
  if (result.status === 'interrupted') {
    return {
      facts,
      result: { ...base, status: 'notRun', reason: 'not run: the run was interrupted before it finished' },
    };
  }
  // No verdict: the test did not get to judge (timeout, crash).
  const message =
    result.status === 'timedOut'
      ? `timed out after ${Math.round(result.duration)} ms`
      : result.error?.message?.split('\n')[0] || `ended ${result.status} without a verdict`;
  return { facts, result: { ...base, status: 'errored', reason: message } };
}

/** The record the test's attempt left (each retry its own), or undefined when it did not get to one. */
export function readRecord(result: TestResult): ScenarioRecord | undefined {
  const note = result.annotations.find((a) => a.type === RESULT_ANNOTATION);
  if (!note?.description) return undefined;
  try {
    return JSON.parse(note.description) as ScenarioRecord;
  } catch {
    return undefined;
  }
}

/**
 * The run's provenance, from the facts every result carries (so a merge states what the shards ran), or,
 * when no scenario got to record any (a run stopped early), from this process: its profile and catalogue.
 */
export function provenanceOf(
  collected: Collected[],
  run: {
    startedAt: Date;
    finishedAt: Date;
    playwright: string;
    shard?: { current: number; total: number };
    source?: SourceRef;
  },
  here: Omit<RunFacts, 'runId' | 'deviations'>,
): Provenance {
  const facts: Omit<RunFacts, 'runId'> = collected.find((c) => c.facts)?.facts ?? here;
  return {
    suite: { name: 'status-code-conformance', version: facts.suiteVersion },
    scenarioSetHash: facts.scenarioSetHash,
    scenarioCount: facts.scenarioCount,
    targetBaseUrl: facts.targetBaseUrl,
    targetKind: facts.targetKind,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt.toISOString(),
    node: facts.node,
    playwright: run.playwright,
    capabilities: facts.capabilities,
    ...(facts.deviations ? { deviations: facts.deviations } : {}),
    ...(run.shard ? { shard: run.shard } : {}),
    ...(run.source ? { source: run.source } : {}),
  };
}
