// `conformance lint [files…]`: checks scenario files without running them.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { scenariosDir } from '../support/paths';
import { FAMILIES_FILE } from '../scenario/families-file';
import { listYaml } from '../scenario/list-yaml';
import { loadCatalogueCached } from '../scenario/catalogue-cache';
import { loadScenarioFile, type Catalogue } from '../scenario/load';
import { ScenarioFileError, formatProblem, pathProblem, shownPath, type Problem } from '../scenario/problems';

/** Returns the problems of the given files or folders (the catalogue when none). */
export function lintPaths(paths: string[]): { files: number; problems: Problem[]; catalogue?: Catalogue } {
  if (paths.length === 0) {
    const missing = missingCatalogue();
    if (missing) return { files: 0, problems: [missing] };
    try {
      const catalogue = loadCatalogueCached(scenariosDir());
      return { files: catalogue.scenarios.length, problems: [], catalogue };
    } catch (e) {
      if (e instanceof ScenarioFileError) return { files: listYaml(scenariosDir()).files.length, problems: e.problems };
      throw e;
    }
  }
  const problems: Problem[] = [];
  const files = paths.flatMap((p) => {
    const listing = listYaml(resolve(p), p);
    problems.push(...listing.problems);
    return listing.files;
  });
  for (const file of files) {
    if (basename(file) === FAMILIES_FILE) continue; // family data, read with the scenarios that use it
    try {
      loadScenarioFile(file, scenariosDir());
    } catch (e) {
      if (!(e instanceof ScenarioFileError)) throw e;
      problems.push(...e.problems);
    }
  }
  return { files: files.length, problems };
}

/** The catalogue's folder, when it is not there: named by the variable that chose it, so the fix is plain. */
function missingCatalogue(): Problem | undefined {
  const dir = scenariosDir();
  if (existsSync(dir)) return undefined;
  return process.env.CONFORMANCE_SCENARIOS
    ? pathProblem(
        `CONFORMANCE_SCENARIOS=${dir}`,
        'no such folder; point it at a folder of scenario files (*.yaml), or unset it for the bundled catalogue',
      )
    : pathProblem(dir, 'no such folder: the bundled catalogue is missing; reinstall the package');
}

export function lintCommand(paths: string[]): number {
  const { files, problems, catalogue } = lintPaths(paths);
  if (problems.length) {
    for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    process.stderr.write(
      `\n${problems.length} problem(s) in scenario files; fix them and run \`conformance lint\` again.\n`,
    );
    return 2;
  }
  process.stdout.write(`${files} scenario file(s) OK\n`);
  // The hash is the one every report states: a reviewer compares it with a vendor's report.
  const installed = catalogue ?? installedCatalogue();
  if (installed) {
    process.stdout.write(
      `catalogue ${shownPath(installed.root)}: ${installed.scenarios.length} scenarios, scenario set sha256 ${installed.hash}\n` +
        `  (covers the suite version, the status-code table, every scenario file and every schema in schemas/)\n`,
    );
  }
  return 0;
}

/** The catalogue a run would use, for its hash; none when it does not load (its problems are for `lint` without files). */
function installedCatalogue(): Catalogue | undefined {
  try {
    return loadCatalogueCached(scenariosDir());
  } catch {
    return undefined;
  }
}
