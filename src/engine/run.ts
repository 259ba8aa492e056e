// Runs one scenario: set-up → request → verify → clean-up (always), and says
// passed / failed / errored. Failed means the target answered against the
// table; errored means the scenario could not be judged (set-up did not work,
// the target could not be reached). Every check the scenario declares gets a
// result: passed, failed, or not run, never silently dropped.
import { STORES } from '../contract/stores';
import { secretsOf, type Profile } from '../profile/profile';
import { checksOf } from '../scenario/checks';
import type { ExpectSpec, RepeatSpec, RequestSpec, SourceSpec, Step } from '../scenario/format';
import {
  evalCount,
  interpolate,
  ProfileVariableMissing,
  TemplateError,
  UnboundValue,
  type Lookup,
} from '../scenario/template';
import type { Scenario } from '../scenario/types';
import { HttpClient, TransportError, type IncomingResponse, type OutgoingRequest } from './http';
import type { Journal } from './journal';
import { getPointer, parseJson } from './json';
import { judge, snippet, statusMatches, type Judged } from './judge';
import { paced } from './pacing';
import { Redactor } from './redact';
import { buildRequest } from './request';
import type { CheckResult, Exchange, RunResult } from './result';
import { Transcript } from './transcript';

export interface RunContext {
  profile: Profile;
  runId: string;
  /** Names the scenarios create start with it, so leftovers can be found. */
  prefix: string;
  http: HttpClient;
  redactor: Redactor;
  /** Where created objects are written down, when the run keeps a journal. */
  journal?: Journal;
  /** Aborted when the run is interrupted: no new step starts, clean-up still runs without waiting out rate limits. */
  signal?: AbortSignal;
}

/** A run context for a profile: the TLS trust and secrets it names, one HTTP client, the run's name prefix. */
export function createRunContext(profile: Profile, runId: string, timeoutMs?: number): RunContext {
  return {
    profile,
    runId,
    prefix: `conformance-${runId}-`,
    http: new HttpClient({
      caFile: profile.TARGET_TLS_CA_FILE,
      insecure: /^(1|true|yes)$/i.test(profile.TARGET_TLS_INSECURE ?? ''),
      timeoutMs,
    }),
    redactor: new Redactor(secretsOf(profile)),
  };
}

/** Longest wait a scenario may ask for (429 reset, scheduled work), whatever the target says. */
const MAX_WAIT_MS = 60_000;
/** Set-up steps must succeed; clean-up may also find the thing already gone. */
const STEP_EXPECT: ExpectSpec = { status: '2xx' };
const CLEANUP_EXPECT: ExpectSpec = { status: [200, 202, 204, 404] };
const MAIN = 'request';

/** Anything that sends: a request step, or the scenario's main request. */
interface Sendable {
  request: RequestSpec;
  repeat?: RepeatSpec;
  collect?: Record<string, SourceSpec>;
  capture?: Record<string, SourceSpec>;
  expect?: ExpectSpec;
}

/** A set-up step did not go as it must; the scenario cannot be judged. */
class StepError extends Error {}

/** The run was interrupted (a signal, a timeout): the scenario stops before its next step and cleans up. */
class Interrupted extends Error {
  constructor() {
    super('interrupted before it finished: not judged');
  }
}

export async function runScenario(s: Scenario, ctx: RunContext): Promise<RunResult> {
  return new ScenarioRun(s, ctx).run();
}

class ScenarioRun {
  private readonly started = performance.now();
  private readonly vars = new Map<string, unknown>();
  private readonly transcript: Transcript;
  private readonly judged: Judged[] = [];
  private readonly leftovers: string[] = [];
  private actual?: { status: number };
  private errored?: string;
  private interrupted = false;

  constructor(
    private readonly s: Scenario,
    private readonly ctx: RunContext,
  ) {
    this.transcript = new Transcript(ctx.redactor);
  }

  private readonly lookup: Lookup = (name) => {
    if (name.startsWith('env.')) return this.ctx.profile[name.slice(4)];
    if (name === 'run.prefix') return this.ctx.prefix;
    if (name === 'run.id') return this.ctx.runId;
    return this.vars.get(name);
  };

