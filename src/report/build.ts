// Scenario results → the report model: counts and verdicts per class, per
// code and overall. Pure, so every renderer and every test sees the same sums.
import { classOf, TABLE } from '../contract/table';
import { certificationOf } from './certification';
import {
  CODE_CLASSES,
  REPORT_FORMAT_VERSION,
  type ClassSummary,
  type Completeness,
  type CreatedObject,
  type CodeSummary,
  type ConformanceReport,
  type Counts,
  type Provenance,
  type ScenarioResult,
  type Verdict,
} from './model';

/** How the run went as a whole: what narrowed it, whether it was cut short, what it left behind. */
export interface RunShape {
  selection?: string[];
  interrupted?: string;
  leftovers?: CreatedObject[];
}

export function buildReport(
  results: ScenarioResult[],
  provenance: Provenance,
  shape: RunShape = {},
): ConformanceReport {
  const order = new Map(TABLE.map((r, i) => [r.code, i]));
  const scenarios = [...results].sort(
    (a, b) => (order.get(a.code) ?? 999) - (order.get(b.code) ?? 999) || a.id.localeCompare(b.id),
  );
  const classes = Object.fromEntries(
    CODE_CLASSES.map((c) => [c, summarize(scenarios.filter((s) => s.class === c))]),
  ) as Record<(typeof CODE_CLASSES)[number], ClassSummary>;
  const codes: Record<string, CodeSummary> = {};
  for (const row of TABLE) {
    const sum = summarize(scenarios.filter((s) => s.code === row.code));
    codes[String(row.code)] = { code: row.code, class: classOf(row.code), definition: row.definition, ...sum };
  }
  const summary = summarize(scenarios);
  const notRun = scenarios.filter((s) => s.status === 'notRun').map((s) => s.id);
  const completeness: Completeness = {
    complete: notRun.length === 0 && !shape.interrupted,
    notRun,
    selection: shape.selection ?? [],
    ...(shape.interrupted ? { interrupted: shape.interrupted } : {}),
  };
  // An interrupted run that got no further than passes is still not a pass.
  const { verdict: judged, ...totals } = summary;
  const verdict = !completeness.complete && judged !== 'fail' ? 'partial' : judged;
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    provenance,
    verdict,
    completeness,
    certification: certificationOf(scenarios, completeness),
    leftovers: shape.leftovers ?? [],
    totals,
    classes,
    codes,
    scenarios,
  };
}

/** Counts and the verdict of any set of scenarios (a class, a code, a cell of the matrix). */
export function summarize(list: readonly ScenarioResult[]): Counts & { verdict: Verdict } {
  const count = (status: ScenarioResult['status']) => list.filter((s) => s.status === status).length;
  const counts: Counts = {
    total: list.length,
    passed: count('passed'),
    failed: count('failed'),
    knownDeviation: count('knownDeviation'),
    notApplicable: count('notApplicable'),
    errored: count('errored'),
    notRun: count('notRun'),
  };
  return { ...counts, verdict: verdictOf(list) };
}

function verdictOf(list: readonly ScenarioResult[]): Verdict {
  const bad = list.filter((s) => s.status === 'failed' || s.status === 'errored');
  if (bad.some((s) => s.level === 'must')) return 'fail';
  if (list.some((s) => s.status === 'notRun')) return 'partial';
  if (bad.length || list.some((s) => s.status === 'knownDeviation')) return 'warn';
  if (list.every((s) => s.status === 'notApplicable')) return 'notApplicable';
  return 'pass';
}
