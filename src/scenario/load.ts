// Reads scenario files: YAML → schema check (ajv) → semantic checks. Every
// problem names file, line and the key at fault; nothing runs until all pass.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { parseDocument } from 'yaml';
import { validatorFor, type ErrorObject } from '../engine/schemas';
import { closest } from '../suggest';
import { checkScenario } from './lint';
import { LineCounter, Locator, ScenarioFileError, type PathPart, type Problem } from './problems';
import type { Scenario, ScenarioDoc } from './types';

export interface Catalogue {
  root: string;
  scenarios: Scenario[];
  /** sha256 over every file's relative path and bytes: which catalogue ran. */
  hash: string;
}

/** Parses and checks one file. Throws ScenarioFileError listing every problem. */
export function loadScenarioFile(absFile: string, root: string): Scenario {
  const file = relative(process.cwd(), absFile) || absFile;
  const text = readFileSync(absFile, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ScenarioFileError(
      doc.errors.map((e) => {
        const { line, col } = lines.linePos(e.pos[0]);
        return { file, line, column: col, at: '', message: `YAML syntax: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const data = doc.toJS() as unknown;
  const locate = new Locator(file, doc, lines);
  const validate = validatorFor('scenario');
  if (!validate(data)) throw new ScenarioFileError(schemaProblems(validate.errors ?? [], locate));
  const scenario = data as ScenarioDoc;
  const problems = checkScenario(scenario, basename(absFile), locate);
  if (problems.length) throw new ScenarioFileError(problems);
  return { ...scenario, file: relative(root, absFile).split(sep).join('/'), absFile };
}

/** Loads every `*.yaml` below root; all problems of all files are reported together. */
export function loadCatalogue(root: string): Catalogue {
  const files = listYaml(root);
  if (files.length === 0) {
    throw new ScenarioFileError([{ file: root, line: 1, column: 1, at: '', message: 'no scenario files (*.yaml) found here' }]);
  }
  const problems: Problem[] = [];
  const scenarios: Scenario[] = [];
  const hash = createHash('sha256');
  for (const abs of files) {
    hash.update(relative(root, abs).split(sep).join('/')).update('\0').update(readFileSync(abs)).update('\0');
    try {
      scenarios.push(loadScenarioFile(abs, root));
    } catch (e) {
      if (!(e instanceof ScenarioFileError)) throw e;
      problems.push(...e.problems);
    }
  }
  problems.push(...duplicateIds(scenarios));
  if (problems.length) throw new ScenarioFileError(problems);
  return { root, scenarios, hash: hash.digest('hex') };
}

export function listYaml(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((d) => {
      const abs = join(path, d.name);
      if (d.isDirectory()) return listYaml(abs);
      return /\.ya?ml$/.test(d.name) ? [abs] : [];
    });
}

function duplicateIds(scenarios: Scenario[]): Problem[] {
  const seen = new Map<string, Scenario>();
  const problems: Problem[] = [];
  for (const s of scenarios) {
    const first = seen.get(s.id);
    if (first) {
      problems.push({ file: s.file, line: 1, column: 1, at: 'id', message: `id "${s.id}" is already used by ${first.file}; ids must be unique` });
    } else seen.set(s.id, s);
  }
  return problems;
}

/** ajv's errors, reduced to the ones a person can act on, pinned to lines. */
function schemaProblems(errors: ErrorObject[], locate: Locator): Problem[] {
  // oneOf/anyOf parents repeat what their branches say; keep them only when alone.
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'allOf', 'not', 'if'].includes(e.keyword));
  const chosen = specific.length ? specific : errors;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of chosen) {
    const path = pointerToPath(e.instancePath);
    const problem =
      e.keyword === 'additionalProperties'
        ? locate.problem(path, `unknown key "${e.params.additionalProperty}"; ${allowedKeys(e)}`, String(e.params.additionalProperty))
        : e.keyword === 'required'
          ? locate.problem(path, `missing required key "${e.params.missingProperty}"`)
          : locate.problem(path, describe(e));
    const key = `${problem.line}:${problem.message}`;
    if (!seen.has(key)) problems.push(problem), seen.add(key);
  }
  return problems;
}

function allowedKeys(e: ErrorObject): string {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!props) return 'check the spelling';
  const keys = Object.keys(props).filter((k) => k !== '$schema');
  const near = closest(String(e.params.additionalProperty), keys, 2);
  return near.length ? `did you mean "${near[0]}"?` : `allowed here: ${keys.join(', ')}`;
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'enum') return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (found ${JSON.stringify(e.data)})`;
  if (e.keyword === 'pattern') return `${JSON.stringify(e.data)} does not match ${e.params.pattern}`;
  if (e.keyword === 'const') return `must be ${JSON.stringify(e.params.allowedValue)}`;
  return `${e.message ?? 'is invalid'} (found ${JSON.stringify(e.data)})`;
}

function pointerToPath(pointer: string): PathPart[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
