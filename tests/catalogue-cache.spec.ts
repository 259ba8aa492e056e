// The catalogue cache: a hit gives exactly what parsing gives, any edit to a
// scenario file is a miss, a folder others could write to is never trusted,
// and `off` turns it off. The run's hand-off is checked against the files too.
import { test, expect } from '@playwright/test';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
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
  const off = testInfo.outputPath('off');
  loadCatalogueCached(scenariosDir(), { CONFORMANCE_CACHE_DIR: 'off' });
  expect(existsSync(off)).toBe(false);
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
