// A YAML file checked against one of our JSON Schemas, with every problem
// pinned to file, line and key. Scenario files and known-deviation files both
// come through here.
import { readFileSync } from 'node:fs';
import type { Document } from 'yaml';
import { validatorFor, type ErrorObject } from './schemas';
import { yaml } from '../support/lazy-modules';
import { closest } from '../support/suggest';
import { Locator, ScenarioFileError, shownPath, type PathPart, type Problem } from './problems';

/**
 * yaml's own guard against "billion laughs" files: aliases may expand to at most this many nodes. Our files need
 * few aliases, if any; a file past it is an attack or a mistake, reported as a problem of that file.
 */
const MAX_ALIAS_COUNT = 100;

/** Parses `absFile` and validates it against `schemas/<schema>.schema.json`; throws ScenarioFileError. */
export function readYamlFile<T>(absFile: string, schema: string): { data: T; locate: Locator; text: string } {
  const file = shownPath(absFile);
  let text: string;
  try {
    text = readFileSync(absFile, 'utf8');
  } catch (e) {
    throw new ScenarioFileError([
      {
        file,
        line: 1,
        column: 1,
        at: '',
        message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      },
    ]);
  }
  const { LineCounter, parseDocument } = yaml();
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
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const { line, col } = lines.linePos(firstAlias(doc));
    const message = /alias count/i.test((e as Error).message)
      ? `YAML aliases expand to more than ${MAX_ALIAS_COUNT} nodes (a "billion laughs" file?): write the values out instead of nesting aliases`
      : `YAML: ${(e as Error).message}`;
    throw new ScenarioFileError([{ file, line, column: col, at: '', message }]);
  }
  const locate = new Locator(file, doc, lines);
  const validate = validatorFor(schema);
  if (!validate(data)) throw new ScenarioFileError(schemaProblems(validate.errors ?? [], locate));
  return { data: data as T, locate, text };
}

/** Where the first alias (`*name`) of a document starts: where a reader starts looking. */
function firstAlias(doc: Document): number {
  const { visit } = yaml();
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** ajv's errors, reduced to the ones a person can act on, pinned to lines. */
export function schemaProblems(errors: ErrorObject[], locate: Locator): Problem[] {
  // oneOf/anyOf parents repeat what their branches say; keep them only when alone.
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'allOf', 'not', 'if'].includes(e.keyword));
  const chosen = specific.length ? specific : errors;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const e of chosen) {
    const path = pointerToPath(e.instancePath);
    const problem =
      e.keyword === 'additionalProperties'
        ? locate.problem(
            path,
            `unknown key "${e.params.additionalProperty}"; ${allowedKeys(e)}`,
            String(e.params.additionalProperty),
          )
        : e.keyword === 'required'
          ? locate.problem(path, `missing required key "${e.params.missingProperty}"`)
          : locate.problem(path, describe(e));
    const key = `${problem.line}:${problem.message}`;
    if (!seen.has(key)) (problems.push(problem), seen.add(key));
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
  if (e.keyword === 'enum')
    return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (found ${JSON.stringify(e.data)})`;
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