  async run(): Promise<RunResult> {
    const { s } = this;
    try {
      for (const step of s.setup ?? []) {
        this.checkInterrupted();
        const failed = (await this.step('setup', step)).find((c) => c.outcome === 'failed');
        if (failed) throw new StepError(`set-up did not work: ${failed.step}: ${failed.message}`);
      }
      const main = { request: s.request, repeat: s.repeat, collect: s.collect, capture: s.capture, expect: s.expect };
      this.checkInterrupted();
      try {
        this.judged.push(...(await this.send(MAIN, main, this.lookup, ['expect'])));
      } catch (e) {
        if (!(e instanceof TransportError && e.targetFault && !this.actual)) throw e;
        // A hung or oversized answer to the main request is the target's failure, not the suite's.
        const message = `no valid response: ${this.ctx.redactor.text(e.message)}`;
        this.judged.push({
          at: 'expect.status',
          kind: 'status',
          step: MAIN,
          outcome: 'failed',
          message,
          expected: String(s.expect.status),
          actual: 'no response',
        });
      }
      for (const [i, step] of (s.verify ?? []).entries()) {
        this.checkInterrupted();
        await this.verify(step, i);
      }
      // A wait the interruption cut short is not a pass.
      this.checkInterrupted();
    } catch (e) {
      this.fault(e);
    } finally {
      await this.cleanup();
    }
    return this.result();
  }

  private checkInterrupted(): void {
    if (this.ctx.signal?.aborted) throw new Interrupted();
  }

  /** A verify step that needs a value the main request never gave is not run; anything else counts. */
  private async verify(step: Step, i: number): Promise<void> {
    try {
      if ('wait' in step) await this.step('verify', step);
      else
        this.judged.push(...(await this.send(this.label('verify', step), step, this.lookup, ['verify', i, 'expect'])));
    } catch (e) {
      if (!(e instanceof UnboundValue)) throw e;
      for (const c of this.s.checks.filter((d) => d.at.startsWith(`verify[${i}].`))) {
        this.judged.push({
          at: c.at,
          kind: c.kind,
          step: this.label('verify', step),
          outcome: 'notRun',
          message: `not checked: ${e.message}`,
        });
      }
    }
  }

  /** Sorts an exception: anything that stops a scenario before its checks are judged means it is errored. */
  private fault(e: unknown): void {
    const redact = (t: string) => this.ctx.redactor.text(t);
    if (e instanceof Interrupted) {
      this.interrupted = true;
      this.errored = e.message;
    } else if (e instanceof StepError || e instanceof TransportError || e instanceof TemplateError)
      this.errored = redact(e.message);
    else if (e instanceof ProfileVariableMissing)
      this.errored = redact(`${e.message}: the profile must name it for this scenario`);
    else this.errored = redact(`internal error: ${(e as Error)?.stack ?? String(e)}`);
  }

  private async cleanup(): Promise<void> {
    for (const [i, step] of (this.s.cleanup ?? []).entries()) {
      try {
        const failed = (await this.step('cleanup', step)).find((c) => c.outcome === 'failed');
        if (failed) this.leftovers.push(`${failed.step}: ${failed.message}`);
      } catch (e) {
        // A value that was never captured names something that was never created: nothing to remove.
        if (e instanceof UnboundValue) continue;
        this.leftovers.push(this.ctx.redactor.text(`cleanup step ${i + 1}: ${(e as Error).message}`));
      }
    }
  }

  private label(phase: string, step: Step): string {
    return `${phase}: ${step.name ?? ('request' in step ? `${step.request.method} ${step.request.path}` : 'wait')}`;
  }

  /** Runs a set-up, verify-wait or clean-up step; returns the results of its (default) expectations. */
  private async step(phase: 'setup' | 'verify' | 'cleanup', step: Step): Promise<Judged[]> {
    if ('wait' in step) {
      await this.sleep(Math.min(evalCount(step.wait.ms, this.lookup), step.wait.max ?? MAX_WAIT_MS, MAX_WAIT_MS));
      return [];
    }
    const withDefault = { ...step, expect: step.expect ?? (phase === 'cleanup' ? CLEANUP_EXPECT : STEP_EXPECT) };
    const label = this.label(phase, step);
    if (!step.forEach) return this.send(label, withDefault, this.lookup, [phase]);
    const out: Judged[] = [];
    for (const item of toList(this.vars.get(step.forEach))) {
      out.push(...(await this.send(label, withDefault, (n) => (n === 'item' ? item : this.lookup(n)), [phase])));
    }
    return out;
  }

