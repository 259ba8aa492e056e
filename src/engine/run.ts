// Runs one scenario: set-up → request → verify → clean-up (always), and says
// passed / failed / errored. Failed means the target answered against the
// table; errored means the scenario could not be checked (set-up did not
// work, the target could not be reached).
import type { ExpectSpec, Repeat, RequestSpec, Scenario, Source, Step } from '../scenario/types';
import { TransportError, type HttpClient, type IncomingResponse, type OutgoingRequest } from './http';
import { judge, snippet, statusMatches } from './judge';
import { getPointer, parseJson } from './json';
import { STORES, variablesFor, defaultAuth, type Profile } from './profile';
import type { Redactor } from './redact';
import { buildRequest } from './request';
import { evalCount, interpolate, TemplateError, type Lookup } from './template';
import type { CheckFailure, Exchange, Verdict } from './verdict';

export interface RunContext {
  profile: Profile;
  runId: string;
  /** Names the scenarios create start with it, so leftovers can be found. */
  prefix: string;
  http: HttpClient;
  redactor: Redactor;
}

/** Longest wait a scenario may ask for (429 reset, scheduled work), whatever the target says. */
const MAX_WAIT_MS = 60_000;
/** Longest platform rate-limit window the engine waits out before retrying (the store API's is 30 s). */
const MAX_PACING_MS = 35_000;
/** Set-up and verify steps must succeed; clean-up may also find the thing already gone. */
const STEP_EXPECT: ExpectSpec = { status: '2xx' };
const CLEANUP_EXPECT: ExpectSpec = { status: [200, 202, 204, 404] };
/** Exchanges kept at each end of a repeated request. */
const KEEP_REPEATS = 3;
const MAX_TRANSCRIPT_BODY = 16 * 1024;

/** Profile variables the scenario needs and the profile lacks; empty when applicable. */
export function missingVariables(s: Scenario, profile: Profile): string[] {
  const missing = s.requires.filter((v) => !profile[v]);
  const stores = [s.request, ...[...(s.setup ?? []), ...(s.verify ?? [])].flatMap((st) => ('request' in st ? [st.request] : []))];
  for (const r of stores) {
    const store = r.store ?? 'main';
    for (const v of variablesFor(store, r.auth ?? defaultAuth(store))) if (!profile[v] && !missing.includes(v)) missing.push(v);
    const own = STORES[store].token;
    if ((r.auth ?? defaultAuth(store)) === 'token' && own && !profile[own] && !profile.TARGET_AUTH_TOKEN) {
      const either = `${own} (or TARGET_AUTH_TOKEN)`;
      if (!missing.includes(either)) missing.push(either);
    }
  }
  return missing;
}

/** Anything that sends: a request step, or the scenario's main request. */
interface Sendable {
  request: RequestSpec;
  repeat?: Repeat;
  collect?: Record<string, Source>;
  capture?: Record<string, Source>;
  expect?: ExpectSpec;
}

/** A set-up or verify step did not go as it must; the scenario cannot be judged. */
class StepError extends Error {}

