// The catalogue is parsed and checked once, not once per process and run.
// Within a run, the first process that loads it hands it to the others (the
// Playwright runner, each worker) as a JSON file. Between runs, a per-user
// cache keeps it, keyed by the catalogue's hash (suite version, table,
// schemas, every scenario file) and by the hash of the code that parsed it,
// so an edit to either is a miss, never a stale hit (CONFORMANCE_CACHE_DIR;
// `off` turns it off). Either is used only while the files hash the same.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { catalogueHash, loadCatalogue, type Catalogue } from './load';

/** Entries kept; older ones are removed as new ones are written. */
const KEEP = 8;

/** The catalogue below `root`: from the cache when the files and the parser are unchanged, else parsed and kept. */
export function loadCatalogueCached(root: string, env: NodeJS.ProcessEnv = process.env): Catalogue {
  const dir = cacheDir(env);
  const hash = dir ? catalogueHash(root) : undefined;
  const file = dir && hash ? join(dir, `${hash}-${parserHash()}.json`) : undefined;
  const cached = file ? readEntry(file, root, hash) : undefined;
  if (cached) return cached;
  const catalogue = loadCatalogue(root);
  if (file && catalogue.hash === hash && writeEntry(file, catalogue)) prune(dir!);
  return catalogue;
}

function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const chosen = env.CONFORMANCE_CACHE_DIR?.trim();
  if (chosen === 'off') return undefined;
  const dir = chosen || join(tmpdir(), `status-code-conformance-${userInfo().uid}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // In a shared temp folder, only a folder this user owns and alone can write is trusted.
    return ownedAndPrivate(statSync(dir)) ? dir : undefined;
  } catch {
    return undefined;
  }
}

function ownedAndPrivate(st: Stats): boolean {
  if (!st.isDirectory()) return false;
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

let parser: string | undefined;

/** The code that turns files into a catalogue, as it runs (compiled or not): this folder's and the contract's. */
function parserHash(): string {
  if (parser) return parser;
  const hash = createHash('sha256');
  for (const dir of [__dirname, join(dirname(__dirname), 'contract')]) {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(ts|js)$/.test(name)) continue;
      hash
        .update(name)
        .update('\0')
        .update(readFileSync(join(dir, name)))
        .update('\0');
    }
  }
  return (parser = hash.digest('hex').slice(0, 16));
}

function readEntry(file: string, root: string, hash: string | undefined): Catalogue | undefined {
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
    // The same files elsewhere hash the same: the entry is this root's once its paths are.
    if (!hash || c.hash !== hash) return undefined;
    return { ...c, root, scenarios: c.scenarios.map((s) => ({ ...s, absFile: join(root, s.file) })) };
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, catalogue: Catalogue): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(catalogue), { flag: 'wx', mode: 0o600 });
    renameSync(temp, file);
    return true;
  } catch {
    // A cache that cannot be written only costs the next process a parse.
    rmSync(temp, { force: true });
    return false;
  }
}

/** Hands a run's catalogue to its later processes; false when it could not be written (they parse then). */
export function writeHandoff(file: string, catalogue: Catalogue): boolean {
  return writeEntry(file, catalogue);
}

/**
 * The catalogue a run's first process handed over, or undefined when absent or not of the catalogue `hash`
 * names (by default: the files as they are now, so a later process never runs files that changed since).
 */
export function readHandoff(file: string, root: string, hash = catalogueHash(root)): Catalogue | undefined {
  return readEntry(file, root, hash);
}

function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .map((n) => ({ path: join(dir, n), at: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of entries.slice(KEEP)) rmSync(old.path, { force: true });
}
