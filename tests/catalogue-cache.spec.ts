// The catalogue cache: a hit gives exactly what parsing gives, any edit to a
// scenario file is a miss, a folder others could write to is never trusted,
// and `off` turns it off. The run's hand-off is checked against the files too.
import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { loadCatalogueCached, readHandoff, writeHandoff } from '../src/scenario/catalogue-cache';
import { loadCatalogue } from '../src/scenario/load';
import { scenariosDir } from '../src/support/paths';

/** JSON has no `undefined`: compare what a process would get back either way. */
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

test('a hit is what parsing gives, with the paths of the root it was asked for', ({}, testInfo) => {
  const cache = testInfo.outputPath('cache');
  const env = { CONFORMANCE_CACHE_DIR: cache };
  const parsed = loadCatalogue(scenariosDir());
  const first = loadCatalogueCached(scenariosDir(), env);
  expect(readdirSync(cache).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  const hit = loadCatalogueCached(scenariosDir(), env);
  expect(plain(hit)).toEqual(plain(parsed));
  expect(plain(first)).toEqual(plain(parsed));
  // The same files elsewhere: the same entry, this root's paths.
  const copy = testInfo.outputPath('copy');
  cpSync(scenariosDir(), copy, { recursive: true });
  const moved = loadCatalogueCached(copy, env);
  expect(moved.root).toBe(copy);
  expect(moved.scenarios[0].absFile.startsWith(copy)).toBe(true);
  expect(readdirSync(cache).filter((n) => n.endsWith('.json'))).toHaveLength(1);
});

test('an edited scenario file is a miss: the edit is what loads', ({}, testInfo) => {
  const env = { CONFORMANCE_CACHE_DIR: testInfo.outputPath('cache') };
  const copy = testInfo.outputPath('copy');
  cpSync(scenariosDir(), copy, { recursive: true });
  const before = loadCatalogueCached(copy, env);
  const file = join(copy, '4xx', '406-wildcard-accepted.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Edited title'));
  const after = loadCatalogueCached(copy, env);
  expect(after.hash).not.toBe(before.hash);
  expect(after.scenarios.find((s) => s.id === '406-wildcard-accepted')?.title).toBe('Edited title');
});

test('a cache folder others can write to is not used; `off` writes nothing', ({}, testInfo) => {
  test.skip(process.platform === 'win32', 'POSIX permissions');
  const shared = testInfo.outputPath('shared');
  mkdirSync(shared);
  chmodSync(shared, 0o777);
  loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: shared });
  expect(readdirSync(shared)).toEqual([]);
  // `off` is a word, not a folder: nothing named off appears where the command runs.
  const cwd = process.cwd();
  process.chdir(testInfo.outputPath());
  try {
    loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: 'off' });
  } finally {
    process.chdir(cwd);
  }
  expect(existsSync(testInfo.outputPath('off'))).toBe(false);
});

test("a run's hand-off is refused once the files changed", ({}, testInfo) => {
  const copy = testInfo.outputPath('copy');
  cpSync(scenariosDir(), copy, { recursive: true });
  const file = testInfo.outputPath('handoff.json');
  expect(writeHandoff(file, loadCatalogue(copy))).toBe(true);
  expect(readHandoff(file, copy)?.scenarios.length).toBeGreaterThan(0);
  writeFileSync(join(copy, '2xx', 'extra.yaml'), readFileSync(join(copy, '2xx', '200-get.yaml')));
  expect(readHandoff(file, copy)).toBeUndefined();
});

test('a cache folder that cannot be made is no cache: the catalogue is parsed all the same', ({}, testInfo) => {
  const file = testInfo.outputPath('a-file');
  writeFileSync(file, '');
  const catalogue = loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: join(file, 'cache') });
  expect(catalogue.scenarios.length).toBeGreaterThan(0);
  expect(loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: file }).hash).toBe(catalogue.hash);
});

test('an entry that cannot be written is no entry, and leaves no temporary file', ({}, testInfo) => {
  const dir = testInfo.outputPath('handoff');
  mkdirSync(join(dir, 'taken.json'), { recursive: true });
  expect(writeHandoff(join(dir, 'taken.json'), loadCatalogue(scenariosDir()))).toBe(false);
  expect(readdirSync(dir)).toEqual(['taken.json']);
  expect(writeHandoff(join(dir, 'missing', 'h.json'), loadCatalogue(scenariosDir()))).toBe(false);
  expect(readHandoff(join(dir, 'nothing.json'), scenariosDir())).toBeUndefined();
  writeFileSync(join(dir, 'broken.json'), '{');
  expect(readHandoff(join(dir, 'broken.json'), scenariosDir())).toBeUndefined();
});

