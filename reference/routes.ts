// The resources every store serves, below its version root
// (/stores/{name}/v3, /stores/{name}/v2, or the legacy /stores/legacy/api/v2):
// the seven resource families of the contract (edition 2), a collection and
// an item each, plus the category-tree deletion and an order's lines.
import * as brands from './brands';
import type { Handler } from './call';
import * as catalog from './catalog';
import * as customers from './customers';
import * as customFields from './custom-fields';
import * as hooks from './hooks';
import type { Mutations } from './mutants';
import * as orders from './orders';
import type { Store } from './store';
import type { Field } from './validate';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type Family = 'products' | 'customFields' | 'categories' | 'brands' | 'webhooks' | 'orders' | 'customers';

/** The ids in a path: `id` of an item, `parentId` of the object it is nested under (NaN when absent). */
export interface PathIds {
  id: number;
  parentId: number;
}

export interface Route {
  version: 'v2' | 'v3';
  /** Named groups: `id` (the item), `parent` (what it is nested under). */
  path: RegExp;
  /** For mutants that break one family only. */
  family?: Family;
  /** Whether the objects the path names exist: a path to a missing one does not exist (404 for every method). */
  exists?: (store: Store, at: PathIds, m: Mutations) => boolean;
  /** What the body of the route's POST (required fields enforced) or PUT (all optional) may hold. */
  fields?: (store: Store, at: PathIds) => Record<string, Field>;
  methods: Partial<Record<Method, Handler>>;
  /** Webhooks answer a missing Content-Type with 400 instead of 415 (documented exception). */
  missingContentTypeIs400?: boolean;
}

const always = (fields: Record<string, Field>) => () => fields;

const ROUTES: readonly Route[] = [
  {
    version: 'v3',
    family: 'products',
    path: /^\/catalog\/products$/,
    fields: (store) => catalog.productFields(store),
    methods: { GET: catalog.listProducts, POST: catalog.createProduct },
  },
  {
    version: 'v3',
    family: 'products',
    path: /^\/catalog\/products\/(?<id>\d+)$/,
    exists: (store, at) => catalog.productExists(store, at.id),
    fields: (store) => catalog.productFields(store),
    methods: { GET: catalog.getProduct, PUT: catalog.updateProduct, DELETE: catalog.deleteProduct },
  },
  {
    version: 'v3',
    family: 'customFields',
    path: /^\/catalog\/products\/(?<parent>\d+)\/custom-fields$/,
    exists: (store, at) => catalog.productExists(store, at.parentId),
    fields: always(customFields.CUSTOM_FIELD_FIELDS),
    methods: { GET: customFields.listCustomFields, POST: customFields.createCustomField },
  },
  {
    version: 'v3',
    family: 'customFields',
    path: /^\/catalog\/products\/(?<parent>\d+)\/custom-fields\/(?<id>\d+)$/,
    exists: (store, at) =>
      catalog.productExists(store, at.parentId) && customFields.customFieldExists(store, at.id, at.parentId),
    fields: always(customFields.CUSTOM_FIELD_FIELDS),
    methods: {
      GET: customFields.getCustomField,
      PUT: customFields.updateCustomField,
      DELETE: customFields.deleteCustomField,
    },
  },
  {
    version: 'v3',
    family: 'categories',
    path: /^\/catalog\/categories$/,
    fields: (store) => catalog.categoryFields(store),
    methods: { GET: catalog.listCategories, POST: catalog.createCategory },
  },
  {
    version: 'v3',
    family: 'categories',
    path: /^\/catalog\/categories\/(?<id>\d+)$/,
    exists: (store, at) => catalog.categoryExists(store, at.id),
    fields: (store, at) => catalog.categoryFields(store, at.id),
    methods: { GET: catalog.getCategory, PUT: catalog.updateCategory, DELETE: catalog.deleteCategory },
  },
  { version: 'v3', path: /^\/catalog\/trees\/categories$/, methods: { DELETE: catalog.scheduleTreeDeletion } },
  {
    version: 'v3',
    family: 'brands',
    path: /^\/catalog\/brands$/,
    fields: always(brands.BRAND_FIELDS),
    methods: { GET: brands.listBrands, POST: brands.createBrand },
  },
  {
    version: 'v3',
    family: 'brands',
    path: /^\/catalog\/brands\/(?<id>\d+)$/,
    exists: (store, at, m) => brands.brandExists(store, at.id, m),
    fields: always(brands.BRAND_FIELDS),
    methods: { GET: brands.getBrand, PUT: brands.updateBrand, DELETE: brands.deleteBrand },
  },
  {
    version: 'v3',
    family: 'webhooks',
    path: /^\/hooks$/,
    fields: always(hooks.HOOK_FIELDS),
    methods: { GET: hooks.listHooks, POST: hooks.createHook },
    missingContentTypeIs400: true,
  },
  {
    version: 'v3',
    family: 'webhooks',
    path: /^\/hooks\/(?<id>\d+)$/,
    exists: (store, at) => hooks.hookExists(store, at.id),
    fields: always(hooks.HOOK_FIELDS),
    methods: { GET: hooks.getHook, PUT: hooks.updateHook, DELETE: hooks.deleteHook },
    missingContentTypeIs400: true,
  },
  {
    version: 'v2',
    family: 'orders',
    path: /^\/orders$/,
    fields: always(orders.ORDER_FIELDS),
    methods: { GET: orders.listOrders, POST: orders.createOrder },
  },
  {
    version: 'v2',
    family: 'orders',
    path: /^\/orders\/(?<id>\d+)$/,
    exists: (store, at) => orders.orderExists(store, at.id),
    fields: always(orders.ORDER_FIELDS),
    methods: { GET: orders.getOrder, PUT: orders.updateOrder, DELETE: orders.deleteOrder },
  },
  {
    version: 'v2',
    path: /^\/orders\/(?<parent>\d+)\/products$/,
    exists: (store, at) => orders.orderExists(store, at.parentId),
    methods: { GET: orders.listOrderProducts },
  },
  {
    version: 'v2',
    family: 'customers',
    path: /^\/customers$/,
    fields: always(customers.CUSTOMER_FIELDS),
    methods: { GET: customers.listCustomers, POST: customers.createCustomer },
  },
  {
    version: 'v2',
    family: 'customers',
    path: /^\/customers\/(?<id>\d+)$/,
    exists: (store, at) => customers.customerExists(store, at.id),
    fields: always(customers.CUSTOMER_FIELDS),
    methods: { GET: customers.getCustomer, PUT: customers.updateCustomer, DELETE: customers.deleteCustomer },
  },
];

/** The route whose path matches, and the ids the path names; whether those exist is `route.exists`. */
export function findRoute(version: string | undefined, subPath: string): { route: Route; at: PathIds } | undefined {
  for (const route of ROUTES) {
    const match = route.version === version ? route.path.exec(subPath) : null;
    if (match) return { route, at: { id: Number(match.groups?.id), parentId: Number(match.groups?.parent) } };
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
