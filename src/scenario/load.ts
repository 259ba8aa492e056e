// Reads scenario files: YAML → schema check (ajv) → semantic checks. Every
// problem names file, line and the key at fault; nothing runs until all pass.
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { TABLE } from '../contract/table';
import { schemasDir, suiteVersion } from '../support/paths';
import { checksOf, checkId, type DeclaredCheck } from './checks';
import { expandScenario } from './expand';
import { FAMILIES_FILE, loadFamilies, type FamilyTable } from './families-file';
import type { ScenarioDoc, ScenarioFileDoc } from './format';
import { checkScenario } from './lint';
import { listYaml } from './list-yaml';
import { ScenarioFileError, pathProblem, shownPath, type Locator, type Problem } from './problems';
import type { Scenario } from './types';
import { validatorFor } from './schemas';
import { readYamlFile, schemaProblems } from './yaml-file';

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

/**
 * Parses and checks one file, and expands it when it is a matrix: one scenario per combination.
 * Throws ScenarioFileError listing every problem of every expansion.
 */
export function loadScenarioFile(absFile: string, root: string, families?: FamilyTable): Scenario[] {
  const { data, locate } = readYamlFile<ScenarioFileDoc>(absFile, 'scenario');
  const table = families ?? loadFamilies(root).table;
  const { expansions, problems: found } = expandScenario(data, table);
  const problems = found.map((p) => locate.problem(p.path, p.message));
  const file = relative(root, absFile).split(sep).join('/');
  const validate = validatorFor('scenario');
  const scenarios: Scenario[] = [];
  for (const x of expansions) {
    const named = (list: Problem[]) => (x.key ? list.map((p) => ({ ...p, message: `[${x.key}] ${p.message}` })) : list);
    // Filled-in templates must make a valid scenario too (a method, a path).
    // (Its id is the file's with the combination added, which the file's id pattern does not cover.)
    if (x.key && !validate({ ...x.doc, id: data.id }))
      problems.push(...named(schemaProblems(validate.errors ?? [], locate)));
    // A template the expansion could not fill in is reported once, by the expansion, not again as "never captured".
    const reported = new Set(
      problems.filter((p) => p.message.startsWith(`[${x.key}] `)).map((p) => `${p.line}:${p.column}`),
    );
    const linted = checkScenario(x.doc, basename(absFile), locate, data.id).filter(
      (p) => !reported.has(`${p.line}:${p.column}`),
    );
    problems.push(...named(linted));
    scenarios.push(scenarioFrom(x.doc, file, absFile, locate));
  }
  if (problems.length) throw new ScenarioFileError(dedupe(problems));
  return scenarios;
}

/** The same problem in many expansions is listed once per expansion, never twice for one. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.message}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** A scenario from its parsed document; without a locator (documents built in code) every line is 0. */
export function scenarioFrom(doc: ScenarioDoc, file: string, absFile: string, locate?: Locator): Scenario {
  return { ...doc, file, absFile, line: locate?.lineOf(['id']) || 1, checks: declaredChecks(doc, locate) };
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
  const hash = hashInputs(inputs);
  let families: FamilyTable | undefined;
  try {
    families = loadFamilies(root).table;
  } catch (e) {
    if (!(e instanceof ScenarioFileError)) throw e;
    problems.push(...e.problems);
  }
  for (const abs of files) {
    try {
      hashFile(hash, root, abs);
      // The family data file is part of the catalogue (and its hash), not a scenario.
      if (abs === join(root, FAMILIES_FILE) || !families) continue;
      scenarios.push(...loadScenarioFile(abs, root, families));
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

/**
 * The catalogue's hash alone, reading every file but parsing none (cheap: a cached catalogue is checked with
 * it). Undefined when the folder has a problem, which only loadCatalogue reports.
 */
export function catalogueHash(root: string, inputs: HashInputs = {}): string | undefined {
  const { files, problems } = listYaml(root);
  if (problems.length || files.length === 0) return undefined;
  const hash = hashInputs(inputs);
  try {
    for (const abs of files) hashFile(hash, root, abs);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** The part of the hash that is not a scenario file: the suite version, the table and every schema. */
function hashInputs(inputs: HashInputs): Hash {
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
  return hash;
}

function hashFile(hash: Hash, root: string, abs: string): void {
  hash.update(relative(root, abs).split(sep).join('/')).update('\0').update(readFileSync(abs)).update('\0');
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
