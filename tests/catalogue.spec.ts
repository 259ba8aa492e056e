// The catalogue as a whole: ids are pinned (reports and known-deviation files
// refer to them), every row of the table is covered, every scenario cites its
// source and is applicable against the reference profile's variable names.
import { test, expect } from '@playwright/test';
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenariosDir, schemasDir } from '../src/support/paths';
import { loadCatalogue } from '../src/scenario/load';
import { TABLE, classOf } from '../src/contract/table';
import { KNOWN_VARIABLES } from '../src/contract/stores';

const catalogue = loadCatalogue(scenariosDir());

test('every row of the status-code table has a scenario', () => {
  const covered = new Set(catalogue.scenarios.map((s) => s.code));
  expect(TABLE.filter((r) => !covered.has(r.code)).map((r) => r.code)).toEqual([]);
  expect(TABLE).toHaveLength(22);
});

test('rows with several documented causes have a scenario for each', () => {
  const count = (code: number) => catalogue.scenarios.filter((s) => s.code === code).length;
  expect(count(400)).toBeGreaterThanOrEqual(3);
  expect(count(401)).toBeGreaterThanOrEqual(2);
  expect(count(403)).toBeGreaterThanOrEqual(2);
  expect(count(415)).toBeGreaterThanOrEqual(2);
  expect(count(304)).toBeGreaterThanOrEqual(2);
});

test('scenarios live in their class folder and cite the table or RFC 9110', () => {
  for (const s of catalogue.scenarios) {
    expect(s.file.startsWith(`${classOf(s.code)}/`), s.id).toBe(true);
    expect(s.doc, s.id).toMatch(/status-codes\.md|RFC 9110/);
  }
});

test('every file names the scenario schema for editors (yaml-language-server)', () => {
  for (const s of catalogue.scenarios) {
    expect(readFileSync(s.absFile, 'utf8').split('\n')[0], s.file).toBe(
      '# yaml-language-server: $schema=../../schemas/scenario.schema.json',
    );
  }
});

test('scenarios only require variables the contract names', () => {
  for (const s of catalogue.scenarios) {
    for (const v of s.requires) expect(KNOWN_VARIABLES as readonly string[], `${s.id} requires ${v}`).toContain(v);
  }
});

test('the catalogue hash changes with any file, its content or its name', ({}, testInfo) => {
  const copy = testInfo.outputPath('catalogue');
  cpSync(scenariosDir(), copy, { recursive: true });
  const hash = () => loadCatalogue(copy).hash;
  const original = hash();
  expect(original).toMatch(/^[0-9a-f]{64}$/);
  expect(original).toBe(catalogue.hash); // the same files give the same hash
  const file = join(copy, '4xx', '404-missing-id.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('level: must', 'level: should'));
  expect(hash()).not.toBe(original);
  writeFileSync(file, `${text}# a comment changes the bytes too\n`);
  expect(hash()).not.toBe(original);
  writeFileSync(file, text);
  expect(hash()).toBe(original);
  mkdirSync(join(copy, 'more'));
  renameSync(file, join(copy, 'more', '404-missing-id.yaml'));
  expect(hash()).not.toBe(original);
});

test('the catalogue hash covers every schema (named or inline), the table and the suite version', ({}, testInfo) => {
  const schemas = testInfo.outputPath('schemas');
  cpSync(schemasDir(), schemas, { recursive: true });
  const hash = (version?: string) =>
    loadCatalogue(scenariosDir(), { schemasDir: schemas, ...(version ? { version } : {}) }).hash;
  const original = hash();
  expect(original).toBe(catalogue.hash);
  // A named schema: emptying the V2 error schema would let broken V2 error bodies pass.
  const v2 = join(schemas, 'error-v2.schema.json');
  const text = readFileSync(v2, 'utf8');
  writeFileSync(v2, '{ "$id": "error-v2.schema.json" }');
  expect(hash()).not.toBe(original);
  writeFileSync(v2, text);
  expect(hash()).toBe(original);
  // An inline schema lives in its scenario file, whose bytes the hash covers.
  const copy = testInfo.outputPath('catalogue');
  cpSync(scenariosDir(), copy, { recursive: true });
  const file = join(copy, '2xx', '200-get.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('schema: "${family.itemSchema}"', 'schema: { type: object, required: [id] }'),
  );
  expect(loadCatalogue(copy, { schemasDir: schemas }).hash).not.toBe(
    loadCatalogue(scenariosDir(), { schemasDir: schemas }).hash,
  );
  // Another suite version is another catalogue, even with the same files.
  expect(hash('9.9.9')).not.toBe(original);
});