test('the cache keeps the 8 newest entries', ({}, testInfo) => {
  const cache = testInfo.outputPath('cache');
  mkdirSync(cache, { mode: 0o700 });
  const old = Array.from({ length: 10 }, (_, i) => join(cache, `old-${i}.json`));
  old.forEach((f, i) => {
    writeFileSync(f, '{}');
    utimesSync(f, 1_000_000 + i, 1_000_000 + i); // old-9 is the newest of them
  });
  writeFileSync(join(cache, 'notes.txt'), 'not an entry');
  loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: cache });
  const kept = readdirSync(cache).sort();
  expect(kept).toHaveLength(9);
  expect(kept).toContain('notes.txt');
  expect(kept.filter((n) => n.startsWith('old-'))).toEqual([
    'old-3.json',
    'old-4.json',
    'old-5.json',
    'old-6.json',
    'old-7.json',
    'old-8.json',
    'old-9.json',
  ]);
});

/** The one entry in a cache folder. */
const entryIn = (cache: string) => {
  const entries = readdirSync(cache).filter((n) => n.endsWith('.json'));
  expect(entries).toHaveLength(1);
  return join(cache, entries[0]);
};

test('a hit is read from the entry, not parsed again; an entry of other files is not a hit', ({}, testInfo) => {
  const cache = testInfo.outputPath('cache');
  const env = { CONFORMANCE_CACHE_DIR: cache };
  const parsed = loadCatalogueCached(scenariosDir(), env);
  const entry = entryIn(cache);
  // Named by the catalogue's hash and the parser's: both sha256, the parser's cut to 16 hex digits.
  expect(entry.endsWith(`${parsed.hash}-${entry.slice(-21, -5)}.json`)).toBe(true);
  expect(entry.slice(-21, -5)).toMatch(/^[0-9a-f]{16}$/);
  expect(entry.slice(-21, -5)).not.toBe(createHash('sha256').digest('hex').slice(0, 16)); // it hashed some code
  const marked = JSON.parse(readFileSync(entry, 'utf8')) as { scenarios: { title: string }[] };
  marked.scenarios[0].title = 'served from the cache';
  writeFileSync(entry, JSON.stringify(marked));
  expect(loadCatalogueCached(scenariosDir(), env).scenarios[0].title).toBe('served from the cache');
  // The same entry under another catalogue hash (a file changed since): parsed, not served.
  writeFileSync(entry, JSON.stringify({ ...marked, hash: 'f'.repeat(64) }));
  expect(loadCatalogueCached(scenariosDir(), env).scenarios[0].title).toBe(parsed.scenarios[0].title);
});

test('CONFORMANCE_CACHE_DIR is trimmed (" off " is off); unset or blank means a per-user folder in the temp folder', ({}, testInfo) => {
  const cache = testInfo.outputPath('cache');
  loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: `  ${cache}  ` });
  entryIn(cache);
  const tmp = testInfo.outputPath('tmp');
  mkdirSync(tmp);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp; // os.tmpdir() reads it on each call
  try {
    loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: ' off ' });
    expect(readdirSync(tmp)).toEqual([]);
    for (const env of [{}, { CONFORMANCE_CACHE_DIR: '   ' }]) {
      loadCatalogueCached(scenariosDir(), env);
      expect(readdirSync(tmp)).toEqual([`status-code-conformance-${userInfo().uid}`]);
      entryIn(join(tmp, `status-code-conformance-${userInfo().uid}`));
    }
    expect(statSync(join(tmp, `status-code-conformance-${userInfo().uid}`)).mode & 0o777).toBe(0o700);
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
});

test('a cache folder that is private but owned by someone else is not used', ({}, testInfo) => {
  // Only root can give a folder away; as anyone else, a folder of root's stands in for it.
  const theirs = process.getuid?.() === 0 ? testInfo.outputPath('theirs') : '/root';
  if (process.getuid?.() === 0) {
    mkdirSync(theirs, { mode: 0o700 });
    chownSync(theirs, 4242, 4242);
  }
  const catalogue = loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: theirs });
  expect(catalogue.scenarios.length).toBeGreaterThan(0);
  if (process.getuid?.() === 0) expect(readdirSync(theirs)).toEqual([]);
  // Group-writable alone is enough to refuse it.
  const group = testInfo.outputPath('group');
  mkdirSync(group);
  chmodSync(group, 0o720);
  loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: group });
  expect(readdirSync(group)).toEqual([]);
  const mine = testInfo.outputPath('mine');
  mkdirSync(mine);
  chmodSync(mine, 0o755); // others may read, not write: trusted
  loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: mine });
  entryIn(mine);
});
