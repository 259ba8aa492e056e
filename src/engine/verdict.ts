// What the engine says about one scenario run. Plain data: it crosses from the
// Playwright worker to the reporter as a JSON attachment, so no class instances.

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

/** One expectation the target did not meet. */
export interface CheckFailure {
  /** What kind of check: status, header, body, schema, bodyStatus, location. */
  check: 'status' | 'header' | 'body' | 'schema' | 'bodyStatus' | 'location';
  /** One line a reviewer can read on its own. */
  message: string;
  expected?: string;
  actual?: string;
  /** For schema failures: JSON pointer into the response body. */
  instancePath?: string;
  /** The step whose response failed (`request` for the main request). */
  step: string;
}

export type VerdictStatus = 'passed' | 'failed' | 'errored';

export interface Verdict {
  status: VerdictStatus;
  /** One line: why it did not pass. Absent when passed. */
  reason?: string;
  expected: { status: number };
  /** Absent when no response was received. */
  actual?: { status: number };
  failures: CheckFailure[];
  transcript: Exchange[];
  /** Exchanges left out of the transcript (long repeats keep their first and last few). */
  omittedExchanges?: number;
  /** Clean-up steps that did not succeed: what may be left behind on the store. */
  leftovers?: string[];
  durationMs: number;
}
