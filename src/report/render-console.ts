// The terminal summary: whether the run is complete, one line per class, then
// what did not pass and what the run left on the target.
import { terminalSafe } from '../support/text';
import { CODE_CLASSES, type ConformanceReport, type Counts, type Verdict } from './model';

const LABEL: Record<Verdict, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  partial: 'PARTIAL',
  notApplicable: 'N/A',
};

export function renderConsole(report: ConformanceReport, outputDir?: string): string {
  const { deviations } = report.provenance;
  const notRun = report.totals.notRun > 0;
  const row = (name: string, c: Counts, v: Verdict) => {
    const pad = (x: number, n: number) => String(x).padStart(n);
    const known = deviations ? pad(c.knownDeviation, 7) : '';
    const skipped = notRun ? pad(c.notRun, 9) : '';
    return `${name.padEnd(6)}${pad(c.passed, 8)}${pad(c.failed, 8)}${known}${pad(c.notApplicable, 5)}${pad(c.errored, 9)}${skipped}  ${LABEL[v]}`;
  };
  const lines = [
    '',
    `Conformance of ${report.provenance.targetBaseUrl || '(no target)'} to the status-code table`,
    ...completeness(report),
    `class   passed  failed${deviations ? '  known' : ''}  n/a  errored${notRun ? '  not run' : ''}  verdict`,
    ...CODE_CLASSES.map((c) => row(c, report.classes[c], report.classes[c].verdict)),
    row('all', report.totals, report.verdict),
    '',
    certification(report),
  ];
  const line = (label: string) => (s: ConformanceReport['scenarios'][number]) =>
    `  ${label} ${s.id} (${s.level}): ${oneLine(s.reason ?? '')}`;
  const bad = report.scenarios.filter((s) => s.status === 'failed' || s.status === 'errored');
  if (bad.length)
    lines.push('', 'Not passed:', ...bad.map((s) => line(s.status === 'errored' ? 'ERRORED' : 'FAILED ')(s)));
  const known = report.scenarios.filter((s) => s.status === 'knownDeviation');
  if (known.length)
    lines.push(
      '',
      `Known deviations (${deviations?.file}): not the table's answer, as expected:`,
      ...known.map(line('KNOWN  ')),
    );
  const stale = report.scenarios.filter((s) => s.deviation?.stale);
  if (stale.length)
    lines.push(
      '',
      `Stale deviations: these now pass; remove them from ${deviations?.file}:`,
      ...stale.map((s) => `  ${s.id}`),
    );
  const na = report.scenarios.filter((s) => s.status === 'notApplicable').length;
  if (na) lines.push('', `${na} scenario(s) not applicable: the profile lacks what they need (see the report).`);
  if (report.leftovers.length) {
    const runs = [...new Set(report.leftovers.map((l) => l.run))];
    lines.push(
      '',
      `Left on the target (${report.leftovers.length} object(s) this run created and could not delete):`,
      ...report.leftovers.slice(0, 20).map((l) => `  ${l.store} ${oneLine(l.path)} (${l.scenario})`),
      ...(report.leftovers.length > 20 ? [`  …and ${report.leftovers.length - 20} more (see report.json)`] : []),
      `  Remove them with: conformance sweep --profile <the same profile> --run-id ${runs.join(',')}`,
    );
  }
  if (outputDir) lines.push('', `Report: ${outputDir}/index.html (also report.json, junit.xml, summary.md)`);
  return lines.join('\n') + '\n';
}

function certification(report: ConformanceReport): string {
  const c = report.certification;
  if (!c.valid) return `Certifies nothing: ${oneLine((c.because ?? []).join('; '))}.`;
  const certified = c.rows.filter((x) => x.standing === 'certified' || x.standing === 'partly').length;
  const na = c.rows.filter((x) => x.standing === 'notApplicable');
  const naText = na.length
    ? `; not applicable: ${na.map((x) => `${x.code}${x.enableWith ? ` (${x.enableWith.join(', ')})` : ''}`).join(', ')}`
    : '';
  return `Certifies ${certified} of ${c.rows.length} rows${naText}.`;
}

/** A run that is not the whole catalogue says so before any count. */
function completeness(report: ConformanceReport): string[] {
  const c = report.completeness;
  if (c.complete) return [];
  const why = [c.interrupted ? `interrupted: ${c.interrupted}` : '', ...c.selection].filter(Boolean).join('; ');
  return [
    `PARTIAL RUN: ${c.notRun.length} of the catalogue's scenarios did not run${why ? ` (${oneLine(why)})` : ''}; this is no certification.`,
  ];
}

/** Target text reaches the terminal: no escape sequences, no line breaks. */
function oneLine(text: string): string {
  const flat = terminalSafe(text).replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
