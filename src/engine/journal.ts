// The created-objects journal: every object a scenario creates is written
// down the moment its id is known, and marked deleted when a DELETE of it
// succeeds (or finds it gone). Appended line by line (JSON Lines), so whatever
// ends the run (failure, timeout, a signal, a crash) it still says what may be
// left on the target, and the next run or `conformance sweep` can act on it.
import { appendFileSync, readFileSync } from 'node:fs';
import type { StoreName } from '../contract/stores';

/** One object the run created: where it lives and which scenario made it. */
export interface CreatedObject {
  run: string;
  scenario: string;
  store: StoreName;
  /** The item path relative to the store root, e.g. `/v3/catalog/products/17`. */
  path: string;
  at: string;
}

export type JournalEntry =
  | ({ t: 'created' } & CreatedObject)
  | { t: 'deleted'; run: string; store: StoreName; path: string; at: string }
  | { t: 'started'; run: string; scenario: string; at: string }
  | { t: 'ended'; run: string; scenario: string; status: string; reason?: string; at: string };

/** What the engine tells the journal; a run without a journal (tests, benchmarks) passes none. */
export interface Journal {
  write(entry: JournalEntry): void;
}

/** A journal file shared by every worker of a run: each entry is one small O_APPEND write, never interleaved. */
export function journalFile(file: string): Journal {
  return { write: (entry) => appendFileSync(file, `${JSON.stringify(entry)}\n`, 'utf8') };
}

export interface JournalSummary {
  runs: string[];
  /** Created and not (yet) deleted, in the order they were created. */
  leftovers: CreatedObject[];
  /** Scenario id → how it ended; a started scenario that never ended is absent. */
  ended: Map<string, { status: string; reason?: string }>;
  started: Set<string>;
}

/** Reads a journal; a torn last line (a run killed mid-write) is ignored, an absent file is empty. */
export function readJournal(file: string): JournalSummary {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const live = new Map<string, CreatedObject>();
  const runs = new Set<string>();
  const ended = new Map<string, { status: string; reason?: string }>();
  const started = new Set<string>();
  for (const line of text.split('\n')) {
    const entry = parseLine(line);
    if (!entry) continue;
    runs.add(entry.run);
    const key = (store: string, path: string) => `${store} ${path}`;
    if (entry.t === 'created') {
      const { t: _t, ...object } = entry;
      live.set(key(entry.store, entry.path), object);
    } else if (entry.t === 'deleted') live.delete(key(entry.store, entry.path));
    else if (entry.t === 'started') started.add(entry.scenario);
    else ended.set(entry.scenario, { status: entry.status, ...(entry.reason ? { reason: entry.reason } : {}) });
  }
  return { runs: [...runs], leftovers: [...live.values()], ended, started };
}

function parseLine(line: string): JournalEntry | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as JournalEntry;
    return value && typeof value === 'object' && typeof value.t === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