export async function runScenario(s: Scenario, ctx: RunContext): Promise<Verdict> {
  const started = performance.now();
  const vars = new Map<string, unknown>();
  const transcript: Exchange[] = [];
  let omitted = 0;
  const failures: CheckFailure[] = [];
  const leftovers: string[] = [];
  let actual: { status: number } | undefined;
  let errored: string | undefined;

  const lookup: Lookup = (name) => {
    if (name.startsWith('env.')) return ctx.profile[name.slice(4)];
    if (name === 'run.prefix') return ctx.prefix;
    if (name === 'run.id') return ctx.runId;
    return vars.get(name);
  };

  /** Sends one request (pacing through a platform 429 unless 429 is what is checked) and records it. */
  const send = async (label: string, req: OutgoingRequest, expects429: boolean, keep: Exchange[]): Promise<IncomingResponse> => {
    for (let attempt = 0; ; attempt++) {
      const exchange: Exchange = { step: label, request: recordRequest(req, ctx.redactor) };
      keep.push(exchange);
      try {
        const res = await ctx.http.send(req);
        exchange.response = recordResponse(res, ctx.redactor);
        const pause = expects429 || attempt >= 2 ? undefined : pacingDelay(res);
        if (pause === undefined) return res;
        await sleep(pause);
      } catch (e) {
        exchange.error = ctx.redactor.text((e as Error).message);
        throw e;
      }
    }
  };

  /** Runs a step; returns the failures of its expectations (never throws for them). */
  const runStep = async (phase: string, step: Step): Promise<CheckFailure[]> => {
    const label = `${phase}: ${step.name ?? ('request' in step ? `${step.request.method} ${step.request.path}` : 'wait')}`;
    if ('wait' in step) {
      await sleep(Math.min(evalCount(step.wait.ms, lookup), step.wait.max ?? MAX_WAIT_MS, MAX_WAIT_MS));
      return [];
    }
    const items = step.forEach ? toList(vars.get(step.forEach)) : [undefined];
    const out: CheckFailure[] = [];
    for (const item of items) {
      const itemLookup: Lookup = (n) => (n === 'item' ? item : lookup(n));
      out.push(...(await sendStep(label, step, itemLookup)));
    }
    return out;
  };

  const sendStep = async (
    label: string,
    step: Sendable,
    stepLookup: Lookup,
  ): Promise<CheckFailure[]> => {
    const expect = interpolate(step.expect ?? (label.startsWith('cleanup') ? CLEANUP_EXPECT : STEP_EXPECT), stepLookup);
    const expectsStatus = expect.status ?? '2xx';
    const times = step.repeat ? evalCount(step.repeat.times, stepLookup) : 1;
    const exchanges: Exchange[] = [];
    let res: IncomingResponse | undefined;
    let req: OutgoingRequest | undefined;
    try {
      for (let i = 1; i <= Math.max(1, times); i++) {
        const iterLookup: Lookup = (n) => (n === 'i' ? i : stepLookup(n));
        req = buildRequest(step.request, { profile: ctx.profile, runId: ctx.runId, lookup: iterLookup });
        res = await send(label, req, statusMatches(expectsStatus, 429) || step.repeat?.until === 429, exchanges);
        if (step.collect && res.status >= 200 && res.status < 300) {
          for (const [name, src] of Object.entries(step.collect)) {
            const list = (vars.get(name) as unknown[] | undefined) ?? [];
            const value = extract(src, res);
            if (value !== undefined) list.push(value);
            vars.set(name, list);
          }
        }
        if (step.repeat && res.status === step.repeat.until) break;
      }
    } finally {
      const { kept, dropped } = compress(exchanges);
      transcript.push(...kept);
      omitted += dropped;
    }
    if (!res || !req) throw new StepError(`${label}: no request sent (repeat count ${times})`);
    if (label === 'request') actual = { status: res.status };
    const failures = judge(res, { step: label, requestUrl: req.url, expect });
    // A response that already failed its checks explains more than a missing capture would.
    if (failures.length) return failures;
    for (const [name, src] of Object.entries(step.capture ?? {})) {
      const value = extract(src, res);
      if (value === undefined) throw new StepError(`${label}: cannot capture ${name} from ${describeSource(src)} (status ${res.status}: ${snippet(ctx.redactor.text(res.body), 120)})`);
      vars.set(name, value);
    }
    return failures;
  };

  try {
    for (const step of s.setup ?? []) {
      const f = await runStep('setup', step);
      if (f.length) throw new StepError(`set-up did not work: ${f[0].step}: ${f[0].message}`);
    }
    failures.push(...(await sendStep('request', { request: s.request, repeat: s.repeat, collect: s.collect, capture: s.capture, expect: s.expect }, lookup)));
    for (const step of s.verify ?? []) failures.push(...(await runStep('verify', step)));
  } catch (e) {
    if (e instanceof TransportError && e.targetFault && actual === undefined && transcript.at(-1)?.step === 'request') {
      failures.push({ check: 'status', step: 'request', message: `no valid response: ${ctx.redactor.text(e.message)}`, expected: String(s.expect.status), actual: 'no response' });
    } else if (e instanceof StepError || e instanceof TransportError || e instanceof TemplateError) {
      errored = ctx.redactor.text(e.message);
    } else {
      errored = ctx.redactor.text(`internal error: ${(e as Error)?.stack ?? String(e)}`);
    }
  } finally {
    for (const [i, step] of (s.cleanup ?? []).entries()) {
      try {
        const f = await runStep('cleanup', step);
        if (f.length) leftovers.push(`${f[0].step}: ${f[0].message}`);
      } catch (e) {
        leftovers.push(ctx.redactor.text(`cleanup step ${i + 1}: ${(e as Error).message}`));
      }
    }
  }

  const status = errored ? 'errored' : failures.length ? 'failed' : 'passed';
  const reason = errored ?? (failures.length ? failures[0].message + (failures.length > 1 ? ` (+${failures.length - 1} more)` : '') : undefined);
  return {
    status,
    ...(reason ? { reason: ctx.redactor.text(reason) } : {}),
    expected: { status: s.expect.status },
    ...(actual ? { actual } : {}),
    failures: failures.map((f) => ({ ...f, message: ctx.redactor.text(f.message), ...(f.actual ? { actual: ctx.redactor.text(f.actual) } : {}) })),
    transcript,
    ...(omitted ? { omittedExchanges: omitted } : {}),
    ...(leftovers.length ? { leftovers } : {}),
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * How long to wait before retrying a platform 429 (X-Rate-Limit-Time-Reset-Ms,
 * X-Retry-After: the longer). A window longer than MAX_PACING_MS is not waited
 * out: the 429 is judged as it is.
 */
function pacingDelay(res: IncomingResponse): number | undefined {
  if (res.status !== 429) return undefined;
  const resetMs = Number(res.headers['x-rate-limit-time-reset-ms']);
  const retryS = Number(res.headers['x-retry-after'] ?? res.headers['retry-after']);
  const waits = [resetMs, retryS * 1000].filter((n) => Number.isFinite(n) && n >= 0);
  if (waits.length === 0) return undefined;
  const wait = Math.max(...waits);
  return wait <= MAX_PACING_MS ? wait : undefined;
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

function compress(exchanges: Exchange[]): { kept: Exchange[]; dropped: number } {
  if (exchanges.length <= KEEP_REPEATS * 2) return { kept: exchanges, dropped: 0 };
  return { kept: [...exchanges.slice(0, KEEP_REPEATS), ...exchanges.slice(-KEEP_REPEATS)], dropped: exchanges.length - KEEP_REPEATS * 2 };
}

function recordRequest(req: OutgoingRequest, r: Redactor): Exchange['request'] {
  return { method: req.method, url: r.text(req.url), headers: r.headers(req.headers), ...(req.body !== undefined ? { body: cap(r.text(req.body)) } : {}) };
}

function recordResponse(res: IncomingResponse, r: Redactor): NonNullable<Exchange['response']> {
  return {
    status: res.status,
    headers: r.headers(res.headers),
    body: cap(r.text(res.body)),
    ...(res.body.length > MAX_TRANSCRIPT_BODY ? { truncated: true } : {}),
    durationMs: res.durationMs,
  };
}

function cap(text: string): string {
  return text.length > MAX_TRANSCRIPT_BODY ? text.slice(0, MAX_TRANSCRIPT_BODY) : text;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
