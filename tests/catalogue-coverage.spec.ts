// The catalogue covers every cell of the contract's "where each row applies"
// table (edition 2), for every family; it never sends a DELETE or a bulk PUT to
// a collection; and every expanded id is pinned.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES, FAMILY_NAMES, type FamilyName } from '../src/contract/families';
import { loadCatalogue } from '../src/scenario/load';
import type { RequestSpec, Scenario } from '../src/scenario/types';
import { scenariosDir } from '../src/support/paths';

const catalogue = loadCatalogue(scenariosDir());
const ALL = FAMILY_NAMES;
const V2 = FAMILIES.filter((f) => f.api === 'v2').map((f) => f.name);
const PAGED = FAMILIES.filter((f) => f.paged).map((f) => f.name);
const but = (...left: FamilyName[]) => ALL.filter((f) => !left.includes(f));

/** The contract's table, cell by cell: the file that checks it, on which families, with which operations. */
const WHERE_ROWS_APPLY: { code: number; what: string; file: string; families: readonly FamilyName[]; ops: string[] }[] =
  [
    { code: 200, what: 'GET of the collection', file: '2xx/200-list', families: ALL, ops: ['list'] },
    { code: 200, what: 'GET of an item the scenario created', file: '2xx/200-get', families: ALL, ops: ['get'] },
    { code: 200, what: 'PUT of an item the scenario created', file: '2xx/200-put', families: ALL, ops: ['put'] },
    { code: 201, what: 'POST of the collection', file: '2xx/201-post', families: ALL, ops: ['post'] },
    {
      code: 202,
      what: 'the scheduled category-tree deletion',
      file: '2xx/202-delete-category-tree',
      families: ['categories'],
      ops: [''],
    },
    { code: 204, what: 'DELETE of an item', file: '2xx/204-delete', families: ALL, ops: ['delete'] },
    { code: 204, what: 'a V2 list that matches nothing', file: '2xx/204-empty-list', families: V2, ops: ['list'] },
    { code: 301, what: 'GET of the collection over http', file: '3xx/301-http-to-https', families: ALL, ops: ['list'] },
    {
      code: 302,
      what: 'GET /v1/... of the V2 collections',
      file: '3xx/302-deprecated-version',
      families: V2,
      ops: ['list'],
    },
    { code: 304, what: 'If-Modified-Since = Last-Modified', file: '3xx/304-not-modified', families: V2, ops: ['get'] },
    {
      code: 304,
      what: 'an older date gives 200',
      file: '3xx/304-modified-since-older-date',
      families: V2,
      ops: ['get'],
    },
    {
      code: 400,
      what: 'invalid JSON on POST and PUT',
      file: '4xx/400-invalid-json',
      families: ALL,
      ops: ['post', 'put'],
    },
    {
      code: 400,
      what: 'a required field missing on POST',
      file: '4xx/400-missing-required-data',
      families: ALL,
      ops: ['post'],
    },
    {
      code: 400,
      what: 'webhooks without Content-Type',
      file: '4xx/400-webhook-missing-content-type',
      families: ['webhooks'],
      ops: ['post', 'put'],
    },
    ...['401-missing-token', '401-invalid-token'].map((f) => ({
      code: 401,
      what: f,
      file: `4xx/${f}`,
      families: ALL,
      ops: ['list', 'get', 'post', 'put', 'delete'],
    })),
    {
      code: 403,
      what: 'the read-only token on writes',
      file: '4xx/403-readonly-token-write',
      families: ALL,
      ops: ['post', 'put', 'delete'],
    },
    {
      code: 404,
      what: 'GET, PUT, DELETE of an id that does not exist',
      file: '4xx/404-missing-id',
      families: ALL,
      ops: ['get', 'put', 'delete'],
    },
    {
      code: 404,
      what: 'a sub-resource under a missing parent',
      file: '4xx/404-missing-parent',
      families: ['customFields'],
      ops: ['list'],
    },
    { code: 405, what: 'POST on an item', file: '4xx/405-post-on-item', families: ALL, ops: ['post'] },
    { code: 405, what: 'PUT on a V2 collection', file: '4xx/405-put-v2-collection', families: V2, ops: ['put'] },
    { code: 406, what: 'Accept: application/xml', file: '4xx/406-accept-xml', families: ALL, ops: ['list', 'get'] },
    {
      code: 409,
      what: 'a unique value already taken',
      file: '4xx/409-unique',
      families: ['products', 'categories', 'brands', 'customers'],
      ops: ['post'],
    },
    {
      code: 413,
      what: 'limit=251 on a paged list',
      file: '4xx/413-limit-above-maximum',
      families: PAGED,
      ops: ['list'],
    },
    { code: 415, what: 'text/plain on POST and PUT', file: '4xx/415-text-plain', families: ALL, ops: ['post', 'put'] },
    {
      code: 415,
      what: 'no Content-Type on POST and PUT',
      file: '4xx/415-missing-content-type',
      families: but('webhooks'),
      ops: ['post', 'put'],
    },
    {
      code: 500,
      what: 'GET of the collection on the fault store',
      file: '5xx/500-fault-injection',
      families: ALL,
      ops: ['list'],
    },
    ...['501-trace', '501-patch'].map((f) => ({
      code: 501,
      what: f,
      file: `5xx/${f}`,
      families: ALL,
      ops: ['collection', 'item'],
    })),
    {
      code: 503,
      what: 'GET of the collection on the maintenance store',
      file: '5xx/503-maintenance',
      families: ALL,
      ops: ['list'],
    },
  ];

