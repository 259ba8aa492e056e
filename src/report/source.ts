// Where a report's scenario files are, so that every failure can name the
// file and line a reader opens: the scenario folder relative to the
// repository (GITHUB_WORKSPACE in GitHub Actions, else the working folder),
// and, in GitHub Actions, the web address of that folder at the commit that
// ran. A folder outside the repository is not named: the report would carry a
// path of the machine that ran it and nothing a reader can open.
import { isAbsolute, relative, sep } from 'node:path';
import type { SourceRef } from './model';

export function sourceOf(scenariosDir: string, env: NodeJS.ProcessEnv, cwd = process.cwd()): SourceRef | undefined {
  const root = relative(env.GITHUB_WORKSPACE || cwd, scenariosDir)
    .split(sep)
    .join('/');
  if (!root || root.startsWith('..') || isAbsolute(root)) return undefined;
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  const browsable = server?.startsWith('https://') && repo && sha && !root.split('/').includes('node_modules');
  return { root, ...(browsable ? { url: `${server}/${repo}/blob/${sha}/${root}` } : {}) };
}

/** A scenario file as the repository names it (as the report names it, without a source). */
export const sourcePath = (source: SourceRef | undefined, file: string): string =>
  source ? `${source.root}/${file}` : file;
