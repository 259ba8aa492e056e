// The catalogue cache: a hit gives exactly what parsing gives, any edit to a
// scenario file is a miss, a folder others could write to is never trusted,
// and `off` turns it off. The run's hand-off is checked against the files too.
import { test, expect } from '@playwright/test';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
