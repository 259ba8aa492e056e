// The resources every store serves, below its version root
// (/stores/{name}/v3, /stores/{name}/v2, or the legacy /stores/legacy/api/v2).
import type { IncomingHttpHeaders } from 'node:http';
import * as catalog from './catalog';
import * as hooks from './hooks';
import type { Mutations } from './mutants';
import * as orders from './orders';
import type { Reply } from './replies';
import type { Store } from './store';

/** What a handler gets: the request, already authenticated, negotiated and parsed. */
export interface Call {
  store: Store;
  m: Mutations;
  /** The `{id}` of item routes (NaN on collections). */
  id: number;
  query: URLSearchParams;
  /** Parsed JSON body of POST and PUT. */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** Path of the version root, for Location headers. */
  versionRoot: string;
  /** Runs a task later; pending tasks are dropped when the target closes. */
  later(task: () => void, ms: number): void;
}

export type Handler = (c: Call) => Reply;
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Route {
  version: 'v2' | 'v3';
  path: RegExp;
  methods: Partial<Record<Method, Handler>>;
  /** Webhooks answer a missing Content-Type with 400 instead of 415 (documented exception). */
  missingContentTypeIs400?: boolean;
}

const ROUTES: readonly Route[] = [
  { version: 'v3', path: /^\/catalog\/products$/, methods: { GET: catalog.listProducts, POST: catalog.createProduct } },
  {
    version: 'v3',
    path: /^\/catalog\/products\/(\d+)$/,
    methods: { GET: catalog.getProduct, PUT: catalog.updateProduct, DELETE: catalog.deleteProduct },
  },
  {
    version: 'v3',
    path: /^\/catalog\/categories$/,
    methods: { GET: catalog.listCategories, POST: catalog.createCategory },
  },
  {
    version: 'v3',
    path: /^\/catalog\/categories\/(\d+)$/,
    methods: { GET: catalog.getCategory, PUT: catalog.updateCategory, DELETE: catalog.deleteCategory },
  },
  { version: 'v3', path: /^\/catalog\/trees\/categories$/, methods: { DELETE: catalog.scheduleTreeDeletion } },
  {
    version: 'v3',
    path: /^\/hooks$/,
    methods: { GET: hooks.listHooks, POST: hooks.createHook },
    missingContentTypeIs400: true,
  },
  {
    version: 'v3',
    path: /^\/hooks\/(\d+)$/,
    methods: { GET: hooks.getHook, PUT: hooks.updateHook, DELETE: hooks.deleteHook },
    missingContentTypeIs400: true,
  },
  { version: 'v2', path: /^\/orders$/, methods: { GET: orders.listOrders, POST: orders.createOrder } },
  {
    version: 'v2',
    path: /^\/orders\/(\d+)$/,
    methods: { GET: orders.getOrder, PUT: orders.updateOrder, DELETE: orders.deleteOrder },
  },
];

export function findRoute(version: string | undefined, subPath: string): { route: Route; id: number } | undefined {
  for (const route of ROUTES) {
    const match = route.version === version ? route.path.exec(subPath) : null;
    if (match) return { route, id: Number(match[1]) };
  }
  return undefined;
}

export function handlerFor(route: Route, method: string): Handler | undefined {
  return Object.hasOwn(route.methods, method) ? route.methods[method as Method] : undefined;
}

/** The Allow header of a 405: the methods the resource supports. */
export function allowOf(route: Route): string {
  return Object.keys(route.methods).join(', ');
}
