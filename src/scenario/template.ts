// `${name}` templates in scenario values. A string that is exactly one
// template keeps the value's type (a captured id stays a number in a JSON body).
import type { PathPart } from './problems';

const TEMPLATE = /\$\{([^}]+)\}/g;
const WHOLE = /^\$\{([^}]+)\}$/;

export type Lookup = (name: string) => unknown;

/** A template that cannot become a value (a count that is no number). */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** A captured name without a value: the step that would capture it never succeeded, so nothing was created. */
export class UnboundValue extends TemplateError {
  override name = 'UnboundValue';
}

/** A profile variable the request needs is absent: a profile problem, never skipped. */
export class ProfileVariableMissing extends Error {
  override name = 'ProfileVariableMissing';
  constructor(readonly variable: string) {
    super(`${variable} is not set in the target profile`);
  }
}

export function interpolate<T>(value: T, lookup: Lookup): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return resolve(whole[1].trim(), lookup) as T;
    return value.replace(TEMPLATE, (_, name: string) => String(resolve(name.trim(), lookup))) as T;
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, lookup)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, lookup)])) as T;
  }
  return value;
}

function resolve(name: string, lookup: Lookup): unknown {
  const v = lookup(name);
  if (v !== undefined) return v;
  if (name.startsWith('env.')) throw new ProfileVariableMissing(name.slice(4));
  throw new UnboundValue(`\${${name}} has no value`);
}

/** A count such as `${env.TARGET_CATEGORY_LIMIT}+1`: whole numbers joined by + and -. */
export function evalCount(value: number | string, lookup: Lookup): number {
  const text = String(interpolate(value, lookup)).replace(/\s+/g, '');
  if (!/^-?\d+([+-]\d+)*$/.test(text)) throw new TemplateError(`"${value}" is not a whole number (became "${text}")`);
  return text.match(/[+-]?\d+/g)!.reduce((sum, n) => sum + Number(n), 0);
}

/** Every template name used anywhere in a value, with its key path. */
export function templateNames(value: unknown, path: PathPart[] = []): Array<{ name: string; path: PathPart[] }> {
  if (typeof value === 'string') return [...value.matchAll(TEMPLATE)].map((m) => ({ name: m[1].trim(), path }));
  if (Array.isArray(value)) return value.flatMap((v, i) => templateNames(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => templateNames(v, [...path, k]));
  return [];
}

/** A variable an axis value leaves out: the key holding exactly `${axis.key}` is dropped (an optional part). */
export const OMIT: unique symbol = Symbol('omit');

/**
 * Fills in the templates whose names a matrix expansion knows (`${family.item}`, `${op.method}`,
 * `${scenario.id}`) and leaves every other one (`${run.prefix}`, `${id}`) for the run. A name in a known
 * namespace that has no value is reported through `unknown`, with its key path.
 */
export function substituteStatic(
  value: unknown,
  vars: ReadonlyMap<string, unknown>,
  namespaces: readonly string[],
  unknown: (name: string, path: PathPart[]) => void,
  path: PathPart[] = [],
): unknown {
  const known = (name: string) => namespaces.some((ns) => name === ns || name.startsWith(`${ns}.`));
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && known(whole[1].trim())) {
      const name = whole[1].trim();
      if (!vars.has(name)) {
        unknown(name, path);
        return value; // left as written, so it is reported again wherever it is looked at
      }
      return vars.get(name);
    }
    return value.replace(TEMPLATE, (all, raw: string) => {
      const name = raw.trim();
      if (!known(name)) return all;
      if (!vars.has(name)) {
        unknown(name, path);
        return all;
      }
      const v = vars.get(name);
      if (v === OMIT) {
        unknown(name, path);
        return all;
      }
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(value))
    return value.map((v, i) => substituteStatic(v, vars, namespaces, unknown, [...path, i])).filter((v) => v !== OMIT);
  if (value && typeof value === 'object') {
    // Keys too (`equals: { "${family.idPointer}": … }`), as text.
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [
          substituteStatic(k, vars, namespaces, unknown, path) as string,
          substituteStatic(v, vars, namespaces, unknown, [...path, k]),
        ])
        .filter(([, v]) => v !== OMIT),
    );
  }
  return value;
}
