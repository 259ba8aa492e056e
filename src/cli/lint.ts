// `conformance lint [files…]`: checks scenario files without running them.
import { resolve } from 'node:path';
import { scenariosDir } from '../support/paths';
import { listYaml, loadCatalogue, loadScenarioFile, type Catalogue } from '../scenario/load';
import { ScenarioFileError, formatProblem, type Problem } from '../scenario/problems';

/** Returns the problems of the given files or folders (the catalogue when none). */
export function lintPaths(paths: string[]): { files: number; problems: Problem[]; catalogue?: Catalogue } {
  if (paths.length === 0) {
    try {
      const catalogue = loadCatalogue(scenariosDir());
      return { files: catalogue.scenarios.length, problems: [], catalogue };
    } catch (e) {
      if (e instanceof ScenarioFileError) return { files: listYaml(scenariosDir()).length, problems: e.problems };
      throw e;
    }
  }
  const problems: Problem[] = [];
  const files = paths.flatMap((p) => {
    try {
      return listYaml(resolve(p));
    } catch {
      problems.push({ file: p, line: 1, column: 1, at: '', message: 'no such file or folder' });
      return [];
    }
  });
  for (const file of files) {
    try {
      loadScenarioFile(file, scenariosDir());
    } catch (e) {
      if (!(e instanceof ScenarioFileError)) throw e;
      problems.push(...e.problems);
    }
  }
  return { files: files.length, problems };
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
  // The hash is the one every report states: a reviewer compares it with a vendor's report.
  process.stdout.write(`${files} scenario file(s) OK${catalogue ? `; scenario set sha256 ${catalogue.hash}` : ''}\n`);
  return 0;
}
