// V2 orders: bare objects and arrays, RFC 2822 dates, and conditional GET
// (see conditional.ts).
import { conditionalGet, lastModified } from './conditional';
import { rfc2822Date } from './http-date';
import { v2List } from './listing';
import { created, ok, type Reply } from './replies';
import type { Call } from './call';
import type { Order, Store } from './store';
import { nonEmptyListOfObjects, nonNegativeInteger, object, type Field } from './validate';

// The contract's least order: products and a billing address (kept as sent: the suite marks it with its run prefix).
export const ORDER_FIELDS: Record<string, Field> = {
  products: { required: true, check: nonEmptyListOfObjects },
  billing_address: { required: true, check: object },
  customer_id: { check: nonNegativeInteger },
};

export const orderExists = (store: Store, id: number): boolean => store.orders.has(id);

/**
 * An order as the platform renders it: its products are a sub-resource, given
 * as a link object `{url, resource}`, not inline.
 */
function rendered(c: Call, order: Order) {
  const resource = `/orders/${order.id}/products`;
  return { ...order, products: { url: `${c.origin}${c.versionRoot}${resource}`, resource } };
}

export function listOrders(c: Call): Reply {
  const { m } = c;
  const orders = m.has('orders-list-unpaged') ? withoutPaging(c.query) : c.query;
  const reply = v2List(
    [...c.store.orders.values()].map((o) => rendered(c, o)),
    orders,
    m,
  );
  return reply.status === 204 && m.has('orders-empty-list-200') ? ok([]) : reply;
}

function withoutPaging(query: URLSearchParams): URLSearchParams {
  const rest = new URLSearchParams(query);
  rest.delete('limit');
  rest.delete('page');
  return rest;
}

/** GET /orders/{id}/products: the order's lines, where the link object points. */
export function listOrderProducts(c: Call): Reply {
  const order = c.store.orders.get(c.parentId)!;
  return ok(order.products.map((line, i) => ({ id: i + 1, order_id: order.id, ...line })));
}

export function createOrder(c: Call): Reply {
  const now = rfc2822Date(Date.now());
  const order = {
    id: c.store.nextId(),
    customer_id: 0,
    status_id: 1,
    status: 'Pending',
    ...c.fields,
    date_created: now,
    date_modified: now,
  } as Order;
  c.store.orders.set(order.id, order);
  return created(`${c.versionRoot}/orders/${order.id}`, rendered(c, order), 201, lastModified(now));
}

export function getOrder(c: Call): Reply {
  const order = c.store.orders.get(c.id)!;
  return conditionalGet(c, rendered(c, order), order.date_modified);
}

export function updateOrder(c: Call): Reply {
  const order = c.store.orders.get(c.id)!;
  Object.assign(order, c.fields, { date_modified: rfc2822Date(Date.now()) });
  return ok(rendered(c, order), lastModified(order.date_modified));
}

export function deleteOrder(c: Call): Reply {
  const order = c.store.orders.get(c.id)!;
  c.store.orders.delete(order.id);
  return c.m.has('delete-order-200-body') ? ok(rendered(c, order)) : { status: 204 };
}
