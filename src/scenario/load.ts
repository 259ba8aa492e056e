// Reads scenario files: YAML → schema check (ajv) → semantic checks. Every
// problem names file, line and the key at fault; nothing runs until all pass.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { TABLE } from '../contract/table';
import { schemasDir, suiteVersion } from '../support/paths';
import { checksOf, checkId, type DeclaredCheck } from './checks';
import type { ScenarioDoc } from './format';
import { checkScenario } from './lint';
import { listYaml } from './list-yaml';
import { ScenarioFileError, pathProblem, shownPath, type Locator, type Problem } from './problems';
import type { Scenario } from './types';
import { readYamlFile } from './yaml-file';

export interface Catalogue {
  root: string;
  scenarios: Scenario[];
  /**
   * sha256 over every input that decides a verdict: the suite version, the status-code table, every
   * scenario file (relative path and bytes, inline schemas included) and every schema file in schemas/.
   */
  hash: string;
}

export interface HashInputs {
  /** Default: the suite's schemas/ folder. */
  schemasDir?: string;
  /** Default: the suite's version. */
  version?: string;
}

/** Parses and checks one file. Throws ScenarioFileError listing every problem. */
export function loadScenarioFile(absFile: string, root: string): Scenario {
  const { data, locate } = readYamlFile<ScenarioDoc>(absFile, 'scenario');
  const problems = checkScenario(data, basename(absFile), locate);
  if (problems.length) throw new ScenarioFileError(problems);
  return scenarioFrom(data, relative(root, absFile).split(sep).join('/'), absFile, locate);
}

/** A scenario from its parsed document; without a locator (documents built in code) every line is 0. */
export function scenarioFrom(doc: ScenarioDoc, file: string, absFile: string, locate?: Locator): Scenario {
  return { ...doc, file, absFile, checks: declaredChecks(doc, locate) };
}

/** The checks of the main request and of every verify step, each with the line of its key. */
function declaredChecks(s: ScenarioDoc, locate?: Locator): DeclaredCheck[] {
  const checks = [
    ...checksOf(s.expect, ['expect']),
    ...(s.verify ?? []).flatMap((st, i) =>
      'request' in st && st.expect ? checksOf(st.expect, ['verify', i, 'expect']) : [],
    ),
  ];
  return checks.map((c) => ({ at: checkId(c), line: locate?.lineOf(c.path) ?? 0, kind: c.kind }));
}

/** Loads every `*.yaml` below root; all problems of all files (and of the folder walk) are reported together. */
export function loadCatalogue(root: string, inputs: HashInputs = {}): Catalogue {
  const { files, problems } = listYaml(root);
  if (files.length === 0 && problems.length === 0) {
    throw new ScenarioFileError([pathProblem(shownPath(root), 'no scenario files (*.yaml) found here')]);
  }
  const scenarios: Scenario[] = [];
  const hash = createHash('sha256');
  hash.update(`suite ${inputs.version ?? suiteVersion()}\0table ${JSON.stringify(TABLE)}\0`);
  const schemas = inputs.schemasDir ?? schemasDir();
  for (const name of readdirSync(schemas)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    hash
      .update(`schemas/${name}`)
      .update('\0')
      .update(readFileSync(join(schemas, name)))
      .update('\0');
  }
  for (const abs of files) {
    try {
      hash.update(relative(root, abs).split(sep).join('/')).update('\0').update(readFileSync(abs)).update('\0');
      scenarios.push(loadScenarioFile(abs, root));
    } catch (e) {
      if (e instanceof ScenarioFileError) problems.push(...e.problems);
      else if ((e as NodeJS.ErrnoException).code)
        problems.push(pathProblem(shownPath(abs), `cannot read (${(e as NodeJS.ErrnoException).code})`));
      else throw e;
    }
  }
  problems.push(...duplicateIds(scenarios));
  if (problems.length) throw new ScenarioFileError(problems);
  return { root, scenarios, hash: hash.digest('hex') };
}

function duplicateIds(scenarios: Scenario[]): Problem[] {
  const seen = new Map<string, Scenario>();
  const problems: Problem[] = [];
  for (const s of scenarios) {
    const first = seen.get(s.id);
    if (first) {
      problems.push({
        file: s.file,
        line: 1,
        column: 1,
        at: 'id',
        message: `id "${s.id}" is already used by ${first.file}; ids must be unique`,
      });
    } else seen.set(s.id, s);
  }
  return problems;
}