  /** Sends a request (repeated when asked), judges the last response, then captures from it. */
  private async send(label: string, step: Sendable, lookup: Lookup, at: (string | number)[]): Promise<Judged[]> {
    const times = step.repeat ? evalCount(step.repeat.times, lookup) : 1;
    const checks429 = statusMatches(step.expect?.status ?? '2xx', 429) || step.repeat?.until === 429;
    const exchanges: Exchange[] = [];
    let req: OutgoingRequest | undefined;
    let res: IncomingResponse | undefined;
    // A journal that cannot be written must not cost the capture: clean-up needs the id to delete what was made.
    let journalFailure: { error: unknown } | undefined;
    try {
      for (let i = 1; i <= Math.max(1, times); i++) {
        req = buildRequest(step.request, {
          profile: this.ctx.profile,
          runId: this.ctx.runId,
          lookup: (n) => (n === 'i' ? i : lookup(n)),
        });
        res = await this.exchange(label, req, checks429, exchanges);
        try {
          this.journal(step, req, res);
        } catch (error) {
          journalFailure ??= { error };
        }
        if (step.collect && res.status >= 200 && res.status < 300) this.collect(step.collect, res);
        if (step.repeat && res.status === step.repeat.until) break;
      }
    } finally {
      this.transcript.add(exchanges);
    }
    if (!req || !res) throw new StepError(`${label}: no request sent (repeat count ${times})`);
    if (label === MAIN) this.actual = { status: res.status };
    const sent = req;
    const expect = interpolate(
      step.expect ?? STEP_EXPECT,
      (n) => requestFacts(n, sent, step.request, this.ctx.profile) ?? lookup(n),
    );
    const results = judge(res, checksOf(expect, at), { step: label, requestUrl: sent.url });
    // A response that already failed its checks explains more than a missing capture would.
    const capture = results.every((r) => r.outcome === 'passed') ? Object.entries(step.capture ?? {}) : [];
    for (const [name, src] of capture) {
      const value = extract(src, res);
      if (value === undefined) {
        const body = snippet(this.ctx.redactor.text(res.body), 120);
        throw new StepError(
          `${label}: cannot capture ${name} from ${describeSource(src)} (status ${res.status}: ${body})`,
        );
      }
      this.vars.set(name, value);
    }
    if (journalFailure) throw journalFailure.error;
    return results;
  }

  /** One request on the wire (each attempt recorded); a platform 429 is waited out unless 429 is what is checked. */
  private exchange(
    label: string,
    req: OutgoingRequest,
    checks429: boolean,
    into: Exchange[],
  ): Promise<IncomingResponse> {
    const attempt = async () => {
      const exchange = this.transcript.request(label, req);
      into.push(exchange);
      try {
        const res = await this.ctx.http.send(req);
        this.transcript.response(exchange, res);
        return res;
      } catch (e) {
        this.transcript.error(exchange, e);
        throw e;
      }
    };
    return paced(attempt, { checks429, sleep: (ms) => this.sleep(ms) });
  }

  /**
   * Writes down what a response created or removed: a 2xx POST whose capture or collect reads an id
   * (a body pointer ending in /id) created the item at the request's path plus that id; a DELETE that
   * succeeded, or found nothing, removed the item at its path.
   */
  private journal(step: Sendable, req: OutgoingRequest, res: IncomingResponse): void {
    const journal = this.ctx.journal;
    if (!journal) return;
    const store = step.request.store ?? 'main';
    const base = this.ctx.profile[STORES[store].base]!.replace(/\/+$/, '');
    const path = req.url.slice(base.length).split('?')[0];
    const at = new Date().toISOString();
    const run = this.ctx.runId;
    if (req.method === 'DELETE' && (statusMatches('2xx', res.status) || res.status === 404)) {
      journal.write({ t: 'deleted', run, store, path, at });
    } else if (req.method === 'POST' && statusMatches('2xx', res.status)) {
      const sources = Object.values({ ...step.capture, ...step.collect });
      for (const src of sources) {
        if (!('body' in src) || !src.body.endsWith('/id')) continue;
        const id = extract(src, res);
        if (typeof id === 'number' || typeof id === 'string') {
          journal.write({
            t: 'created',
            run,
            scenario: this.s.id,
            store,
            path: `${path}/${encodeURIComponent(String(id))}`,
            at,
          });
          break;
        }
      }
    }
  }

