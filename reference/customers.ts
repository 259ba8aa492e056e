// V2 customers: like orders, bare objects and arrays with RFC 2822 dates and
// conditional GET; the email is unique (409). A customer keeps every field the
// client sent, not only the ones checked here.
import { conditionalGet, lastModified } from './conditional';
import { rfc2822Date } from './http-date';
import { v2List } from './listing';
import { created, ok, type Reply } from './replies';
import type { Call } from './call';
import type { Customer, Store } from './store';
import { claimUnique, uniqueForm } from './unique';
import { email, nonEmptyString, type Field } from './validate';

export const CUSTOMER_FIELDS: Record<string, Field> = {
  first_name: { required: true, check: nonEmptyString },
  last_name: { required: true, check: nonEmptyString },
  email: { required: true, check: email },
};

export const customerExists = (store: Store, id: number): boolean => store.customers.has(id);

const emailOf = (c: Customer) => uniqueForm(c.email);

/** Everything the client sent, with the checked fields and what only the server sets on top. */
function merged(c: Call, base: object): Record<string, unknown> {
  const sent = typeof c.body === 'object' && c.body !== null ? c.body : {};
  return { ...base, ...sent, ...c.fields };
}

export function listCustomers(c: Call): Reply {
  return v2List([...c.store.customers.values()], c.query, c.m);
}

export function createCustomer(c: Call): Reply {
  const { store } = c;
  claimUnique(store.customers.values(), emailOf, uniqueForm(c.fields.email), 'email');
  const now = rfc2822Date(Date.now());
  const customer = { ...merged(c, {}), id: store.nextId(), date_created: now, date_modified: now } as Customer;
  store.customers.set(customer.id, customer);
  return created(`${c.versionRoot}/customers/${customer.id}`, customer, 201, lastModified(now));
}

export function getCustomer(c: Call): Reply {
  const customer = c.store.customers.get(c.id)!;
  return conditionalGet(c, customer, customer.date_modified, c.m.has('customers-if-modified-since-ignored'));
}

export function updateCustomer(c: Call): Reply {
  const customer = c.store.customers.get(c.id)!;
  const next = merged(c, customer) as Customer;
  claimUnique(c.store.customers.values(), emailOf, emailOf(next), 'email', customer.id);
  // The id and creation date are the server's, whatever the body says.
  Object.assign(customer, next, {
    id: customer.id,
    date_created: customer.date_created,
    date_modified: rfc2822Date(Date.now()),
  });
  return ok(customer, lastModified(customer.date_modified));
}

export function deleteCustomer(c: Call): Reply {
  c.store.customers.delete(c.id);
  return { status: 204 };
}
