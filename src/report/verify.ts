// What a reviewer checks before accepting a vendor's report: that it is a
// well-formed report, that every count and verdict follows from its scenarios,
// that each scenario's status follows from its checks, that it ran this
// installed catalogue (hash and ids) in full, that index.html shows the same
// report, and, given the vendor's public key, that nothing was changed since
// it was signed. Every problem found is listed, not just the first.
import type { KeyObject } from 'node:crypto';
import { validatorFor } from '../scenario/schemas';
import { buildReport } from './build';
import type { ConformanceReport, ScenarioResult } from './model';
import { canonicalJson, signatureProblem } from './signature';

export interface VerifyInput {
  report: ConformanceReport;
  /** The installed catalogue this suite would run: its hash and scenario ids. */
  catalogue: { hash: string; ids: string[] };
  /** index.html beside report.json, when a folder was given. */
  html?: string;
  publicKey?: KeyObject;
}

export function verifyReport(input: VerifyInput): string[] {
  const { report, catalogue } = input;
  const validate = validatorFor('report');
  if (!validate(report)) {
    return (validate.errors ?? [])
      .slice(0, 20)
      .map((e) => `report.json${e.instancePath || ''} ${e.message ?? 'is invalid'} (schema)`);
  }
  const reasons: string[] = [];
  reasons.push(...derivedFieldProblems(report));
  for (const s of report.scenarios) {
    const problem = scenarioProblem(s);
    if (problem) reasons.push(`scenario ${s.id}: ${problem}`);
  }
  if (report.provenance.scenarioSetHash !== catalogue.hash) {
    reasons.push(
      `the scenario-set hash ${report.provenance.scenarioSetHash.slice(0, 16)}… is not this installed suite's (${catalogue.hash.slice(0, 16)}…): another catalogue, schema or suite version ran`,
    );
  }
  const ids = new Set(report.scenarios.map((s) => s.id));
  const absent = catalogue.ids.filter((id) => !ids.has(id));
  if (absent.length)
    reasons.push(
      `${absent.length} scenario(s) of the catalogue are missing from the report (${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', …' : ''})`,
    );
  const extra = [...ids].filter((id) => !catalogue.ids.includes(id));
  if (extra.length)
    reasons.push(
      `${extra.length} scenario(s) in the report are not in the catalogue (${extra.slice(0, 5).join(', ')})`,
    );
  if (!report.completeness.complete) {
    const why = report.completeness.interrupted
      ? `interrupted: ${report.completeness.interrupted}`
      : `${report.completeness.notRun.length} scenario(s) not run`;
    reasons.push(`the run is partial (${why}): it certifies nothing`);
  }
  if (input.html !== undefined) {
    const embedded = embeddedReport(input.html);
    if (!embedded) reasons.push('index.html carries no report data');
    else if (canonicalJson(embedded) !== canonicalJson(report))
      reasons.push('index.html shows a different report than report.json');
  }
  if (input.publicKey) {
    const problem = signatureProblem(report, input.publicKey);
    if (problem) reasons.push(problem);
  }
  return reasons;
}

/** Counts, verdicts, completeness and certification must be what the scenarios give. */
function derivedFieldProblems(report: ConformanceReport): string[] {
  const c = report.completeness;
  const again = buildReport(report.scenarios, report.provenance, {
    selection: c.selection,
    ...(c.interrupted ? { interrupted: c.interrupted } : {}),
    leftovers: report.leftovers,
  });
  const fields = ['verdict', 'totals', 'classes', 'codes', 'completeness', 'certification'] as const;
  return fields
    .filter((f) => canonicalJson(report[f]) !== canonicalJson(again[f]))
    .map(
      (f) =>
        `${f} does not follow from the scenarios (recomputed: ${summary(again[f])}; the report says: ${summary(report[f])})`,
    );
}

function summary(value: unknown): string {
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** A scenario's status must follow from its run and checks. */
function scenarioProblem(s: ScenarioResult): string | undefined {
  const run = s.run;
  if (!run)
    return s.status === 'notApplicable' || s.status === 'notRun' ? undefined : `status ${s.status} without a run`;
  const failed = run.checks.filter((c) => c.outcome === 'failed').length;
  const open = run.checks.filter((c) => c.outcome !== 'passed').length;
  if (run.status === 'passed' && open) return `its run says passed, but ${open} check(s) did not pass`;
  if (run.status === 'failed' && !failed) return 'its run says failed, but no check failed';
  switch (s.status) {
    case 'passed':
      return run.status === 'passed' ? undefined : `status passed, but its run ${run.status}`;
    case 'failed':
    case 'errored':
      return run.status === s.status ? undefined : `status ${s.status}, but its run ${run.status}`;
    case 'knownDeviation':
      if (run.status !== 'failed' || !s.deviation || s.deviation.stale)
        return 'a known deviation needs a failed run and a deviation entry';
      return run.actual?.status === s.deviation.status
        ? undefined
        : `a known deviation of ${s.deviation.status}, but the target answered ${run.actual?.status ?? 'nothing'}`;
    case 'notApplicable':
      return 'not applicable, yet it ran';
    case 'notRun':
      return run.status === 'errored' ? undefined : `not run, yet its run ${run.status}`;
  }
}

function embeddedReport(html: string): unknown {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (!m) return undefined;
  try {
    return JSON.parse(m[1]);
  } catch {
    return undefined;
  }
}
