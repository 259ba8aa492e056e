// Requests in flight per worker, independent of the number of workers.
// Playwright runs a worker's tests one after another, so against a distant
// target a run would take round-trips × scenarios ÷ workers. With
// CONFORMANCE_CONCURRENCY=C, a worker that starts a scenario also starts the
// next C − 1 selected scenarios of the same spec file; their tests then only
// pick the result up. Each scenario still runs exactly once: a worker claims
// it first (an exclusive file create), and a test whose scenario another
// worker claimed waits for that worker's published result. Scenarios on the
// stores whose limits they exhaust never run ahead.
//
// The plan (which tests the run selected, in order) comes from the conformance
// reporter's onBegin, in the runner, before any worker starts; without it (the
// command line replaced the reporters) every scenario simply runs when its
// test does.
import type { Suite } from '@playwright/test/reporter';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_LIMIT_STORES } from '../contract/stores';
import { classOf } from '../contract/table';
import type { Scenario } from '../scenario/types';
import type { ScenarioRecord } from './annotations';
import { metaOf } from './completeness';

/** Default requests in flight per worker: enough to hide a remote target's latency, gentle on a store. */
export const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 64;
/** How often a test whose scenario another worker runs looks for its result. */
const POLL_MS = 5;

export function concurrencyFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.CONFORMANCE_CONCURRENCY?.trim();
  if (!raw) return DEFAULT_CONCURRENCY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY)
    throw new Error(
      `CONFORMANCE_CONCURRENCY must be a whole number from 1 to ${MAX_CONCURRENCY} (requests in flight per worker), not "${raw}"`,
    );
  return n;
}

/** One selected test: its Playwright id and its scenario. */
interface Planned {
  testId: string;
  scenario: string;
}

interface Plan {
  /** Selected tests per spec file (one code class), project and repeat, in the order a worker runs them. */
  files: Record<string, Planned[]>;
}

// Keyed by class, not by file: each test is located at its YAML file, and a spec file holds one class.
const planKey = (project: string, code: number, repeatEachIndex: number) =>
  `${repeatEachIndex}:${project}:${classOf(code)}`;

/**
 * Runner side, from the reporter's onBegin: writes the plan and hands its folder to the workers (they inherit
 * the runner's environment). Nothing to plan at concurrency 1, and nothing in a merge (no workers).
 */
export function planLookahead(suite: Suite, env: NodeJS.ProcessEnv = process.env): void {
  if (env.CONFORMANCE_LOOKAHEAD || concurrencyFrom(env) === 1) return;
  const files: Plan['files'] = {};
  for (const test of suite.allTests()) {
    const meta = metaOf(test);
    if (!meta) continue;
    const key = planKey(test.parent.project()?.name ?? '', meta.code, test.repeatEachIndex);
    (files[key] ??= []).push({ testId: test.id, scenario: meta.id });
  }
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'conformance-lookahead-'));
  mkdirSync(join(dir, 'claims'));
  mkdirSync(join(dir, 'results'));
  writeFileSync(join(dir, 'plan.json'), JSON.stringify({ files } satisfies Plan));
  env.CONFORMANCE_LOOKAHEAD = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
}

/** What a test tells the lookahead about itself. */
export interface TestPosition {
  testId: string;
  project: { name: string };
  repeatEachIndex: number;
  retry: number;
}

export interface Lookahead {
  /** The record of the test's scenario: run now, started earlier by this worker, or published by another. */
  recordOf(s: Scenario, at: TestPosition): Promise<ScenarioRecord>;
  /** The worker is stopping: nothing more starts ahead (what runs finishes and is published). */
  close(): void;
}

