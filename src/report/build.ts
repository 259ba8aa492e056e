// Scenario results → the report model: counts and verdicts per class, per
// code and overall. Pure, so every renderer and every test sees the same sums.
import { classOf, TABLE } from '../contract/table';
import {
  CODE_CLASSES,
  REPORT_FORMAT_VERSION,
  type ClassSummary,
  type CodeSummary,
  type ConformanceReport,
  type Counts,
  type Provenance,
  type ScenarioResult,
  type Verdict,
} from './model';

export function buildReport(results: ScenarioResult[], provenance: Provenance): ConformanceReport {
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
  const { verdict, ...totals } = summarize(scenarios);
  return { formatVersion: REPORT_FORMAT_VERSION, provenance, verdict, totals, classes, codes, scenarios };
}

function summarize(list: ScenarioResult[]): Counts & { verdict: Verdict } {
  const count = (status: ScenarioResult['status']) => list.filter((s) => s.status === status).length;
  const counts: Counts = {
    total: list.length,
    passed: count('passed'),
    failed: count('failed'),
    knownDeviation: count('knownDeviation'),
    notApplicable: count('notApplicable'),
    errored: count('errored'),
  };
  return { ...counts, verdict: verdictOf(list) };
}

function verdictOf(list: ScenarioResult[]): Verdict {
  const bad = list.filter((s) => s.status === 'failed' || s.status === 'errored');
  if (bad.some((s) => s.level === 'must')) return 'fail';
  if (bad.length || list.some((s) => s.status === 'knownDeviation')) return 'warn';
  if (list.every((s) => s.status === 'notApplicable')) return 'notApplicable';
  return 'pass';
}
