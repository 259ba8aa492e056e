// One parse per run: the first process of a run that loads the catalogue
// writes it out as JSON, and every later one (the Playwright runner, each
// worker) reads it back instead of parsing and checking every YAML file again.
// A cached catalogue is used only while the files still hash the same (the
// hash covers the suite version); it is a run's scratch file, not shared
// between runs, so a change to the suite's code never meets a stale cache.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { catalogueHash, type Catalogue } from './load';

interface CacheFile {
  format: 1;
  catalogue: Catalogue;
}

export function writeCatalogueCache(file: string, catalogue: Catalogue): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify({ format: 1, catalogue } satisfies CacheFile), { flag: 'wx' });
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** The cached catalogue of `root`, or undefined when there is none, it is unreadable or the files changed. */
export function readCatalogueCache(file: string, root: string): Catalogue | undefined {
  let cached: CacheFile;
  try {
    cached = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
  } catch {
    return undefined;
  }
  if (cached.format !== 1 || cached.catalogue?.root !== root) return undefined;
  return catalogueHash(root) === cached.catalogue.hash ? cached.catalogue : undefined;
}
