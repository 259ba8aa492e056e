// `npx conformance` runs dist/; in a checkout whose sources changed since the
// last `npm run build`, that is yesterday's code under today's name. A build
// writes a stamp; a TypeScript source newer than it means the build is stale.
// Stat calls only. An installed package without sources is never stale.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Written by `npm run build` once tsc is done: its mtime is when dist/ was last built whole. */
export const BUILD_STAMP = join('dist', '.build-stamp');

/**
 * The folders tsc builds into dist/ (tsconfig.build.json) that the command runs. reporters/ and
 * playwright.config.ts are not among them: Playwright loads them from source, so they cannot be stale.
 */
const SOURCES = ['src', 'reference', 'scripts'];

export interface StaleBuild {
  /** The changed sources, relative to the package root (`src/cli/run.ts`), the last edited first. */
  changed: string[];
}

export function staleBuild(root: string): StaleBuild | undefined {
  if (!existsSync(join(root, 'src'))) return undefined;
  const sources = SOURCES.flatMap((dir) => walk(join(root, dir), (f) => f.endsWith('.ts') && !f.endsWith('.d.ts')));
  if (!sources.length) return undefined;
  const built = builtAt(root);
  const changed = sources
    .map((file) => ({ file, mtime: mtimeOf(file) }))
    .filter((s) => s.mtime > built)
    .sort((a, b) => b.mtime - a.mtime)
    .map((s) => relative(root, s.file));
  return changed.length ? { changed } : undefined;
}

/** The stamp's time; without one (dist/ built by plain tsc), the newest compiled file's. */
function builtAt(root: string): number {
  const stamp = mtimeOf(join(root, BUILD_STAMP));
  if (stamp) return stamp;
  return Math.max(0, ...walk(join(root, 'dist'), (f) => f.endsWith('.js')).map(mtimeOf));
}

/** Why the command will not run from this checkout, if it will not; CONFORMANCE_ALLOW_STALE_BUILD=1 waives it. */
export function staleBuildRefusal(root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (/^(1|true|yes)$/i.test(env.CONFORMANCE_ALLOW_STALE_BUILD ?? '')) return undefined;
  const stale = staleBuild(root);
  return stale && staleBuildMessage(stale);
}

function staleBuildMessage(stale: StaleBuild): string {
  const [first, ...more] = stale.changed;
  const also = more.length ? ` and ${more.length} more` : '';
  return (
    `the build in dist/ is older than its sources (changed: ${first}${also}); run \`npm run build\`` +
    ` (CONFORMANCE_ALLOW_STALE_BUILD=1 runs the old build anyway)`
  );
}

export function writeBuildStamp(root: string): void {
  writeFileSync(join(root, BUILD_STAMP), `${new Date().toISOString()}\n`);
}

/** 0 for a file that is not there. */
function mtimeOf(file: string): number {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

/** Files under `dir` that `keep` accepts, sorted; node_modules and dist are never sources. */
function walk(dir: string, keep: (file: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(path, keep);
      return e.isFile() && keep(path) ? [path] : [];
    });
}
