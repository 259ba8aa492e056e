// The terminal summary: one line per class, then what did not pass.
import { terminalSafe } from '../text';
import { CODE_CLASSES, type ConformanceReport, type Verdict } from './model';

const LABEL: Record<Verdict, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', notApplicable: 'N/A' };

export function renderConsole(report: ConformanceReport, outputDir?: string): string {
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  const lines = [
    '',
    `Conformance of ${report.provenance.targetBaseUrl || '(no target)'} to the status-code table`,
    `class   passed  failed  n/a  errored  verdict`,
  ];
  for (const c of CODE_CLASSES) {
    const s = report.classes[c];
    lines.push(`${c.padEnd(6)}${pad(s.passed, 8)}${pad(s.failed, 8)}${pad(s.notApplicable, 5)}${pad(s.errored, 9)}  ${LABEL[s.verdict]}`);
  }
  const t = report.totals;
  lines.push(`${'all'.padEnd(6)}${pad(t.passed, 8)}${pad(t.failed, 8)}${pad(t.notApplicable, 5)}${pad(t.errored, 9)}  ${LABEL[report.verdict]}`);
  const bad = report.scenarios.filter((s) => s.status === 'failed' || s.status === 'errored');
  if (bad.length) {
    lines.push('', 'Not passed:');
    for (const s of bad) lines.push(`  ${s.status === 'errored' ? 'ERRORED' : 'FAILED '} ${s.id} (${s.level}): ${oneLine(s.reason ?? '')}`);
  }
  const na = report.scenarios.filter((s) => s.status === 'notApplicable').length;
  if (na) lines.push('', `${na} scenario(s) not applicable: the profile lacks what they need (see the report).`);
  if (outputDir) lines.push('', `Report: ${outputDir}/index.html (also report.json, junit.xml, summary.md)`);
  return lines.join('\n') + '\n';
}

/** Target text reaches the terminal: no escape sequences, no line breaks. */
function oneLine(text: string): string {
  const flat = terminalSafe(text).replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
