// Runs one scenario: set-up → request → verify → clean-up (always), and says
// passed / failed / errored. Failed means the target answered against the
// table; errored means the scenario could not be checked (set-up did not
// work, the target could not be reached).
import type { ExpectSpec, Repeat, RequestSpec, Scenario, Source, Step } from '../scenario/types';
import { HttpClient, TransportError, type IncomingResponse, type OutgoingRequest } from './http';
import { judge, snippet, statusMatches } from './judge';
import { getPointer, parseJson } from './json';
import { MAX_PACING_RETRIES, pacingDelay, quotaSpentDelay } from './pacing';
import { secretsOf, type Profile } from './profile';
import { Redactor } from './redact';
import { buildRequest } from './request';
import { evalCount, interpolate, TemplateError, type Lookup } from './template';
import { Transcript } from './transcript';
import type { CheckFailure, Exchange, Verdict } from './verdict';

export interface RunContext {
  profile: Profile;
  runId: string;
  /** Names the scenarios create start with it, so leftovers can be found. */
  prefix: string;
  http: HttpClient;
  redactor: Redactor;
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
/** Set-up and verify steps must succeed; clean-up may also find the thing already gone. */
const STEP_EXPECT: ExpectSpec = { status: '2xx' };
const CLEANUP_EXPECT: ExpectSpec = { status: [200, 202, 204, 404] };
const MAIN = 'request';

/** Anything that sends: a request step, or the scenario's main request. */
interface Sendable {
  request: RequestSpec;
  repeat?: Repeat;
  collect?: Record<string, Source>;
  capture?: Record<string, Source>;
  expect?: ExpectSpec;
}

/** A set-up step did not go as it must; the scenario cannot be judged. */
class StepError extends Error {}

export async function runScenario(s: Scenario, ctx: RunContext): Promise<Verdict> {
  return new ScenarioRun(s, ctx).run();
}

class ScenarioRun {
  private readonly started = performance.now();
  private readonly vars = new Map<string, unknown>();
  private readonly transcript: Transcript;
  private readonly failures: CheckFailure[] = [];
  private readonly leftovers: string[] = [];
  private actual?: { status: number };
  private errored?: string;

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

  async run(): Promise<Verdict> {
    const { s } = this;
    try {
      for (const step of s.setup ?? []) {
        const f = await this.step('setup', step);
        if (f.length) throw new StepError(`set-up did not work: ${f[0].step}: ${f[0].message}`);
      }
      const main = { request: s.request, repeat: s.repeat, collect: s.collect, capture: s.capture, expect: s.expect };
      this.failures.push(...(await this.send(MAIN, main, this.lookup)));
      for (const step of s.verify ?? []) this.failures.push(...(await this.step('verify', step)));
    } catch (e) {
      this.fault(e);
    } finally {
      await this.cleanup();
    }
    return this.verdict();
  }

