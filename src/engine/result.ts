// What the engine says about one scenario run. Plain data: it crosses from the
// Playwright worker to the reporter as a JSON attachment, so no class instances.
import type { CheckKind } from '../scenario/checks';

/** One request the scenario sent and what came back (credentials already redacted). */
export interface Exchange {
  /** Which part of the scenario sent it: `setup: create product`, `request`, `verify: …`, `cleanup: …`. */
  step: string;
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
  };
  response?: {
    status: number;
    headers: Record<string, string>;
    body: string;
    /** The body was longer than the transcript keeps. */
    truncated?: boolean;
    durationMs: number;
  };
  /** Transport failure: refused, TLS, timeout, response too large. */
  error?: string;
}

export type CheckOutcome = 'passed' | 'failed' | 'notRun';

/** One check the scenario asked for, and what became of it. Passed checks are recorded too. */
export interface CheckResult {
  /** Key path of the YAML key that asked for it: `expect.status`, `verify[1].expect.body.schema`. */
  at: string;
  /** Line of that key in the scenario file. */
  line: number;
  kind: CheckKind;
  /** The step whose response it judged (`request` for the main request). */
  step: string;
  outcome: CheckOutcome;
  /** One line a reviewer can read on its own; present unless passed. */
  message?: string;
  expected?: string;
  actual?: string;
  /** For body checks: JSON pointer into the response body. */
  instancePath?: string;
  /** Every finding, when there are several (schema errors). */
  details?: string[];
}

export type RunStatus = 'passed' | 'failed' | 'errored';

export interface RunResult {
  /** failed: the target answered against the table; errored: the scenario could not be judged. */
  status: RunStatus;
  /** One line: why it did not pass. Absent when passed. */
  reason?: string;
  expected: { status: number };
  /** Absent when no response was received. */
  actual?: { status: number };
  checks: CheckResult[];
  transcript: Exchange[];
  /** Exchanges left out of the transcript (long repeats keep their first and last few). */
  omittedExchanges?: number;
  /** Clean-up steps that did not succeed: what may be left behind on the store. */
  leftovers?: string[];
  /** Stopped while it ran (a signal, a timeout): errored, and not judged. */
  interrupted?: true;
  durationMs: number;
}

/** The checks that did not pass. */
export const failedChecks = (r: Pick<RunResult, 'checks'>): CheckResult[] =>
  r.checks.filter((c) => c.outcome === 'failed');
