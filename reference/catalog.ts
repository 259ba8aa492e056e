// V3 catalog: products, categories, and the scheduled category-tree deletion.
// Product names are unique, and category names within their parent (409).
import { page } from './listing';
import { created, ok, refuse, type Reply } from './replies';
import type { Call } from './call';
import type { Category, Product, Store } from './store';
import { claimUnique, uniqueForm } from './unique';
import { nonEmptyString, nonNegativeInteger, nonNegativeNumber, oneOf, type Field } from './validate';

/** How long a "scheduled" tree deletion takes to happen. */
const SCHEDULED_DELETION_MS = 50;

export function productFields(store: Store): Record<string, Field> {
  return {
    name: { required: true, check: nonEmptyString },
    type: { required: true, check: oneOf('physical', 'digital') },
    weight: { required: true, check: nonNegativeNumber },
    price: { required: true, check: nonNegativeNumber },
    categories: {
      check: (v) =>
        Array.isArray(v) && v.every((id) => store.categories.has(id))
          ? undefined
          : 'must list ids of existing categories',
    },
  };
}

export const productExists = (store: Store, id: number): boolean => store.products.has(id);

const productName = (p: Product) => uniqueForm(p.name);

function productOf(c: Call): Product {
  return c.store.products.get(c.id)!;
}

export function listProducts(c: Call): Reply {
  return ok(page([...c.store.products.values()], c.query, c.m));
}

export function createProduct(c: Call): Reply {
  const { store, m, fields } = c;
  claimUnique(store.products.values(), productName, uniqueForm(fields.name), 'name');
  if (store.products.size >= store.productLimit) {
    refuse(m.has('plan-limit-403') ? 403 : 507, `The store's plan allows at most ${store.productLimit} products.`);
  }
  const now = new Date().toISOString();
  const product = {
    id: store.nextId(),
    categories: [] as number[],
    ...fields,
    date_created: now,
    date_modified: now,
  } as Product;
  store.products.set(product.id, product);
  return created(
    `${c.versionRoot}/catalog/products/${product.id}`,
    { data: product, meta: {} },
    m.has('create-200') ? 200 : 201,
  );
}

export function getProduct(c: Call): Reply {
  const product = productOf(c);
  return ok(c.m.has('get-product-bare') ? product : { data: product, meta: {} });
}

export function updateProduct(c: Call): Reply {
  const product = productOf(c);
  if (c.fields.name !== undefined) {
    claimUnique(c.store.products.values(), productName, uniqueForm(c.fields.name), 'name', product.id);
  }
  Object.assign(product, c.fields, { date_modified: new Date().toISOString() });
  return { status: c.m.has('put-product-201') ? 201 : 200, json: { data: product, meta: {} } };
}

export function deleteProduct(c: Call): Reply {
  const { store } = c;
  const product = productOf(c);
  if (!c.m.has('deleted-product-200')) {
    store.products.delete(product.id);
    // Custom fields live under their product and go with it.
    for (const field of store.customFields.values()) {
      if (field.product_id === product.id) store.customFields.delete(field.id);
    }
  }
  return c.m.has('delete-200-body') ? ok({ data: product, meta: {} }) : { status: 204 };
}

export function categoryFields(store: Store, self?: number): Record<string, Field> {
  // A parent must exist, and a category cannot move below itself.
  const below = self === undefined ? new Set<number>() : subtree(store, [self]);
  return {
    name: { required: true, check: nonEmptyString },
    parent_id: {
      required: true,
      check: (v) =>
        nonNegativeInteger(v) ??
        (v === 0 || (store.categories.has(v as number) && !below.has(v as number))
          ? undefined
          : 'must be 0 (root) or the id of another existing category'),
    },
  };
}

export const categoryExists = (store: Store, id: number): boolean => store.categories.has(id);

/** Names are unique per parent: the same name may sit under two different parents. */
const placeOf = (o: { parent_id?: unknown; name?: unknown }) => `${String(o.parent_id)}/${uniqueForm(o.name)}`;

function categoryOf(c: Call): Category {
  return c.store.categories.get(c.id)!;
}

function claimPlace(c: Call, wanted: { parent_id?: unknown; name?: unknown }, self?: number): void {
  if (!c.m.has('categories-unique-ignored')) {
    claimUnique(c.store.categories.values(), placeOf, placeOf(wanted), 'name', self);
  }
}

export function listCategories(c: Call): Reply {
  return ok(page([...c.store.categories.values()], c.query, c.m));
}

export function createCategory(c: Call): Reply {
  const { store, m, fields } = c;
  if (store.categories.size >= store.categoryLimit && !m.has('category-limit-ignored')) {
    refuse(403, `The store may hold at most ${store.categoryLimit} categories.`);
  }
  claimPlace(c, fields);
  const category = { id: store.nextId(), ...fields } as Category;
  store.categories.set(category.id, category);
  return created(
    `${c.versionRoot}/catalog/categories/${category.id}`,
    { data: category, meta: {} },
    m.has('create-200') ? 200 : 201,
  );
}

export function getCategory(c: Call): Reply {
  return ok({ data: categoryOf(c), meta: {} });
}

export function updateCategory(c: Call): Reply {
  const category = categoryOf(c);
  const next = { ...category, ...c.fields };
  claimPlace(c, next, category.id);
  Object.assign(category, next);
  return ok({ data: category, meta: {} });
}

/** Deletes the category and its subcategories, unless that would orphan products (409). */
export function deleteCategory(c: Call): Reply {
  const category = categoryOf(c);
  const doomed = subtree(c.store, [category.id]);
  const holders = [...c.store.products.values()].filter((p) => p.categories.some((id) => doomed.has(id)));
  if (holders.length > 0 && !c.m.has('category-delete-cascades')) {
    refuse(
      409,
      `Category ${category.id} still holds ${holders.length} product(s); remove them from it, then retry. Nothing was deleted.`,
      {
        errors: Object.fromEntries(
          holders.map((p) => [`products.${p.id}`, `product ${p.id} is assigned to this category`]),
        ),
      },
    );
  }
  removeCategories(c.store, doomed);
  return { status: 204 };
}

/** DELETE /catalog/trees/categories?category_id:in=1,2 — accepted now, done later (202). */
export function scheduleTreeDeletion(c: Call): Reply {
  const raw = c.query.get('category_id:in');
  if (raw === null || !/^[1-9]\d*(,[1-9]\d*)*$/.test(raw)) {
    refuse(400, 'category_id:in must list the category ids to delete, e.g. ?category_id:in=1,2', {
      errors: { 'category_id:in': 'must be a comma-separated list of category ids' },
    });
  }
  const ids = raw.split(',').map(Number);
  c.later(() => removeCategories(c.store, subtree(c.store, ids)), SCHEDULED_DELETION_MS);
  if (c.m.has('tree-delete-204')) return { status: 204 };
  // As the platform answers a tree deletion: a meta object counting what the task covers.
  return { status: 202, json: { meta: { total: ids.length, success: ids.length, failed: 0 } } };
}

/** The given categories and all their descendants. */
function subtree(store: Store, roots: number[]): Set<number> {
  const ids = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const category of store.categories.values()) {
      if (ids.has(category.parent_id) && !ids.has(category.id)) {
        ids.add(category.id);
        grew = true;
      }
    }
  }
  return ids;
}

function removeCategories(store: Store, ids: Set<number>): void {
  for (const id of ids) store.categories.delete(id);
  for (const product of store.products.values()) product.categories = product.categories.filter((id) => !ids.has(id));
}
