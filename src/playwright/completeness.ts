// Which scenarios of the catalogue a run left out, and why: the ones its
// selection (--grep, --shard, a file filter) dropped, and the ones it never got
// to (interrupted, a global timeout). Each becomes a `notRun` result, so a run
// of part of the catalogue can never read as a pass.
import type { FullConfig, FullResult, TestCase } from '@playwright/test/reporter';
import { classOf } from '../contract/table';
import type { ScenarioResult } from '../report/model';
import type { Catalogue } from '../scenario/load';
import type { Scenario } from '../scenario/types';
import { META_ANNOTATION, type ScenarioMeta } from './annotations';

/** The static facts of a scenario test, from its annotation. */
export function metaOf(test: TestCase): ScenarioMeta | undefined {
  const note = test.annotations.find((a) => a.type === META_ANNOTATION);
  return note?.description ? (JSON.parse(note.description) as ScenarioMeta) : undefined;
}

/** What a report needs of a scenario before it runs. */
export function metaOfScenario(s: Scenario): ScenarioMeta {
  return {
    id: s.id,
    title: s.title,
    code: s.code,
    level: s.level,
    doc: s.doc,
    file: s.file,
    ...(s.resource ? { resource: s.resource } : {}),
    ...(s.operation ? { operation: s.operation } : {}),
  };
}

export function notRunResult(meta: ScenarioMeta, reason: string): ScenarioResult {
  return { ...meta, class: classOf(meta.code), status: 'notRun', reason, durationMs: 0 };
}

/** Playwright options that narrow which tests run, with whether they take a value. */
const NARROWING: Record<string, boolean> = {
  '--grep': true,
  '-g': true,
  '--grep-invert': true,
  '--project': true,
  '--last-failed': false,
  '--only-changed': false,
};
/** Options of `playwright test` that take a value but do not narrow the run. */
const VALUED = new Set([
  '-c',
  '--config',
  '--reporter',
  '--workers',
  '-j',
  '--timeout',
  '--global-timeout',
  '--output',
  '--retries',
  '--repeat-each',
  '--max-failures',
  '--trace',
  '--shard',
]);

/** What narrowed the run, as given on Playwright's command line, so a reviewer sees it named. */
export function selectionOf(config: FullConfig | undefined, argv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  if (config?.shard) out.push(`--shard=${config.shard.current}/${config.shard.total}`);
  const start = argv.indexOf('test');
  if (start >= 0) {
    for (let i = start + 1; i < argv.length; i++) {
      const arg = argv[i];
      const [name, inline] = arg.split(/=(.*)/s, 2);
      if (name in NARROWING) {
        const value = NARROWING[name] && inline === undefined ? argv[++i] : inline;
        out.push(value === undefined ? name : `${name} ${value}`);
      } else if (VALUED.has(name) && inline === undefined) i++;
      else if (!arg.startsWith('-')) out.push(`file filter ${arg}`);
    }
  }
  if (env.CONFORMANCE_SCENARIOS) out.push(`CONFORMANCE_SCENARIOS=${env.CONFORMANCE_SCENARIOS}`);
  return out;
}

/** Why a run ended early, from Playwright's end status; undefined when it ran to its end. */
export function interruptionOf(result: FullResult): string | undefined {
  if (result.status === 'interrupted') return 'the run was stopped (Ctrl-C or a signal) before every scenario ran';
  if (result.status === 'timedout') return 'the global timeout ended the run before every scenario ran';
  return undefined;
}

/**
 * The results a report needs for every scenario of the catalogue: the collected ones, then a
 * notRun for each selected test that never finished and each catalogue scenario the run did not select.
 */
export function withNotRun(
  collected: ScenarioResult[],
  selected: ScenarioMeta[],
  catalogue: Catalogue | undefined,
  selection: string[],
): ScenarioResult[] {
  const have = new Set(collected.map((r) => r.id));
  const out = [...collected];
  for (const meta of selected) {
    if (!have.has(meta.id)) out.push(notRunResult(meta, 'not run: the run ended before it got to this scenario'));
    have.add(meta.id);
  }
  const why = selection.length ? `not selected by this run (${selection.join(' ')})` : 'not selected by this run';
  for (const s of catalogue?.scenarios ?? []) {
    if (have.has(s.id)) continue;
    out.push(
      notRunResult(
        { id: s.id, title: s.title, code: s.code, level: s.level, doc: s.doc, file: s.file },
        `not run: ${why}`,
      ),
    );
  }
  return out;
}

/** A merge of sharded runs that lacks some shards names them, from the shards its results came from. */
export function missingShards(
  shards: ReadonlyArray<{ current: number; total: number } | undefined>,
): string | undefined {
  const seen = shards.filter((s): s is { current: number; total: number } => !!s);
  if (!seen.length) return undefined;
  const total = Math.max(...seen.map((s) => s.total));
  const have = new Set(seen.map((s) => s.current));
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !have.has(n));
  return missing.length
    ? `merged ${have.size} of ${total} shards; missing ${missing.map((n) => `${n}/${total}`).join(', ')}`
    : undefined;
}