test('every cell of "where each row applies" has its scenario, on every family it applies to', () => {
  const have = new Set(catalogue.scenarios.map((s) => `${s.code} ${s.file} ${s.resource ?? ''} ${s.operation ?? ''}`));
  const missing = WHERE_ROWS_APPLY.flatMap((cell) =>
    cell.families.flatMap((family) =>
      cell.ops
        .map((op) => `${cell.code} ${cell.file}.yaml ${family} ${op}`)
        .filter((key) => !have.has(key))
        .map((key) => `${key} (${cell.what})`),
    ),
  );
  expect(missing).toEqual([]);
  expect(catalogue.scenarios.length).toBeGreaterThanOrEqual(250);
});

/** Where a request may go: paths of families, with their templates standing for any id. */
const COLLECTIONS = FAMILIES.map((f) => f.collection);
const isCollection = (path: string) =>
  COLLECTIONS.some((c) => new RegExp(`^${c.replace('{parent}', '[^/]+').replace(/\//g, '\\/')}$`).test(path)) ||
  /^\/v3\/catalog\/products\/\$\{[^}]+\}\/custom-fields$/.test(path);

function requestsOf(s: Scenario): RequestSpec[] {
  const steps = [...(s.setup ?? []), ...(s.verify ?? []), ...(s.cleanup ?? [])];
  return [s.request, ...steps.flatMap((st) => ('request' in st ? [st.request] : []))];
}

test('no scenario sends DELETE to a collection, nor a PUT that could rewrite one', () => {
  const unsafe: string[] = [];
  for (const s of catalogue.scenarios) {
    for (const r of requestsOf(s)) {
      const where = `${s.id}: ${r.method} ${r.path}`;
      if (r.method === 'DELETE' && isCollection(r.path)) unsafe.push(where);
      // The scheduled tree deletion takes a filter, never a bare collection.
      if (r.method === 'DELETE' && r.path === '/v3/catalog/trees/categories' && !r.query?.['category_id:in'])
        unsafe.push(where);
      if (r.method === 'PUT' && isCollection(r.path)) {
        const v2 = r.path.startsWith('/v2/');
        const harmless = r.json !== undefined && JSON.stringify(r.json) === '{}' && r.body === undefined;
        if (!v2 || !harmless || s.expect.status !== 405 || r !== s.request)
          unsafe.push(`${where} (only an empty change to a V2 collection, expecting 405)`);
      }
    }
  }
  expect(unsafe).toEqual([]);
  // The check does see the requests it guards against.
  expect(catalogue.scenarios.some((s) => s.request.method === 'PUT' && isCollection(s.request.path))).toBe(true);
  expect(catalogue.scenarios.some((s) => requestsOf(s).some((r) => r.method === 'DELETE'))).toBe(true);
});

test('expanded ids are pinned: none disappears, and a new one is added to the list on purpose', () => {
  const pinned = readFileSync(join(__dirname, 'fixtures', 'pinned-ids.txt'), 'utf8')
    .split('\n')
    .filter(Boolean);
  const ids = catalogue.scenarios.map((s) => s.id).sort();
  expect(
    pinned.filter((id) => !ids.includes(id)),
    'ids are never renamed or removed: reports refer to them',
  ).toEqual([]);
  expect(
    ids.filter((id) => !pinned.includes(id)),
    'a new scenario: add its id to tests/fixtures/pinned-ids.txt',
  ).toEqual([]);
});