/** Worker side. `execute` runs one scenario and makes its record (it never throws). */
export function createLookahead(
  execute: (s: Scenario) => Promise<ScenarioRecord>,
  scenarios: ReadonlyMap<string, Scenario>,
  concurrency: number,
  dir = process.env.CONFORMANCE_LOOKAHEAD,
  signal?: AbortSignal,
): Lookahead {
  const plan = dir && concurrency > 1 ? readPlan(dir) : undefined;
  if (!dir || !plan) return { recordOf: (s) => execute(s), close: () => undefined };
  /** Started here ahead of their tests, by test id; kept until their test comes (it may go to another worker). */
  const ahead = new Map<string, Promise<ScenarioRecord>>();
  /** Every test this worker claimed, so that it never tries to claim one twice. */
  const mine = new Set<string>();
  const positions = new Map<Planned[], Map<string, number>>();
  const indexIn = (list: Planned[], testId: string): number => {
    let index = positions.get(list);
    if (!index) positions.set(list, (index = new Map(list.map((p, i) => [p.testId, i]))));
    return index.get(testId) ?? -1;
  };
  let inFlight = 0;
  let closed = false;
  let last: { at: TestPosition; code: number } | undefined;

  const claim = (testId: string): boolean => {
    try {
      writeFileSync(join(dir, 'claims', testId), String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      return false;
    }
  };
  const start = (s: Scenario): Promise<ScenarioRecord> => {
    inFlight++;
    return execute(s).finally(() => {
      inFlight--;
      // A slot is free: keep the pipeline full from where this worker is.
      if (last) fillFrom(last.at, last.code);
    });
  };
  // Started ahead of its test: published, since its test may be given to another worker (even when this
  // worker stopped it: not run is then its record).
  const startAhead = (testId: string, s: Scenario) =>
    start(s).then((record) => {
      const file = join(dir, 'results', `${testId}.json`);
      writeFileSync(`${file}.tmp`, JSON.stringify(record));
      renameSync(`${file}.tmp`, file);
      return record;
    });
  // Claims further along the file than another worker's mean that the rest of it is that worker's part.
  const fillFrom = (at: TestPosition, code: number) => {
    const list = plan.files[planKey(at.project.name, code, at.repeatEachIndex)] ?? [];
    for (let i = indexIn(list, at.testId) + 1; i > 0 && i < list.length && inFlight < concurrency; i++) {
      const { testId, scenario } = list[i];
      const next = scenarios.get(scenario);
      if (closed || signal?.aborted || !next || !runsAhead(next) || mine.has(testId)) continue;
      if (!claim(testId)) return;
      mine.add(testId);
      ahead.set(testId, startAhead(testId, next));
    }
  };

  return {
    async recordOf(s, at) {
      // A retry is a fresh attempt; a scenario that must run alone never overlaps another.
      if (at.retry > 0 || !runsAhead(s)) return execute(s);
      last = { at, code: s.code };
      const started = ahead.get(at.testId);
      ahead.delete(at.testId);
      if (started) {
        fillFrom(at, s.code);
        return started;
      }
      if (mine.has(at.testId) || claim(at.testId)) {
        mine.add(at.testId);
        const now = start(s);
        fillFrom(at, s.code);
        return now;
      }
      return publishedBy(dir, at.testId);
    },
    close() {
      closed = true;
    },
  };
}

const runsAhead = (s: Scenario) => !SHARED_LIMIT_STORES.includes(s.request.store ?? 'main');

function readPlan(dir: string): Plan | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as Plan;
  } catch {
    return undefined;
  }
}

/**
 * The record another worker is making for this test. Should that worker be gone before it published one (it
 * crashed), the scenario is not judged: running it again could repeat what it did on the store.
 */
async function publishedBy(dir: string, testId: string): Promise<ScenarioRecord> {
  const file = join(dir, 'results', `${testId}.json`);
  for (let claimant = true; ; claimant = alive(Number(readFileOr(join(dir, 'claims', testId))))) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as ScenarioRecord;
    } catch {
      // not published yet
    }
    if (!claimant)
      throw new Error(
        'not judged: the worker that started this scenario ahead of its test ended before it finished ' +
          '(see the scenario that crashed that worker)',
      );
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function readFileOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A claim whose pid is not written yet counts as alive: its worker is between create and write. */
function alive(pid: number): boolean {
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
