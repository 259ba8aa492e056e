// What a scenario asks of a response, one check per YAML key that asks for
// it: `expect.status`, `expect.body.schema`, `verify[1].expect.status`, …
// The loader lists them with their lines; the engine judges exactly this list,
// so a check that never ran shows as not run instead of passing silently.
import type { ExpectSpec, StatusExpect } from './format';
import { dotted, type PathPart } from './problems';

export type CheckKind = 'status' | 'header' | 'location' | 'body' | 'schema' | 'bodyStatus';
export type AlsoAccept = ReadonlyArray<'empty' | 'text'>;

interface Base {
  /** Key path of the YAML key that asks for the check. */
  path: PathPart[];
}

export type Check = Base &
  (
    | { kind: 'status'; expected: StatusExpect }
    | { kind: 'header'; op: 'present' | 'absent'; name: string }
    | { kind: 'header'; op: 'match' | 'notMatch'; name: string; pattern: string }
    | { kind: 'location'; part: 'url' | 'scheme' | 'hostOf' | 'path' | 'query'; value: string }
    | { kind: 'body'; op: 'empty' }
    | { kind: 'body'; op: 'notMatch'; pattern: string }
    | { kind: 'body'; op: 'equals'; pointer: string; value: unknown; accept: AlsoAccept }
    | { kind: 'schema'; schema: string | object; accept: AlsoAccept }
    | { kind: 'bodyStatus'; accept: AlsoAccept }
  );

/** A check as a loaded scenario lists it: where it is asked for. */
export interface DeclaredCheck {
  at: string;
  line: number;
  kind: CheckKind;
}

/** The checks of one expectation, in a fixed order: status, headers, location, body. */
export function checksOf(e: ExpectSpec, base: PathPart[]): Check[] {
  const out: Check[] = [];
  if (e.status !== undefined) out.push({ kind: 'status', path: [...base, 'status'], expected: e.status });
  const h = e.headers;
  for (const op of ['present', 'absent'] as const) {
    h?.[op]?.forEach((name, i) => out.push({ kind: 'header', op, name, path: [...base, 'headers', op, i] }));
  }
  for (const op of ['match', 'notMatch'] as const) {
    for (const [name, pattern] of Object.entries(h?.[op] ?? {})) {
      out.push({ kind: 'header', op, name, pattern, path: [...base, 'headers', op, name] });
    }
  }
  const loc = e.location;
  if (typeof loc === 'string') out.push({ kind: 'location', part: 'url', value: loc, path: [...base, 'location'] });
  else if (loc) {
    for (const part of ['scheme', 'hostOf', 'path', 'query'] as const) {
      const value = loc[part];
      if (value !== undefined) out.push({ kind: 'location', part, value, path: [...base, 'location', part] });
    }
  }
  const b = e.body;
  if (b === 'empty') out.push({ kind: 'body', op: 'empty', path: [...base, 'body'] });
  else if (b) {
    // A template here is filled in by expansion; what reaches a run is a list.
    const accept = Array.isArray(b.alsoAccept) ? b.alsoAccept : [];
    const at = (...p: PathPart[]) => [...base, 'body', ...p];
    if (b.notMatch !== undefined) out.push({ kind: 'body', op: 'notMatch', pattern: b.notMatch, path: at('notMatch') });
    if (b.schema !== undefined) out.push({ kind: 'schema', schema: b.schema, accept, path: at('schema') });
    if (b.statusMatches) out.push({ kind: 'bodyStatus', accept, path: at('statusMatches') });
    for (const [pointer, value] of Object.entries(b.equals ?? {})) {
      out.push({ kind: 'body', op: 'equals', pointer, value, accept, path: at('equals', pointer) });
    }
  }
  return out;
}

export const checkId = (c: Check): string => dotted(c.path);
