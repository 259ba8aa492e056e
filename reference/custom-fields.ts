// V3 product custom fields, nested under their product
// (/catalog/products/{product_id}/custom-fields): under a product that does
// not exist there is no such path (404). Deleting the product deletes them.
import { page } from './listing';
import { created, ok, type Reply } from './replies';
import type { Call } from './call';
import type { CustomField, Store } from './store';
import { nonEmptyString, type Field } from './validate';

export const CUSTOM_FIELD_FIELDS: Record<string, Field> = {
  name: { required: true, check: nonEmptyString },
  value: { required: true, check: nonEmptyString },
};

/** The field exists, and under this product. */
export const customFieldExists = (store: Store, id: number, productId: number): boolean =>
  store.customFields.get(id)?.product_id === productId;

const pathOf = (c: Call, id?: number) =>
  `${c.versionRoot}/catalog/products/${c.parentId}/custom-fields${id === undefined ? '' : `/${id}`}`;

export function listCustomFields(c: Call): Reply {
  const fields = [...c.store.customFields.values()].filter((f) => f.product_id === c.parentId);
  return ok(page(fields, c.query, c.m));
}

export function createCustomField(c: Call): Reply {
  const field = { id: c.store.nextId(), product_id: c.parentId, ...c.fields } as CustomField;
  c.store.customFields.set(field.id, field);
  return created(pathOf(c, field.id), { data: field, meta: {} });
}

export function getCustomField(c: Call): Reply {
  return ok({ data: c.store.customFields.get(c.id)!, meta: {} });
}

export function updateCustomField(c: Call): Reply {
  const field = c.store.customFields.get(c.id)!;
  Object.assign(field, c.fields);
  return ok({ data: field, meta: {} });
}

export function deleteCustomField(c: Call): Reply {
  c.store.customFields.delete(c.id);
  return { status: 204 };
}
