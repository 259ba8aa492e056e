// What a matrix scenario knows of each resource family: the contract's facts
// (src/contract/families.ts: API, paths) joined with the catalogue's bodies
// (families.yaml beside the scenarios: how to create, change and half-create
// one), and the steps that create and delete one, derived from both.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES, type Family, type FamilyName } from '../contract/families';
import { scenariosDirDefault } from '../support/paths';
import type { FamiliesDoc, FRAGMENTS, Step } from './format';
import { readYamlFile } from './yaml-file';

export const FAMILIES_FILE = 'families.yaml';

/** `${family.*}` of one family. */
export interface FamilyVars {
  name: FamilyName;
  api: 'v2' | 'v3';
  /** Collection path; nested families hold `${parentId}`. */
  collection: string;
  /** Item path, with `${id}` (and `${parentId}`). */
  item: string;
  /** Where a created object's id is in the answer: /data/id (V3) or /id (V2). */
  idPointer: string;
  /** The error-body schema of the family's API. */
  errorSchema: 'error-v3' | 'error-v2';
  paged: boolean;
  /** The collection with a parent id that need not exist: for stores that answer any request alike (500, 503). */
  anyCollection: string;
  /** The deprecated `/v1` path of a V2 collection (302). */
  v1Collection?: string;
  /** Success-body schemas: a list, one object, a created object. */
  listSchema: string;
  itemSchema: string;
  createdSchema: string;
  /** What a 401 may carry besides a JSON error: plain text is documented on catalog paths only. */
  unauthorizedAccept: string[];
  createBody: unknown;
  /** The bodies as JSON text, for raw `body:` requests (no Content-Type, text/plain). */
  createBodyJson: string;
  updateBodyJson: string;
  updateBody: unknown;
  incompleteBody: unknown;
  unique?: string;
  /** The steps `use:` names. */
  steps: Record<(typeof FRAGMENTS)[number], Step[]>;
}

export type FamilyTable = ReadonlyMap<FamilyName, FamilyVars>;

/** The catalogue's families.yaml, else the bundled one: a catalogue of plain scenarios needs none of its own. */
export function loadFamilies(root: string): { table: FamilyTable; file: string } {
  const own = join(root, FAMILIES_FILE);
  const file = existsSync(own) ? own : join(scenariosDirDefault(), FAMILIES_FILE);
  const { data } = readYamlFile<FamiliesDoc>(file, 'families');
  const facts = new Map(FAMILIES.map((f) => [f.name, f]));
  const table = new Map<FamilyName, FamilyVars>();
  for (const f of FAMILIES) table.set(f.name, varsOf(f, data, facts));
  return { table, file };
}

function varsOf(f: Family, data: FamiliesDoc, facts: Map<FamilyName, Family>): FamilyVars {
  const d = data[f.name];
  const idPointer = f.api === 'v3' ? '/data/id' : '/id';
  const collection = f.collection.replace('{parent}', '${parentId}');
  const item = `${collection}/\${id}`;
  const parent = f.parent ? facts.get(f.parent)! : undefined;
  const parentSteps: Step[] = parent
    ? [
        {
          name: `create the parent (${parent.name})`,
          request: { method: 'POST', path: parent.collection, json: data[parent.name].createBody },
          capture: { parentId: { body: parent.api === 'v3' ? '/data/id' : '/id' } },
        },
      ]
    : [];
  // Deleting the object leaves its parent; clean-up deletes the parent after it (`deleteParent`).
  const deleteParent: Step[] = parent
    ? [
        {
          name: `delete the parent (${parent.name})`,
          request: { method: 'DELETE', path: `${parent.collection}/\${parentId}` },
        },
      ]
    : [];
  return {
    name: f.name,
    api: f.api,
    collection,
    item,
    idPointer,
    errorSchema: f.api === 'v3' ? 'error-v3' : 'error-v2',
    paged: f.paged,
    anyCollection: f.collection.replace('{parent}', '1'),
    ...(f.api === 'v2' ? { v1Collection: f.collection.replace(/^\/v2\//, '/v1/') } : {}),
    listSchema: f.api === 'v3' ? 'v3-list' : 'v2-list',
    itemSchema: f.api === 'v3' ? 'v3-object' : 'v2-object',
    createdSchema: f.api === 'v3' ? 'v3-created' : 'v2-object',
    unauthorizedAccept: f.collection.startsWith('/v3/catalog/') ? ['empty', 'text'] : ['empty'],
    createBody: d.createBody,
    createBodyJson: JSON.stringify(d.createBody),
    updateBodyJson: JSON.stringify(d.updateBody),
    updateBody: d.updateBody,
    incompleteBody: d.incompleteBody,
    ...(d.unique ? { unique: d.unique } : {}),
    steps: {
      parent: parentSteps,
      create: [
        ...parentSteps,
        {
          name: `create one (${f.name})`,
          request: { method: 'POST', path: collection, json: d.createBody },
          capture: { id: { body: idPointer } },
        },
      ],
      delete: [{ name: `delete it (${f.name})`, request: { method: 'DELETE', path: item } }],
      deleteParent,
    },
  };
}
