// V3 brands: created with a name, which is unique (409).
import { page } from './listing';
import type { Mutations } from './mutants';
import { created, ok, type Reply } from './replies';
import type { Call } from './call';
import type { Brand, Store } from './store';
import { claimUnique, uniqueForm } from './unique';
import { nonEmptyString, type Field } from './validate';

export const BRAND_FIELDS: Record<string, Field> = {
  name: { required: true, check: nonEmptyString },
};

/** `brands-missing-200`: every brand id exists, the missing ones as an empty brand nobody keeps. */
export const brandExists = (store: Store, id: number, m: Mutations): boolean =>
  store.brands.has(id) || m.has('brands-missing-200');

const brandName = (b: Brand) => uniqueForm(b.name);

function brandOf(c: Call): Brand {
  return c.store.brands.get(c.id) ?? { id: c.id, name: '' };
}

export function listBrands(c: Call): Reply {
  return ok(page([...c.store.brands.values()], c.query, c.m));
}

export function createBrand(c: Call): Reply {
  const { store } = c;
  claimUnique(store.brands.values(), brandName, uniqueForm(c.fields.name), 'name');
  const brand = { id: store.nextId(), ...c.fields } as Brand;
  store.brands.set(brand.id, brand);
  return created(`${c.versionRoot}/catalog/brands/${brand.id}`, { data: brand, meta: {} });
}

export function getBrand(c: Call): Reply {
  return ok({ data: brandOf(c), meta: {} });
}

export function updateBrand(c: Call): Reply {
  const brand = brandOf(c);
  if (c.fields.name !== undefined) {
    claimUnique(c.store.brands.values(), brandName, uniqueForm(c.fields.name), 'name', brand.id);
  }
  Object.assign(brand, c.fields);
  return ok({ data: brand, meta: {} });
}

export function deleteBrand(c: Call): Reply {
  const brand = brandOf(c);
  // Only the mutant gets here without a stored brand; it answers as if it had deleted one.
  if (!c.store.brands.delete(brand.id)) return ok({ data: brand, meta: {} });
  return { status: 204 };
}