  /** Sorts an exception: a hung or oversized main response is the target's failure; anything else means not judged. */
  private fault(e: unknown): void {
    const redact = (t: string) => this.ctx.redactor.text(t);
    if (e instanceof TransportError && e.targetFault && !this.actual && this.transcript.lastStep === MAIN) {
      this.failures.push({
        check: 'status',
        step: MAIN,
        message: `no valid response: ${redact(e.message)}`,
        expected: String(this.s.expect.status),
        actual: 'no response',
      });
    } else if (e instanceof StepError || e instanceof TransportError || e instanceof TemplateError) {
      this.errored = redact(e.message);
    } else {
      this.errored = redact(`internal error: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  private async cleanup(): Promise<void> {
    for (const [i, step] of (this.s.cleanup ?? []).entries()) {
      try {
        const f = await this.step('cleanup', step);
        if (f.length) this.leftovers.push(`${f[0].step}: ${f[0].message}`);
      } catch (e) {
        // A value that was never captured names something that was never created: nothing to remove.
        if (e instanceof TemplateError) continue;
        this.leftovers.push(this.ctx.redactor.text(`cleanup step ${i + 1}: ${(e as Error).message}`));
      }
    }
  }

  /** Runs a set-up, verify or clean-up step; returns the failures of its expectations. */
  private async step(phase: string, step: Step): Promise<CheckFailure[]> {
    const label = `${phase}: ${step.name ?? ('request' in step ? `${step.request.method} ${step.request.path}` : 'wait')}`;
    if ('wait' in step) {
      await sleep(Math.min(evalCount(step.wait.ms, this.lookup), step.wait.max ?? MAX_WAIT_MS, MAX_WAIT_MS));
      return [];
    }
    const withDefault = { ...step, expect: step.expect ?? (phase === 'cleanup' ? CLEANUP_EXPECT : STEP_EXPECT) };
    if (!step.forEach) return this.send(label, withDefault, this.lookup);
    const out: CheckFailure[] = [];
    for (const item of toList(this.vars.get(step.forEach))) {
      out.push(...(await this.send(label, withDefault, (n) => (n === 'item' ? item : this.lookup(n)))));
    }
    return out;
  }

  /** Sends a request (repeated when asked), judges the last response, then captures from it. */
  private async send(label: string, step: Sendable, lookup: Lookup): Promise<CheckFailure[]> {
    const expect = interpolate(step.expect ?? STEP_EXPECT, lookup);
    const times = step.repeat ? evalCount(step.repeat.times, lookup) : 1;
    const checks429 = statusMatches(expect.status ?? '2xx', 429) || step.repeat?.until === 429;
    const exchanges: Exchange[] = [];
    let req: OutgoingRequest | undefined;
    let res: IncomingResponse | undefined;
    try {
      for (let i = 1; i <= Math.max(1, times); i++) {
        req = buildRequest(step.request, {
          profile: this.ctx.profile,
          runId: this.ctx.runId,
          lookup: (n) => (n === 'i' ? i : lookup(n)),
        });
        res = await this.exchange(label, req, checks429, exchanges);
        if (step.collect && res.status >= 200 && res.status < 300) this.collect(step.collect, res);
        if (step.repeat && res.status === step.repeat.until) break;
      }
    } finally {
      this.transcript.add(exchanges);
    }
    if (!req || !res) throw new StepError(`${label}: no request sent (repeat count ${times})`);
    if (label === MAIN) this.actual = { status: res.status };
    const failures = judge(res, { step: label, requestUrl: req.url, expect });
    // A response that already failed its checks explains more than a missing capture would.
    if (failures.length) return failures;
    for (const [name, src] of Object.entries(step.capture ?? {})) {
      const value = extract(src, res);
      if (value === undefined) {
        throw new StepError(
          `${label}: cannot capture ${name} from ${describeSource(src)} (status ${res.status}: ${snippet(this.ctx.redactor.text(res.body), 120)})`,
        );
      }
      this.vars.set(name, value);
    }
    return failures;
  }

  /** One request on the wire, recorded; a platform 429 is waited out unless 429 is what is checked. */
  private async exchange(
    label: string,
    req: OutgoingRequest,
    checks429: boolean,
    into: Exchange[],
  ): Promise<IncomingResponse> {
    for (let attempt = 0; ; attempt++) {
      const exchange = this.transcript.request(label, req);
      into.push(exchange);
      try {
        const res = await this.ctx.http.send(req);
        this.transcript.response(exchange, res);
        if (checks429) return res;
        const pause = attempt < MAX_PACING_RETRIES ? pacingDelay(res) : undefined;
        if (pause === undefined) {
          const spent = quotaSpentDelay(res);
          if (spent !== undefined) await sleep(spent);
          return res;
        }
        await sleep(pause);
      } catch (e) {
        this.transcript.error(exchange, e);
        throw e;
      }
    }
  }

  private collect(collect: Record<string, Source>, res: IncomingResponse): void {
    for (const [name, src] of Object.entries(collect)) {
      const list = (this.vars.get(name) as unknown[] | undefined) ?? [];
      const value = extract(src, res);
      if (value !== undefined) list.push(value);
      this.vars.set(name, list);
    }
  }

  private verdict(): Verdict {
    const { failures, errored, ctx } = this;
    const status = errored ? 'errored' : failures.length ? 'failed' : 'passed';
    const reason =
      errored ??
      (failures.length
        ? failures[0].message + (failures.length > 1 ? ` (+${failures.length - 1} more)` : '')
        : undefined);
    return {
      status,
      ...(reason ? { reason: ctx.redactor.text(reason) } : {}),
      expected: { status: this.s.expect.status },
      ...(this.actual ? { actual: this.actual } : {}),
      failures: failures.map((f) => ({
        ...f,
        message: ctx.redactor.text(f.message),
        ...(f.actual ? { actual: ctx.redactor.text(f.actual) } : {}),
      })),
      transcript: this.transcript.exchanges,
      ...(this.transcript.omitted ? { omittedExchanges: this.transcript.omitted } : {}),
      ...(this.leftovers.length ? { leftovers: this.leftovers } : {}),
      durationMs: Math.round(performance.now() - this.started),
    };
  }
}

function extract(src: Source, res: IncomingResponse): unknown {
  if ('status' in src) return res.status;
  if ('header' in src) return res.headers[src.header.toLowerCase()];
  const parsed = parseJson(res.body);
  return parsed.ok ? getPointer(parsed.value, src.body) : undefined;
}

function describeSource(src: Source): string {
  return 'status' in src ? 'the status' : 'header' in src ? `header ${src.header}` : `body ${src.body}`;
}

function toList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
