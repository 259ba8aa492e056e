// V3 webhooks. Their one documented quirk (400, not 415, for a missing
// Content-Type) is declared on the route, see routes.ts.
import { page } from './listing';
import { created, ok, refuse, type Reply } from './replies';
import type { Call } from './call';
import type { Hook } from './store';
import { boolean, httpsUrl, nonEmptyString, validate, type Field } from './validate';

const HOOK_FIELDS: Record<string, Field> = {
  scope: { required: true, check: nonEmptyString },
  destination: { required: true, check: httpsUrl },
  is_active: { check: boolean },
};

const unixSeconds = () => Math.floor(Date.now() / 1000);

function hookOf(c: Call): Hook {
  return c.store.hooks.get(c.id) ?? refuse(404, `There is no webhook with id ${c.id}.`);
}

export function listHooks(c: Call): Reply {
  return ok(page([...c.store.hooks.values()], c.query, c.m));
}

export function createHook(c: Call): Reply {
  const fields = validate(c.body, HOOK_FIELDS, c.m);
  const now = unixSeconds();
  const hook = { id: c.store.nextId(), is_active: true, ...fields, created_at: now, updated_at: now } as Hook;
  c.store.hooks.set(hook.id, hook);
  return created(`${c.versionRoot}/hooks/${hook.id}`, { data: hook, meta: {} });
}

export function getHook(c: Call): Reply {
  return ok({ data: hookOf(c), meta: {} });
}

export function updateHook(c: Call): Reply {
  const hook = hookOf(c);
  Object.assign(hook, validate(c.body, HOOK_FIELDS, c.m, true), { updated_at: unixSeconds() });
  return ok({ data: hook, meta: {} });
}

export function deleteHook(c: Call): Reply {
  c.store.hooks.delete(hookOf(c).id);
  return { status: 204 };
}
