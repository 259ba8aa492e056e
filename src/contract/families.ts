// The resource families of the contract (edition 2, "Every row, everywhere it
// applies"): where each lives and how its lists behave. Scenarios expand over
// them; `conformance sweep` walks them to find what a run left behind.

export type FamilyName = 'products' | 'customFields' | 'categories' | 'brands' | 'webhooks' | 'orders' | 'customers';

export interface Family {
  name: FamilyName;
  api: 'v2' | 'v3';
  /** Collection path relative to the store root; `{parent}` is the parent item's id for nested families. */
  collection: string;
  /** The family whose item holds this one's collection (custom fields live under a product). */
  parent?: FamilyName;
  /** Lists take `limit` and `page` (413 above 250). */
  paged: boolean;
}

export const FAMILIES: readonly Family[] = [
  { name: 'products', api: 'v3', collection: '/v3/catalog/products', paged: true },
  {
    name: 'customFields',
    api: 'v3',
    collection: '/v3/catalog/products/{parent}/custom-fields',
    parent: 'products',
    paged: true,
  },
  { name: 'categories', api: 'v3', collection: '/v3/catalog/categories', paged: true },
  { name: 'brands', api: 'v3', collection: '/v3/catalog/brands', paged: true },
  { name: 'webhooks', api: 'v3', collection: '/v3/hooks', paged: false },
  { name: 'orders', api: 'v2', collection: '/v2/orders', paged: true },
  { name: 'customers', api: 'v2', collection: '/v2/customers', paged: true },
];

export const FAMILY_NAMES = FAMILIES.map((f) => f.name);
