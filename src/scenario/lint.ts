// Checks the schema cannot express: the id matches the file and the code, every
// variable a request needs is declared in `requires`, templates name values
// that exist, verify steps say what they expect, regular expressions and
// schema references compile.
import { defaultAuth, variablesFor } from '../contract/stores';
import type { ExpectSpec, RequestSpec, ScenarioDoc, Step } from './format';
import type { Locator, PathPart, Problem } from './problems';
import { validatorFor } from './schemas';
import { templateNames } from './template';

const BUILTINS = new Set(['run.prefix', 'run.id', 'i', 'item']);
/** Names that describe the request an expectation judges: only meaningful inside `expect`. */
const REQUEST_BUILTINS = new Set(['request.url', 'request.path', 'request.query', 'store.path']);

type Located = [PathPart[], Step];

/** `baseId`: the id the file itself states (a matrix file's expansions have longer ids). */
export function checkScenario(s: ScenarioDoc, fileName: string, at: Locator, baseId = s.id): Problem[] {
  const problems: Problem[] = [];
  const expectedName = `${baseId}.yaml`;
  if (fileName !== expectedName)
    problems.push(
      at.problem(['id'], `the file must be named ${expectedName} (it is ${fileName}), so an id leads to its file`),
    );
  if (!s.id.startsWith(`${s.code}-`)) problems.push(at.problem(['id'], `id must start with the code "${s.code}-"`));

  const phase = (name: 'setup' | 'verify' | 'cleanup'): Located[] => (s[name] ?? []).map((st, i) => [[name, i], st]);
  const main: Located = [
    [],
    { request: s.request, repeat: s.repeat, collect: s.collect, capture: s.capture, expect: s.expect },
  ];
  const steps: Located[] = [...phase('setup'), main, ...phase('verify'), ...phase('cleanup')];
  const defined = new Set<string>();
  for (const [, st] of steps) {
    if ('request' in st)
      for (const name of [...Object.keys(st.capture ?? {}), ...Object.keys(st.collect ?? {})]) defined.add(name);
  }

  const requires = new Set(s.requires);
  for (const [path, st] of steps) {
    if (!('request' in st)) continue;
    problems.push(...checkRequest(st.request, [...path, 'request'], requires, at));
    if (st.expect) problems.push(...checkExpect(st.expect, [...path, 'expect'], at));
    if (st.forEach && !defined.has(st.forEach))
      problems.push(at.problem([...path, 'forEach'], `"${st.forEach}" is not captured or collected by any step`));
  }
  for (const [path, st] of phase('verify')) {
    if ('request' in st && !st.expect)
      problems.push(
        at.problem(path, 'a verify step counts towards the verdict: say what it expects (expect: { status: … })'),
      );
  }

  for (const { name, path } of templateNames(s)) {
    if (name.startsWith('env.')) {
      if (!requires.has(name.slice(4)))
        problems.push(at.problem(path, `uses \${${name}} but requires does not list ${name.slice(4)}`));
    } else if (REQUEST_BUILTINS.has(name)) {
      if (!path.includes('expect'))
        problems.push(at.problem(path, `\${${name}} describes a judged request: use it inside expect`));
    } else if (!BUILTINS.has(name) && !defined.has(name)) {
      problems.push(
        at.problem(path, `\${${name}} is never captured; captured here: ${[...defined].join(', ') || 'nothing'}`),
      );
    }
  }
  return problems;
}

function checkRequest(r: RequestSpec, path: PathPart[], requires: Set<string>, at: Locator): Problem[] {
  const store = r.store ?? 'main';
  const missing = variablesFor(store, r.auth ?? defaultAuth(store)).filter((v) => !requires.has(v));
  return missing.length
    ? [at.problem(path, `a request to store "${store}" needs ${missing.join(', ')}: add to requires`)]
    : [];
}

function checkExpect(e: ExpectSpec, path: PathPart[], at: Locator): Problem[] {
  const problems: Problem[] = [];
  const regex = (value: string, where: PathPart[]) => {
    try {
      new RegExp(value);
    } catch (err) {
      problems.push(at.problem(where, `not a valid regular expression: ${(err as Error).message}`));
    }
  };
  for (const kind of ['match', 'notMatch'] as const) {
    for (const [name, value] of Object.entries(e.headers?.[kind] ?? {})) regex(value, [...path, 'headers', kind, name]);
  }
  if (e.body && e.body !== 'empty') {
    if (e.body.notMatch) regex(e.body.notMatch, [...path, 'body', 'notMatch']);
    if (e.body.schema !== undefined) {
      try {
        validatorFor(e.body.schema);
      } catch (err) {
        problems.push(at.problem([...path, 'body', 'schema'], (err as Error).message));
      }
    }
  }
  return problems;
}
