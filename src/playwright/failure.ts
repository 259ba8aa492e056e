// A scenario that did not pass, as a Playwright test failure: one message with
// its reason, each check that did not pass (key and line) and what was left behind.
import type { TestError, TestResult } from '@playwright/test/reporter';
import { readFileSync } from 'node:fs';
import { isProblem, type Outcome } from '../engine/outcome';
import { failedChecks, type RunResult } from '../engine/result';
import { terminalSafe } from '../support/text';
import type { ScenarioRecord } from './annotations';

export function failureMessage(outcome: Outcome, run: RunResult | undefined): string {
  const lines = run ? failedChecks(run).map((c) => `  - [${c.step}] ${c.at} (line ${c.line}): ${c.message}`) : [];
  const left = (run?.leftovers ?? []).map((l) => `  left behind: ${l}`);
  return terminalSafe([`${outcome.status}: ${outcome.reason}`, ...lines, ...left].join('\n'), { keepNewlines: true });
}

/**
 * Makes a test whose scenario failed or errored a failed test, when the worker recorded the outcome without
 * throwing (so that it did not restart). Every reporter after this one, the exit code and --last-failed see
 * the failure; a result that already failed is left as it is.
 */
export function failFromOutcome(result: TestResult, attached: ScenarioRecord | undefined, scenarioFile?: string): void {
  if (!attached || result.status !== 'passed' || !isProblem(attached.outcome)) return;
  const error: TestError = {
    message: failureMessage(attached.outcome, attached.run),
    ...sourceOf(attached, scenarioFile),
  };
  result.status = 'failed';
  result.errors.push(error);
  result.error = error;
}

/** Where the failure is in the scenario file: the line of the first check that failed, with the lines around it. */
function sourceOf(attached: ScenarioRecord, file: string | undefined): Pick<TestError, 'location' | 'snippet'> {
  const check =
    attached.run?.checks.find((c) => c.outcome === 'failed') ??
    attached.run?.checks.find((c) => c.outcome !== 'passed');
  if (!file || !check?.line) return {};
  const location = { file, line: check.line, column: 1 };
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return { location };
  }
  const from = Math.max(1, check.line - 2);
  const to = Math.min(lines.length, check.line + 2);
  const frame = [];
  for (let n = from; n <= to; n++)
    frame.push(`${n === check.line ? '>' : ' '} ${String(n).padStart(4)} | ${lines[n - 1]}`);
  return { location, snippet: terminalSafe(frame.join('\n'), { keepNewlines: true }) };
}
