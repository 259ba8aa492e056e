// Known-deviation files: where a target is known to answer against the table
// (e.g. production's POST → 200, not 201). A failure that matches an entry,
// same scenario and same status, is reported as a known deviation; any other
// failure still fails. Entries that no longer deviate are reported as stale.
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import type { Verdict } from '../engine/verdict';
import type { DeviationNote } from '../report/model';
import { closest } from '../suggest';
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

/**
 * What a known-deviation entry says about one verdict: a match (the main
 * request failed with exactly the listed status, and nothing else failed), a
 * stale entry (the scenario passed), or nothing (any other failure stays one).
 */
export function deviationFor(verdict: Verdict, listed: Deviation | undefined): DeviationNote | undefined {
  if (!listed) return undefined;
  const note = { status: listed.status, reason: listed.reason };
  if (verdict.status === 'passed') return { ...note, stale: true };
  const matches =
    verdict.status === 'failed' &&
    verdict.actual?.status === listed.status &&
    verdict.failures.every((f) => f.check === 'status' && f.step === 'request');
  return matches ? note : undefined;
}
