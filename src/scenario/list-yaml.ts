// Finds the scenario files (*.yaml, *.yml) below a folder. Symlinks are
// followed, as a user linking a shared folder in expects; a loop, a folder
// named like a file or an unreadable entry is a problem naming its path,
// never a crash and never a silent skip.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathProblem, shownPath, type Problem } from './problems';

const YAML_NAME = /\.ya?ml$/;

export interface YamlListing {
  /** Absolute paths, in a stable order (the scenario-set hash depends on it). */
  files: string[];
  problems: Problem[];
}

/** A file is listed as it is, whatever its name; a folder is walked. `shownAs` names `path` in problems. */
export function listYaml(path: string, shownAs = shownPath(path)): YamlListing {
  const files: string[] = [];
  const problems: Problem[] = [];
  const stat = statOrProblem(path, shownAs, problems, 'no such file or folder');
  if (stat?.isFile()) files.push(path);
  else if (stat?.isDirectory()) walk(path, [], new Map(), files, problems);
  else if (stat) problems.push(pathProblem(shownAs, 'is neither a file nor a folder'));
  return { files, problems };
}

/** `chain`: the real paths of the folders above `dir`; `seen`: every folder read so far, by real path. */
function walk(dir: string, chain: string[], seen: Map<string, string>, files: string[], problems: Problem[]): void {
  let real: string;
  let names: string[];
  try {
    real = realpathSync(dir);
    names = readdirSync(dir).sort((a, b) => a.localeCompare(b));
  } catch (e) {
    problems.push(pathProblem(shownPath(dir), `cannot read this folder (${codeOf(e)})`));
    return;
  }
  const first = seen.get(real);
  if (first !== undefined) {
    problems.push(
      pathProblem(
        shownPath(dir),
        chain.includes(real)
          ? `symlink loop: this leads back to ${shownPath(first)}; remove the link`
          : `the same folder as ${shownPath(first)} (through a symlink): its scenarios would count twice; remove one link`,
      ),
    );
    return;
  }
  seen.set(real, dir);
  for (const name of names) {
    const abs = join(dir, name);
    // Listed by readdir yet missing: a symlink to nothing, which matters only where a scenario file was meant.
    const missing = YAML_NAME.test(name)
      ? 'a symlink to nothing: point it at the scenario file, or remove it'
      : undefined;
    const stat = statOrProblem(abs, shownPath(abs), problems, missing);
    if (!stat) continue;
    if (stat.isDirectory()) {
      // Often a bind mount of a file that did not exist (Docker creates a folder in its place).
      if (YAML_NAME.test(name))
        problems.push(
          pathProblem(shownPath(abs), 'is a folder, not a scenario file: replace it with the file, or rename it'),
        );
      else walk(abs, [...chain, real], seen, files, problems);
    } else if (YAML_NAME.test(name)) {
      if (stat.isFile()) files.push(abs);
      else problems.push(pathProblem(shownPath(abs), 'is not a regular file (a pipe, socket or device?)'));
    }
  }
}

/** stat, following symlinks; a failure becomes a problem (a missing path only when `missing` says what to tell). */
function statOrProblem(path: string, shown: string, problems: Problem[], missing: string | undefined) {
  try {
    return statSync(path);
  } catch (e) {
    const code = codeOf(e);
    if (code === 'ELOOP')
      problems.push(pathProblem(shown, 'symlink loop: following this link leads back to it; fix or remove the link'));
    else if (code !== 'ENOENT') problems.push(pathProblem(shown, `cannot read (${code})`));
    else if (missing) problems.push(pathProblem(shown, missing));
    return undefined;
  }
}

function codeOf(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}
