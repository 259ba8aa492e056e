// Known-deviation files: where a target is known to answer against the table
// (e.g. production's POST → 200, not 201). This reads and checks the file;
// src/engine/outcome.ts decides what an entry means for a run.
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import { closest } from '../support/suggest';
import type { Catalogue } from './load';
import { ScenarioFileError, type Problem } from './problems';
import { readYamlFile } from './yaml-file';

export interface Deviation {
  scenario: string;
  status: number;
  reason: string;
}

export interface DeviationSet {
  file: string;
  sha256: string;
  byScenario: ReadonlyMap<string, Deviation>;
}

/** Reads and checks a known-deviation file against the catalogue; throws ScenarioFileError (file, line, key). */
export function loadDeviations(absFile: string, catalogue: Catalogue): DeviationSet {
  const { data, locate, text } = readYamlFile<{ deviations: Deviation[] }>(absFile, 'deviations');
  const ids = catalogue.scenarios.map((s) => s.id);
  const byScenario = new Map<string, Deviation>();
  const problems: Problem[] = [];
  data.deviations.forEach((d, i) => {
    const at = ['deviations', i, 'scenario'];
    const scenario = catalogue.scenarios.find((s) => s.id === d.scenario);
    if (!scenario) {
      const near = closest(d.scenario, ids, 4);
      problems.push(
        locate.problem(
          at,
          `no scenario "${d.scenario}" in the catalogue${near.length ? `; did you mean "${near[0]}"?` : ''}`,
        ),
      );
    } else if (scenario.expect.status === d.status) {
      problems.push(
        locate.problem(['deviations', i, 'status'], `${d.status} is what ${d.scenario} expects: that is no deviation`),
      );
    }
    if (byScenario.has(d.scenario)) problems.push(locate.problem(at, `"${d.scenario}" is listed twice`));
    byScenario.set(d.scenario, d);
  });
  if (problems.length) throw new ScenarioFileError(problems);
  return {
    file: relative(process.cwd(), absFile) || absFile,
    sha256: createHash('sha256').update(text).digest('hex'),
    byScenario,
  };
}
