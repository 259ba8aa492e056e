// V3 webhooks. Their one documented quirk (400, not 415, for a missing
// Content-Type) is declared on the route, see routes.ts. Their list is not
// paged: it ignores `limit` and `page`.
import { unpaged } from './listing';
import { created, ok, type Reply } from './replies';
import type { Call } from './call';
import type { Hook, Store } from './store';
import { boolean, httpsUrl, nonEmptyString, type Field } from './validate';

export const HOOK_FIELDS: Record<string, Field> = {
  scope: { required: true, check: nonEmptyString },
  destination: { required: true, check: httpsUrl },
  is_active: { check: boolean },
};

export const hookExists = (store: Store, id: number): boolean => store.hooks.has(id);

const unixSeconds = () => Math.floor(Date.now() / 1000);

export function listHooks(c: Call): Reply {
  return ok(unpaged([...c.store.hooks.values()]));
}

export function createHook(c: Call): Reply {
  const now = unixSeconds();
  const hook = { id: c.store.nextId(), is_active: true, ...c.fields, created_at: now, updated_at: now } as Hook;
  c.store.hooks.set(hook.id, hook);
  return created(`${c.versionRoot}/hooks/${hook.id}`, { data: hook, meta: {} });
}

export function getHook(c: Call): Reply {
  return ok({ data: c.store.hooks.get(c.id)!, meta: {} });
}

export function updateHook(c: Call): Reply {
  const hook = c.store.hooks.get(c.id)!;
  Object.assign(hook, c.fields, { updated_at: unixSeconds() });
  return { status: c.m.has('webhooks-put-201') ? 201 : 200, json: { data: hook, meta: {} } };
}

export function deleteHook(c: Call): Reply {
  c.store.hooks.delete(c.id);
  return { status: 204 };
}
