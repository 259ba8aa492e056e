// src/engine/sweep.ts against a small store on a loopback socket: what it lists
// (page by page, V2 and V3, every store the profile names), what it takes for a
// conformance object (the run prefix anywhere in the item), what it deletes and
// what it reports when the target answers otherwise.
import { test, expect } from '@playwright/test';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../src/engine/http';
import { prefixPattern, sweep, SWEPT_STORES } from '../src/engine/sweep';

type Route = (
  req: IncomingMessage,
  url: URL,
) => { status: number; body?: unknown; raw?: string; headers?: Record<string, string> } | undefined;

interface Store {
  base: string;
  log: string[];
}

/** A sweep of the main store alone, of every run's prefix. */
const sweepMain = (store: (name: string) => Store, http: HttpClient, dryRun: boolean) =>
  sweep(http, { TARGET_BASE_URL: store('main').base, TARGET_AUTH_TOKEN: 't' }, prefixPattern([]), { dryRun });

/** One server for every store: /<store>/... with the routes given; anything else is 404. */
async function withStores(route: Route, body: (stores: (name: string) => Store, http: HttpClient) => Promise<void>) {
  const logs = new Map<string, string[]>();
  const server = createServer((req, res: ServerResponse) => {
    const url = new URL(req.url!, 'http://x');
    const store = url.pathname.split('/')[1];
    if (!logs.has(store)) logs.set(store, []);
    logs
      .get(store)!
      .push(`${req.method} ${url.pathname.slice(store.length + 1)}${url.search} ${req.headers['x-auth-token']}`);
    req.resume().on('end', () => {
      const answer = route(req, url) ?? { status: 404, body: { status: 404 } };
      const text = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const http = new HttpClient({ timeoutMs: 5000 });
  try {
    const store = (name: string) => {
      if (!logs.has(name)) logs.set(name, []);
      return { base: `${origin}/${name}`, log: logs.get(name)! };
    };
    await body(store, http);
  } finally {
    await http.close();
    await new Promise((r) => server.close(r));
  }
}

const v3 = (data: unknown[], totalPages?: number) => ({
  status: 200,
  body: { data, meta: totalPages === undefined ? {} : { pagination: { total_pages: totalPages } } },
});

test('prefixPattern: the given runs only (ids reduced to letters and digits), or any run', () => {
  const some = prefixPattern(['r1', 'R-2!']);
  expect(some.source).toBe('conformance-(?:r1|R2)-');
  expect(some.test('x conformance-r1-a')).toBe(true);
  expect(some.test('conformance-R2-a')).toBe(true);
  expect(some.test('conformance-r3-a')).toBe(false);
  expect(some.test('conformance-r1a')).toBe(false);
  const any = prefixPattern([]);
  expect(any.test('conformance-abc123-x')).toBe(true);
  expect(any.test('conformance-ABC-x')).toBe(false);
  expect(any.test('conformance--x')).toBe(false);
  expect(any.test('conformance-a_b-x')).toBe(false);
});

test('the stores a token can sweep, not the http front door nor the legacy root', () => {
  expect(SWEPT_STORES).toEqual(['main', 'planLimited', 'categoryLimited', 'rateLimited', 'fault']);
});

test('every marked item of every top-level family is found and deleted; unmarked ones and nested families are left', async () => {
  const products = [
    { id: 1, name: 'conformance-r1-product' },
    { id: 2, name: 'a shop product' },
    { id: 'a b/c', name: 'plain', custom: [{ deep: { email: 'conformance-r1-x@example.test' } }] },
    { name: 'conformance-r1-no-id' },
    { id: { nested: 1 }, name: 'conformance-r1-object-id' },
    { id: 5, price: 7, flag: true, none: null },
  ];
  await withStores(
    (req, url) => {
      const path = url.pathname.replace(/^\/main/, '');
      if (req.method === 'GET' && path === '/v3/catalog/products') return v3(products, 1);
      if (req.method === 'GET' && path === '/v3/hooks')
        return v3([{ id: 9, destination: 'https://conformance-r1-h.test' }]);
      if (req.method === 'GET' && path === '/v2/orders')
        return { status: 200, body: [{ id: 11, note: 'conformance-r1-o' }] };
      if (req.method === 'GET' && path === '/v2/customers') return { status: 204 };
      if (req.method === 'GET' && path === '/v3/catalog/brands') return { status: 405 };
      if (req.method === 'GET' && path === '/v3/catalog/categories') return v3([]);
      if (req.method === 'DELETE' && path === '/v3/catalog/products/1') return { status: 204 };
      if (req.method === 'DELETE' && path === '/v3/catalog/products/a%20b%2Fc') return { status: 404 };
      if (req.method === 'DELETE' && path === '/v3/hooks/9') return { status: 200, body: {} };
      if (req.method === 'DELETE' && path === '/v2/orders/11') return { status: 500 };
      return undefined;
    },
    async (store, http) => {
      const main = store('main');
      const result = await sweep(
        http,
        { TARGET_BASE_URL: `${main.base}/`, TARGET_AUTH_TOKEN: 'tok' },
        prefixPattern(['r1']),
        {
          dryRun: false,
        },
      );
      const product1 = {
        store: 'main',
        family: 'products',
        path: '/v3/catalog/products/1',
        mark: 'conformance-r1-product',
      };
      const productAB = {
        store: 'main',
        family: 'products',
        path: '/v3/catalog/products/a%20b%2Fc',
        mark: 'conformance-r1-x@example.test',
      };
      const hook = { store: 'main', family: 'webhooks', path: '/v3/hooks/9', mark: 'https://conformance-r1-h.test' };
      const order = { store: 'main', family: 'orders', path: '/v2/orders/11', mark: 'conformance-r1-o' };
      expect(result.found).toEqual([product1, productAB, hook, order]);
      expect(result.deleted).toEqual([product1, productAB, hook]);
      expect(result.problems).toEqual([
        { store: 'main', family: 'orders', message: 'DELETE /v2/orders/11 answered 500' },
      ]);
      // One list request per top-level family (V3 with its page size), the token on each, a DELETE per find.
      expect(main.log).toEqual([
        'GET /v3/catalog/products?limit=250&page=1 tok',
        'DELETE /v3/catalog/products/1 tok',
        'DELETE /v3/catalog/products/a%20b%2Fc tok',
        'GET /v3/catalog/categories?limit=250&page=1 tok',
        'GET /v3/catalog/brands?limit=250&page=1 tok',
        'GET /v3/hooks tok',
        'DELETE /v3/hooks/9 tok',
        'GET /v2/orders?limit=250&page=1 tok',
        'DELETE /v2/orders/11 tok',
        'GET /v2/customers?limit=250&page=1 tok',
      ]);
    },
  );
});

test('a dry run finds and deletes nothing; a store without its URL or its token is skipped; each store has its own token', async () => {
  await withStores(
    (req, url) => {
      if (req.method !== 'GET') return { status: 500 };
      if (url.pathname.endsWith('/v3/catalog/products')) return v3([{ id: 3, name: 'conformance-zz9-p' }], 1);
      return { status: 404 };
    },
    async (store, http) => {
      const profile = {
        TARGET_BASE_URL: store('main').base,
        TARGET_AUTH_TOKEN: 'main-tok',
        TARGET_FAULT_BASE_URL: store('fault').base,
        TARGET_FAULT_TOKEN: 'fault-tok',
        TARGET_PLAN_LIMITED_BASE_URL: store('plan').base, // falls back to TARGET_AUTH_TOKEN
        TARGET_HTTP_BASE_URL: store('http').base,
        TARGET_LEGACY_BASE_URL: store('legacy').base,
        TARGET_MAINTENANCE_BASE_URL: store('maintenance').base,
        TARGET_MAINTENANCE_TOKEN: 'm-tok',
      };
      const result = await sweep(http, profile, prefixPattern([]), { dryRun: true });
      expect(result.found.map((f) => `${f.store} ${f.path}`)).toEqual([
        'main /v3/catalog/products/3',
        'planLimited /v3/catalog/products/3',
        'fault /v3/catalog/products/3',
      ]);
      expect(result.deleted).toEqual([]);
      expect(result.problems).toEqual([]);
      expect(store('main').log[0]).toBe('GET /v3/catalog/products?limit=250&page=1 main-tok');
      expect(store('plan').log[0]).toBe('GET /v3/catalog/products?limit=250&page=1 main-tok');
      expect(store('fault').log[0]).toBe('GET /v3/catalog/products?limit=250&page=1 fault-tok');
      for (const name of ['main', 'plan', 'fault'])
        expect(store(name).log.every((l) => l.startsWith('GET '))).toBe(true);
      expect(store('http').log).toEqual([]);
      expect(store('legacy').log).toEqual([]);
      expect(store('maintenance').log).toEqual([]);

      // No token at all: nothing is asked.
      const none = await sweep(http, { TARGET_BASE_URL: store('none').base }, prefixPattern([]), { dryRun: true });
      expect(none).toEqual({ found: [], deleted: [], problems: [] });
      expect(store('none').log).toEqual([]);
    },
  );
});

test('lists are walked page by page until a short page, the last of total_pages, an empty V2 page or a 204', async () => {
  const full = (from: number) =>
    Array.from({ length: 250 }, (_, i) => ({ id: from + i, name: `conformance-r1-${from + i}` }));
  await withStores(
    (req, url) => {
      if (req.method === 'DELETE') return { status: 204 };
      const page = Number(url.searchParams.get('page'));
      switch (url.pathname.replace(/^\/[^/]+/, '')) {
        case '/v3/catalog/products': // two full pages, then a short one
          return v3(page <= 2 ? full(page * 1000) : [{ id: 1, name: 'conformance-r1-last' }]);
        case '/v3/catalog/categories': // full pages, but total_pages says 2
          return v3(full(page * 1000), 2);
        case '/v2/orders': // V2: a full page, then an empty one
          return { status: 200, body: page === 1 ? full(5000) : [] };
        case '/v2/customers': // V2: a full page, then 204
          return page === 1 ? { status: 200, body: full(7000) } : { status: 204 };
        case '/v3/hooks': // not paged: one request, however long
          return v3(full(9000));
        default:
          return { status: 404 };
      }
    },
    async (store, http) => {
      const main = store('main');
      const result = await sweep(
        http,
        { TARGET_BASE_URL: main.base, TARGET_AUTH_TOKEN: 'tok' },
        prefixPattern(['r1']),
        {
          dryRun: true,
        },
      );
      const lists = main.log.map((l) => l.replace(/ tok$/, ''));
      expect(lists).toEqual([
        'GET /v3/catalog/products?limit=250&page=1',
        'GET /v3/catalog/products?limit=250&page=2',
        'GET /v3/catalog/products?limit=250&page=3',
        'GET /v3/catalog/categories?limit=250&page=1',
        'GET /v3/catalog/categories?limit=250&page=2',
        'GET /v3/catalog/brands?limit=250&page=1',
        'GET /v3/hooks',
        'GET /v2/orders?limit=250&page=1',
        'GET /v2/orders?limit=250&page=2',
        'GET /v2/customers?limit=250&page=1',
        'GET /v2/customers?limit=250&page=2',
      ]);
      const count = (family: string) => result.found.filter((f) => f.family === family).length;
      expect(count('products')).toBe(501);
      expect(count('categories')).toBe(500);
      expect(count('webhooks')).toBe(250);
      expect(count('orders')).toBe(250);
      expect(count('customers')).toBe(250);
      expect(result.problems).toEqual([]);
    },
  );
});

test('a target that never ends its pagination is walked 200 pages, no more', async () => {
  let n = 0;
  const page = Array.from({ length: 250 }, () => ({ id: 1, name: 'x' }));
  await withStores(
    (req, url) => {
      if (url.pathname.endsWith('/v3/catalog/products')) {
        n++;
        return v3(page);
      }
      return { status: 404 };
    },
    async (store, http) => {
      const result = await sweepMain(store, http, true);
      expect(n).toBe(200);
      expect(result).toEqual({ found: [], deleted: [], problems: [] });
    },
  );
});

test('a list that fails or is not JSON is a problem of that family; the others are still swept', async () => {
  await withStores(
    (req, url) => {
      const path = url.pathname.replace(/^\/main/, '');
      if (path === '/v3/catalog/products') return { status: 500 };
      if (path === '/v3/catalog/categories') return { status: 200, raw: '<html>' };
      if (path === '/v3/catalog/brands') return { status: 200, raw: '{"data": "not a list"}' };
      if (path === '/v3/hooks') return { status: 401 };
      if (path === '/v2/orders' && req.method === 'GET')
        return { status: 200, body: [{ id: 4, ref: 'conformance-r9-o' }] };
      if (path === '/v2/orders/4') return { status: 204 };
      return { status: 404 };
    },
    async (store, http) => {
      const result = await sweepMain(store, http, false);
      expect(result.problems).toEqual([
        { store: 'main', family: 'products', message: 'GET /v3/catalog/products answered 500' },
        { store: 'main', family: 'categories', message: 'GET /v3/catalog/categories: the body is not JSON' },
        { store: 'main', family: 'webhooks', message: 'GET /v3/hooks answered 401' },
      ]);
      expect(result.deleted.map((f) => f.path)).toEqual(['/v2/orders/4']);
    },
  );
});

test('a rate-limited list is waited out and asked again, as in a run', async () => {
  let calls = 0;
  await withStores(
    (req, url) => {
      if (!url.pathname.endsWith('/v3/catalog/products')) return { status: 404 };
      return ++calls === 1
        ? { status: 429, body: { status: 429 }, headers: { 'x-rate-limit-time-reset-ms': '150' } }
        : v3([{ id: 1, name: 'conformance-r1-x' }], 1);
    },
    async (store, http) => {
      const started = Date.now();
      const result = await sweepMain(store, http, true);
      expect(result.found.map((f) => f.path)).toEqual(['/v3/catalog/products/1']);
      expect(calls).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    },
  );
});

test('a list whose JSON is null or has no data is an empty page, not a crash; the other families are still swept', async () => {
  await withStores(
    (req, url) => {
      const path = url.pathname.replace(/^\/main/, '');
      if (path === '/v3/catalog/products') return { status: 200, raw: 'null' };
      if (path === '/v3/catalog/categories') return { status: 200, body: {} };
      if (path === '/v2/orders' && req.method === 'GET') return { status: 200, raw: 'null' };
      if (path === '/v3/hooks' && req.method === 'GET')
        return { status: 200, body: { data: [{ id: 7, destination: 'https://x/conformance-r9-h' }] } };
      if (path === '/v3/hooks/7') return { status: 204 };
      return { status: 404 };
    },
    async (store, http) => {
      const result = await sweepMain(store, http, false);
      expect(result.problems).toEqual([]);
      expect(result.deleted.map((f) => f.path)).toEqual(['/v3/hooks/7']);
      // One request each: an empty page is the last one.
      expect(store('main').log.filter((l) => l.startsWith('GET /v3/catalog/products'))).toHaveLength(1);
    },
  );
});
