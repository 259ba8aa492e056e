// V3 brands: created with a name, which is unique (409).
import { page } from './listing';
import { created, ok, type Reply } from './replies';
import type { Call } from './call';
import type { Brand, Store } from './store';
import { claimUnique, uniqueForm } from './unique';
import { nonEmptyString, type Field } from './validate';

export const BRAND_FIELDS: Record<string, Field> = {
  name: { required: true, check: nonEmptyString },
};

export const brandExists = (store: Store, id: number): boolean => store.brands.has(id);

const brandName = (b: Brand) => uniqueForm(b.name);

function brandOf(c: Call): Brand {
  return c.store.brands.get(c.id)!;
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
  c.store.brands.delete(c.id);
  return { status: 204 };
}
