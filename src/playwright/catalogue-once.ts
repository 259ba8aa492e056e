// The run's catalogue in a Playwright process (the runner and each worker): loaded once per process, parsed
// once per run. No Playwright import here: the config reads it too, to choose the number of workers.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogueCached, readHandoff, writeHandoff } from '../scenario/catalogue-cache';
import type { Catalogue } from '../scenario/load';
import { scenariosDir } from '../support/paths';

let catalogue: Catalogue | undefined;

/**
 * The catalogue, loaded once per process (test definitions need it before any fixture exists) and parsed
 * once per run: from the cache the CLI or the Playwright runner left (CONFORMANCE_CATALOGUE_CACHE).
 */
export function catalogueOnce(): Catalogue {
  if (catalogue) return catalogue;
  const root = scenariosDir();
  const cache = process.env.CONFORMANCE_CATALOGUE_CACHE;
  catalogue = (cache ? readHandoff(cache, root) : undefined) ?? loadCatalogueCached(root);
  // The runner defines the tests before it starts a worker; workers inherit its environment.
  if (!cache && process.env.TEST_WORKER_INDEX === undefined) shareWithWorkers(catalogue);
  return catalogue;
}

function shareWithWorkers(loaded: Catalogue): void {
  const file = join(tmpdir(), `conformance-catalogue-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  if (!writeHandoff(file, loaded)) return;
  process.env.CONFORMANCE_CATALOGUE_CACHE = file;
  process.once('exit', () => rmSync(file, { force: true }));
}
