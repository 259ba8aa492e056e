// A run owns its output folder. It writes into a fresh sibling folder and
// swaps it in at the end, so no earlier run's file can be read as this run's
// and nothing half-written is ever in place; it refuses a folder holding files
// it did not write (a user's files are never deleted); and a lock keeps a
// second run off the same folder.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { readJournal, type JournalSummary } from '../engine/journal';

/** The manifest every output folder of this suite carries: what the run wrote, so anything else is someone else's. */
export const MARKER = '.conformance-output.json';
export const JOURNAL = 'journal.jsonl';

export class OutputError extends Error {
  override name = 'OutputError';
}

interface Marker {
  runId: string;
  finishedAt: string;
  files: string[];
}

export interface ClaimedOutput {
  /** The folder the user named. */
  dir: string;
  /** Where this run writes; swapped into `dir` by commit(). */
  work: string;
  journal: string;
  /** What the previous run in this folder left on the target, read from its journal. */
  previous?: JournalSummary;
  commit(): void;
  release(): void;
}

export function claimOutput(dirArg: string, runId: string): ClaimedOutput {
  const dir = dirArg.replace(/[\\/]+$/, '') || dirArg;
  const parent = dirname(dir);
  const stat = statOrUndefined(dir);
  if (stat && !stat.isDirectory())
    throw new OutputError(`--output ${dir} is a file: name a folder (new or one this suite wrote)`);
  if (stat) checkOwned(dir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new OutputError(`--output ${dir}: cannot create ${parent} (${codeOf(e)}); choose a writable folder`);
  }
  const lock = takeLock(`${dir}.lock`);
  const work = join(parent, `.${basename(dir)}.run-${runId}-${randomBytes(3).toString('hex')}`);
  try {
    mkdirSync(work);
  } catch (e) {
    lock.release();
    throw new OutputError(`--output ${dir}: cannot write in ${parent} (${codeOf(e)}); choose a writable folder`);
  }
  const previousJournal = join(dir, JOURNAL);
  const previous = existsSync(previousJournal) ? readJournal(previousJournal) : undefined;
  return {
    dir,
    work,
    journal: join(work, JOURNAL),
    ...(previous ? { previous } : {}),
    commit() {
      pruneEmptyFolders(work);
      writeMarker(work, runId);
      const old = join(parent, `.${basename(dir)}.old-${runId}`);
      if (existsSync(dir)) renameSync(dir, old);
      renameSync(work, dir);
      rmSync(old, { recursive: true, force: true });
    },
    release() {
      rmSync(work, { recursive: true, force: true });
      lock.release();
    },
  };
}

/** An existing folder is ours when every file in it is listed in its manifest (or it is empty). */
function checkOwned(dir: string): void {
  const files = listFiles(dir);
  if (files.length === 0) return;
  let listed = new Set<string>();
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker;
    listed = new Set([...marker.files, MARKER]);
  } catch {
    // No manifest: nothing in it was written by this suite.
  }
  const foreign = files.filter((f) => !listed.has(f));
  if (foreign.length) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, … (${foreign.length} in all)` : '');
    throw new OutputError(
      `--output ${dir} holds files this suite did not write (${shown}); choose a new or empty folder, or move those files away`,
    );
  }
}

function writeMarker(work: string, runId: string): void {
  const files = listFiles(work);
  const marker: Marker = { runId, finishedAt: new Date().toISOString(), files };
  const fd = openSync(join(work, MARKER), 'wx');
  try {
    writeSync(fd, `${JSON.stringify(marker, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Playwright leaves a folder per test even when it has nothing to keep. */
function pruneEmptyFolders(dir: string): boolean {
  let empty = true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && pruneEmptyFolders(path)) rmdirSync(path);
    else empty = false;
  }
  return empty;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** An exclusive lock file holding the owner's pid; one left by a process that is gone is taken over. */
function takeLock(file: string): { release(): void } {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (e) {
      if (codeOf(e) !== 'EEXIST')
        throw new OutputError(
          `--output ${file.slice(0, -'.lock'.length)}: cannot create its lock file ${file} (${codeOf(e)}); choose a writable folder`,
        );
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new OutputError(
          `another conformance run (pid ${pid}) is writing ${file.slice(0, -'.lock'.length)}; wait for it or choose another --output`,
        );
      }
      rmSync(file, { force: true }); // stale: its run is gone
    }
  }
  throw new OutputError(`cannot take the lock ${file}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return codeOf(e) === 'EPERM';
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return undefined;
    throw new OutputError(`--output ${path}: cannot read it (${codeOf(e)})`);
  }
}

const codeOf = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? String((e as Error)?.message ?? e);
