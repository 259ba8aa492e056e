// The exit code of a run or a merge comes from its report, not from
// Playwright (merge-reports exits 0 even when scenarios failed).
import { existsSync, readFileSync } from 'node:fs';
import type { ConformanceReport } from '../report/model';

export interface ExitRules {
  /** A merge must cover the whole catalogue; a run narrowed on purpose (a shard, --grep) may pass its slice. */
  requireComplete: boolean;
  /** --strict: a WARN (known deviations, should-level failures) fails too. */
  strict?: boolean;
}

export function exitFromReport(reportFile: string, playwrightCode: number, rules: ExitRules): number {
  if (!existsSync(reportFile)) {
    process.stderr.write(
      `\nPlaywright ended (exit ${playwrightCode}) without writing ${reportFile}; see its output above.\n`,
    );
    return 2;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ConformanceReport;
  const t = report.totals;
  if (t.total - t.notRun === 0) {
    process.stderr.write(
      `\nNo scenario ran (Playwright exit ${playwrightCode}): check the --grep / --shard arguments given to Playwright, or its output above.\n`,
    );
    return 2;
  }
  // The exit code follows the verdict: FAIL is 1, WARN is 0 unless --strict, PASS is 0.
  if (report.verdict === 'fail') return 1;
  if (report.completeness.interrupted) {
    // Never green, even when every scenario that ran passed: say why, since the verdict alone is PARTIAL.
    process.stderr.write(`\nExit 1: the run is incomplete (${report.completeness.interrupted}).\n`);
    return 1;
  }
  if (report.verdict === 'warn' && rules.strict) {
    process.stderr.write(`\nVerdict WARN with --strict: known deviations or should-level failures fail the run.\n`);
    return 1;
  }
  if (rules.requireComplete && !report.completeness.complete) {
    process.stderr.write(
      `\nThe merged report is not the whole catalogue: ${report.completeness.notRun.length} scenario(s) are in none of the blob reports${
        report.completeness.selection.length ? ` (${report.completeness.selection.join('; ')})` : ''
      }.\n`,
    );
    return 1;
  }
  if (playwrightCode !== 0) {
    // Every reported scenario passed, yet Playwright did not: something outside the scenarios went wrong.
    process.stderr.write(
      `\nPlaywright exited ${playwrightCode} although every reported scenario passed: see its output above.\n`,
    );
    return 1;
  }
  return 0;
}
