// src/scenario/families-file.ts: what a matrix scenario knows of each resource family, derived from the
// contract's facts (API, paths) and the catalogue's bodies (families.yaml).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FAMILIES_FILE, loadFamilies } from '../src/scenario/families-file';
import { scenariosDir } from '../src/support/paths';

const { table, file } = loadFamilies(scenariosDir());
const bodies = parse(readFileSync(join(scenariosDir(), FAMILIES_FILE), 'utf8')) as Record<
  string,
  { createBody: unknown; updateBody: unknown; incompleteBody: unknown; unique?: string }
>;

test('a V3 catalog family: V3 schemas and id pointer, plain text allowed on 401, its bodies as given', () => {
  expect(file).toBe(join(scenariosDir(), FAMILIES_FILE));
  const products = table.get('products')!;
  expect(products).toMatchObject({
    name: 'products',
    api: 'v3',
    collection: '/v3/catalog/products',
    item: '/v3/catalog/products/${id}',
    idPointer: '/data/id',
    errorSchema: 'error-v3',
    paged: true,
    anyCollection: '/v3/catalog/products',
    listSchema: 'v3-list',
    itemSchema: 'v3-object',
    createdSchema: 'v3-created',
    unauthorizedAccept: ['empty', 'text'],
    createBody: bodies.products.createBody,
    updateBody: bodies.products.updateBody,
    incompleteBody: bodies.products.incompleteBody,
    createBodyJson: JSON.stringify(bodies.products.createBody),
    updateBodyJson: JSON.stringify(bodies.products.updateBody),
    unique: 'name',
  });
  expect(products).not.toHaveProperty('v1Collection');
  expect(products.steps).toEqual({
    parent: [],
    create: [
      {
        name: 'create one (products)',
        request: { method: 'POST', path: '/v3/catalog/products', json: bodies.products.createBody },
        capture: { id: { body: '/data/id' } },
      },
    ],
    delete: [{ name: 'delete it (products)', request: { method: 'DELETE', path: '/v3/catalog/products/${id}' } }],
    deleteParent: [],
  });
});

test('a V3 family outside the catalog: a JSON 401 only; no `unique` when the bodies name none', () => {
  const webhooks = table.get('webhooks')!;
  expect(webhooks).toMatchObject({ api: 'v3', unauthorizedAccept: ['empty'], paged: false });
  expect(bodies.webhooks.unique).toBeUndefined();
  expect(webhooks).not.toHaveProperty('unique');
});

test('a V2 family: V2 schemas and id pointer, and its deprecated /v1 path', () => {
  const orders = table.get('orders')!;
  expect(orders).toMatchObject({
    api: 'v2',
    idPointer: '/id',
    errorSchema: 'error-v2',
    listSchema: 'v2-list',
    itemSchema: 'v2-object',
    createdSchema: 'v2-object',
    v1Collection: '/v1/orders',
    unauthorizedAccept: ['empty'],
  });
  expect(orders.steps.create.at(-1)).toMatchObject({ capture: { id: { body: '/id' } } });
});

test('a nested family: its parent is created first and deleted after it; any parent id for blanket answers', () => {
  const fields = table.get('customFields')!;
  expect(fields).toMatchObject({
    collection: '/v3/catalog/products/${parentId}/custom-fields',
    item: '/v3/catalog/products/${parentId}/custom-fields/${id}',
    anyCollection: '/v3/catalog/products/1/custom-fields',
  });
  const createParent = {
    name: 'create the parent (products)',
    request: { method: 'POST', path: '/v3/catalog/products', json: bodies.products.createBody },
    capture: { parentId: { body: '/data/id' } },
  };
  expect(fields.steps.parent).toEqual([createParent]);
  expect(fields.steps.create).toEqual([
    createParent,
    {
      name: 'create one (customFields)',
      request: {
        method: 'POST',
        path: '/v3/catalog/products/${parentId}/custom-fields',
        json: bodies.customFields.createBody,
      },
      capture: { id: { body: '/data/id' } },
    },
  ]);
  expect(fields.steps.deleteParent).toEqual([
    { name: 'delete the parent (products)', request: { method: 'DELETE', path: '/v3/catalog/products/${parentId}' } },
  ]);
});