  /** Waits, unless the run is interrupted: then clean-up goes on at once instead of waiting out a rate limit. */
  private sleep(ms: number): Promise<void> {
    const signal = this.ctx.signal;
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private collect(collect: Record<string, SourceSpec>, res: IncomingResponse): void {
    for (const [name, src] of Object.entries(collect)) {
      const list = (this.vars.get(name) as unknown[] | undefined) ?? [];
      const value = extract(src, res);
      if (value !== undefined) list.push(value);
      this.vars.set(name, list);
    }
  }

  /** Every declared check with its result; one that never ran says why. */
  private checks(): CheckResult[] {
    // A check judged more than once (forEach) keeps its first failure.
    const byAt = new Map<string, Judged>();
    for (const j of this.judged) if (byAt.get(j.at)?.outcome !== 'failed') byAt.set(j.at, j);
    const why = this.errored
      ? `not checked: the scenario errored (${this.errored})`
      : 'not checked: the step that asks for it did not run';
    return this.s.checks.map((d) => {
      const j = byAt.get(d.at);
      return j
        ? { ...redactCheck(j, this.ctx.redactor), line: d.line }
        : { at: d.at, line: d.line, kind: d.kind, step: '', outcome: 'notRun', message: why };
    });
  }

  private result(): RunResult {
    const checks = this.checks();
    const failed = checks.filter((c) => c.outcome === 'failed');
    const missing = checks.filter((c) => c.outcome === 'notRun');
    let status: RunResult['status'] = this.errored ? 'errored' : failed.length ? 'failed' : 'passed';
    let reason =
      this.errored ??
      (failed.length ? failed[0].message! + (failed.length > 1 ? ` (+${failed.length - 1} more)` : '') : undefined);
    if (status === 'passed' && missing.length) {
      // Nothing failed, yet not everything was checked: never a pass.
      status = 'errored';
      reason = `${missing[0].at} was not checked: ${missing[0].message}`;
    }
    return {
      status,
      ...(reason ? { reason: this.ctx.redactor.text(reason) } : {}),
      expected: { status: this.s.expect.status },
      ...(this.actual ? { actual: this.actual } : {}),
      checks,
      transcript: this.transcript.exchanges,
      ...(this.transcript.omitted ? { omittedExchanges: this.transcript.omitted } : {}),
      ...(this.leftovers.length ? { leftovers: this.leftovers } : {}),
      ...(this.interrupted ? { interrupted: true as const } : {}),
      durationMs: Math.round(performance.now() - this.started),
    };
  }
}

/** `${request.*}` and `${store.path}`: the request an expectation judges, as it was sent. */
function requestFacts(name: string, req: OutgoingRequest, spec: RequestSpec, profile: Profile): string | undefined {
  const url = new URL(req.url);
  switch (name) {
    case 'request.url':
      return req.url;
    case 'request.path':
      return url.pathname;
    case 'request.query':
      return url.search.replace(/^\?/, '');
    case 'store.path':
      return new URL(profile[STORES[spec.store ?? 'main'].base]!).pathname.replace(/\/+$/, '');
    default:
      return undefined;
  }
}

function redactCheck(j: Judged, redactor: Redactor): Judged {
  const r = (t: string | undefined) => (t === undefined ? undefined : redactor.text(t));
  return {
    ...j,
    ...(j.message !== undefined ? { message: r(j.message) } : {}),
    ...(j.actual !== undefined ? { actual: r(j.actual) } : {}),
    ...(j.expected !== undefined ? { expected: r(j.expected) } : {}),
    ...(j.details ? { details: j.details.map((d) => redactor.text(d)) } : {}),
  };
}

function extract(src: SourceSpec, res: IncomingResponse): unknown {
  if ('status' in src) return res.status;
  if ('header' in src) return res.headers[src.header.toLowerCase()];
  const parsed = parseJson(res.body);
  return parsed.ok ? getPointer(parsed.value, src.body) : undefined;
}

function describeSource(src: SourceSpec): string {
  return 'status' in src ? 'the status' : 'header' in src ? `header ${src.header}` : `body ${src.body}`;
}

function toList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
