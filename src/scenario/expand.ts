// A scenario file may be a matrix: `each` names axes (the resource families,
// and any others such as the method), and the file stands for one scenario
// per combination, id `<id>.<family>.<value>`, with `${family.*}` and
// `${<axis>.*}` filled in and `use:` steps replaced by the family's own.
// Expansions are plain scenarios from then on; problems name the expansion.
import type { FamilyName } from '../contract/families';
import type { ScenarioDoc, ScenarioFileDoc, Step, UseStepSpec } from './format';
import type { FamilyTable, FamilyVars } from './families-file';
import type { PathPart } from './problems';
import { OMIT, substituteStatic } from './template';

export interface Expansion {
  /** The combination, e.g. `brands.post`; empty for a file that is no matrix. */
  key: string;
  doc: ScenarioDoc;
}

export interface ExpansionProblem {
  path: PathPart[];
  message: string;
}

interface AxisValue {
  name: string;
  vars: Record<string, unknown>;
}

export function expandScenario(
  raw: ScenarioFileDoc,
  families: FamilyTable,
): { expansions: Expansion[]; problems: ExpansionProblem[] } {
  const { each, ids, ...rest } = raw;
  const problems: ExpansionProblem[] = [];
  if (!each) {
    const doc = spliceUses(rest, undefined, (path, message) => problems.push({ path, message }));
    return { expansions: [{ key: '', doc }], problems };
  }
  const axes = Object.entries(each).map(([axis, values]) => ({ axis, values: axisValues(axis, values, families) }));
  const combos = axes.reduce<AxisValue[][]>(
    (acc, { values }) => acc.flatMap((c) => values.map((v) => [...c, v])),
    [[]],
  );
  const expansions: Expansion[] = [];
  const keys = new Set<string>();
  for (const combo of combos) {
    const key = combo.map((v) => v.name).join('.');
    keys.add(key);
    const id = ids?.[key] ?? `${raw.id}.${key}`;
    const vars = new Map<string, unknown>([['scenario.id', id]]);
    let family: FamilyVars | undefined;
    axes.forEach(({ axis, values }, i) => {
      // A key some values of the axis bring and this one does not: the part using it is left out.
      for (const k of new Set(values.flatMap((v) => Object.keys(v.vars)))) vars.set(`${axis}.${k}`, OMIT);
      vars.set(`${axis}.name`, combo[i].name);
      for (const [k, v] of Object.entries(combo[i].vars)) vars.set(`${axis}.${k}`, v);
      if (axis === 'family') family = families.get(combo[i].name as FamilyName);
    });
    const report = (path: PathPart[], message: string) => problems.push({ path, message: `[${key}] ${message}` });
    const spliced = spliceUses(rest, family, report);
    const namespaces = ['scenario', ...axes.map((a) => a.axis)];
    const unknown = (name: string, path: PathPart[]) =>
      report(
        path,
        `\${${name}} has no value in this expansion (known: ${[...vars.keys()].filter((k) => k.startsWith(name.split('.')[0])).join(', ')})`,
      );
    // Axis values may themselves hold `${family.*}` (op.path: "${family.item}"): fill in until none is left.
    let doc = spliced as unknown;
    for (let pass = 0; pass < 3; pass++)
      doc = substituteStatic(doc, vars, namespaces, pass === 2 ? unknown : () => undefined);
    const operation = combo
      .filter((_, i) => axes[i].axis !== 'family')
      .map((v) => v.name)
      .join('.');
    expansions.push({
      key,
      doc: {
        ...(doc as ScenarioDoc),
        id,
        ...(family ? { resource: family.name } : {}),
        ...(operation ? { operation } : {}),
      },
    });
  }
  for (const key of Object.keys(ids ?? {})) {
    if (!keys.has(key))
      problems.push({ path: ['ids', key], message: `no expansion "${key}" (expansions: ${[...keys].join(', ')})` });
  }
  return { expansions, problems };
}

function axisValues(axis: string, values: unknown, families: FamilyTable): AxisValue[] {
  if (axis === 'family') {
    return (values as FamilyName[]).map((name) => ({ name, vars: familyVars(families.get(name)!) }));
  }
  if (Array.isArray(values)) return values.map((name: string) => ({ name, vars: {} }));
  return Object.entries(values as Record<string, Record<string, unknown>>).map(([name, vars]) => ({ name, vars }));
}

/** `${family.*}`: every fact but the steps, which `use:` brings. */
function familyVars(f: FamilyVars): Record<string, unknown> {
  const { steps: _steps, ...vars } = f;
  return vars;
}

/** Set-up and clean-up `use:` steps become the family's own steps; without a family axis there are none. */
function spliceUses(
  doc: Omit<ScenarioFileDoc, 'each' | 'ids'>,
  family: FamilyVars | undefined,
  report: (path: PathPart[], message: string) => void,
): ScenarioDoc {
  const splice = (phase: 'setup' | 'cleanup') =>
    doc[phase]?.flatMap((step, i): Step[] => {
      if (!('use' in step)) return [step];
      if (!family) {
        report([phase, i, 'use'], "`use` names a family's steps: the file needs `each: { family: [...] }`");
        return [];
      }
      return family.steps[(step as UseStepSpec).use];
    });
  const setup = splice('setup');
  const cleanup = splice('cleanup');
  return { ...doc, ...(setup ? { setup } : {}), ...(cleanup ? { cleanup } : {}) } as ScenarioDoc;
}
