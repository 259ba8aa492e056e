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

/** Changing this list is a breaking change for every report consumer: add ids, never rename. */
const PINNED_IDS = [
  '200-get-product',
  '200-put-product',
  '201-create-category',
  '201-create-product',
  '202-delete-category-tree',
  '204-delete-order',
  '204-delete-product',
  '301-http-to-https',
  '302-deprecated-version',
  '304-modified-since-older-date',
  '304-not-modified',
  '400-invalid-json',
  '400-missing-required-data',
  '400-webhook-missing-content-type',
  '401-invalid-token',
  '401-missing-token',
  '401-webhooks-missing-token',
  '403-category-limit',
  '403-readonly-token-write',
  '404-order-missing',
  '404-product-missing',
  '405-allow-header',
  '405-put-orders-collection',
  '406-accept-json-q0',
  '406-accept-xml',
  '406-wildcard-accepted',
  '409-delete-category-with-product',
  '413-limit-above-maximum',
  '415-missing-content-type',
  '415-text-plain',
  '429-quota-exhausted',
  '429-recovers-after-reset',
  '500-fault-injection',
  '501-patch',
  '501-trace',
  '503-maintenance',
  '503-maintenance-v2',
  '507-plan-product-limit',
  '509-legacy-hourly-quota',
];

const catalogue = loadCatalogue(scenariosDir());

test('scenario ids are pinned', () => {
  expect(catalogue.scenarios.map((s) => s.id).sort()).toEqual([...PINNED_IDS].sort());
});

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
    expect(s.file, s.id).toBe(`${classOf(s.code)}/${s.id}.yaml`);
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
  const file = join(copy, '4xx', '404-product-missing.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace('level: must', 'level: should'));
  expect(hash()).not.toBe(original);
  writeFileSync(file, `${text}# a comment changes the bytes too\n`);
  expect(hash()).not.toBe(original);
  writeFileSync(file, text);
  expect(hash()).toBe(original);
  mkdirSync(join(copy, 'more'));
  renameSync(file, join(copy, 'more', '404-product-missing.yaml'));
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
  const file = join(copy, '2xx', '200-get-product.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('schema: v3-object', 'schema: { type: object, required: [data] }'),
  );
  expect(loadCatalogue(copy, { schemasDir: schemas }).hash).not.toBe(
    loadCatalogue(scenariosDir(), { schemasDir: schemas }).hash,
  );
  // Another suite version is another catalogue, even with the same files.
  expect(hash('9.9.9')).not.toBe(original);
});
