// The resources every store serves, below its version root
// (/stores/{name}/v3, /stores/{name}/v2, or the legacy /stores/legacy/api/v2).
import type { Handler } from './call';
import * as catalog from './catalog';
import * as hooks from './hooks';
import * as orders from './orders';

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
  { version: 'v2', path: /^\/orders\/(\d+)\/products$/, methods: { GET: orders.listOrderProducts } },
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
