// Finds and deletes what conformance runs left on a target: every object, in
// every family on every store of the profile, whose data carries the suite's
// name prefix (`conformance-<run id>-`, of the given runs or of any run). An
// object without the prefix is never touched. Rate limits are paced as in a run.
import { FAMILIES, type Family } from '../contract/families';
import { STORES, type StoreName } from '../contract/stores';
import { tokenFor, type Profile } from '../profile/profile';
import type { HttpClient, IncomingResponse } from './http';
import { parseJson } from './json';
import { paced } from './pacing';

/** Stores whose data a token can list and delete (not the http front door, not the legacy Basic-Auth root). */
export const SWEPT_STORES: readonly StoreName[] = ['main', 'planLimited', 'categoryLimited', 'rateLimited', 'fault'];

/** Lists past this many pages are not walked further: a target that never ends its pagination cannot stall a sweep. */
const MAX_PAGES = 200;

export interface Found {
  store: StoreName;
  family: Family['name'];
  /** Item path relative to the store root. */
  path: string;
  /** The prefixed value that marked it. */
  mark: string;
}

export interface SweepProblem {
  store: StoreName;
  family?: Family['name'];
  message: string;
}

export interface SweepResult {
  found: Found[];
  deleted: Found[];
  problems: SweepProblem[];
}

/** `conformance-<id>-` for the given run ids, or any run's prefix when none is given. */
export function prefixPattern(runIds: readonly string[]): RegExp {
  const ids = runIds.length ? runIds.map((id) => id.replace(/[^a-z0-9]/gi, '')).join('|') : '[a-z0-9]+';
  return new RegExp(`conformance-(?:${ids})-`);
}

export async function sweep(
  http: HttpClient,
  profile: Profile,
  pattern: RegExp,
  opts: { dryRun: boolean },
): Promise<SweepResult> {
  const result: SweepResult = { found: [], deleted: [], problems: [] };
  for (const store of SWEPT_STORES) {
    const base = profile[STORES[store].base];
    const token = tokenFor(store, profile);
    if (!base || !token) continue;
    const get = (path: string) => send(http, 'GET', base, path, token);
    for (const family of FAMILIES.filter((f) => !f.parent)) {
      const listed = await list(get, family);
      if ('problem' in listed) {
        result.problems.push({ store, family: family.name, message: listed.problem });
        continue;
      }
      for (const item of listed.items) {
        const mark = markOf(item, pattern);
        const id = (item as { id?: unknown })?.id;
        if (!mark || (typeof id !== 'number' && typeof id !== 'string')) continue;
        const found = {
          store,
          family: family.name,
          path: `${family.collection}/${encodeURIComponent(String(id))}`,
          mark,
        };
        result.found.push(found);
        if (opts.dryRun) continue;
        const res = await send(http, 'DELETE', base, found.path, token);
        if ((res.status >= 200 && res.status < 300) || res.status === 404) result.deleted.push(found);
        else
          result.problems.push({ store, family: family.name, message: `DELETE ${found.path} answered ${res.status}` });
      }
    }
  }
  return result;
}

type Get = (path: string) => Promise<IncomingResponse>;

/** Every item of a collection, page by page; V2 lists end with an empty page or 204, V3 with their total_pages. */
async function list(get: Get, family: Family): Promise<{ items: unknown[] } | { problem: string }> {
  const items: unknown[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await get(family.paged ? `${family.collection}?limit=250&page=${page}` : family.collection);
    if (res.status === 204) break;
    if (res.status === 404 || res.status === 405) return { items }; // the target does not have this family
    if (res.status !== 200) return { problem: `GET ${family.collection} answered ${res.status}` };
    const parsed = parseJson(res.body);
    if (!parsed.ok) return { problem: `GET ${family.collection}: the body is not JSON` };
    const body = parsed.value as { data?: unknown[]; meta?: { pagination?: { total_pages?: number } } } | unknown[];
    const pageItems = Array.isArray(body) ? body : Array.isArray(body?.data) ? body.data : [];
    items.push(...pageItems);
    const totalPages = Array.isArray(body) ? undefined : body?.meta?.pagination?.total_pages;
    // A short page is the last one (also for a target that ignores `page` and answers everything at once).
    const last = pageItems.length < 250 || (totalPages !== undefined && page >= totalPages);
    if (!family.paged || last) break;
  }
  return { items };
}

/** The first string anywhere in the item that carries the prefix (a name, an email, a destination URL). */
function markOf(value: unknown, pattern: RegExp): string | undefined {
  if (typeof value === 'string') return pattern.test(value) ? value : undefined;
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) {
      const mark = markOf(v, pattern);
      if (mark) return mark;
    }
  }
  return undefined;
}

function send(http: HttpClient, method: string, base: string, path: string, token: string): Promise<IncomingResponse> {
  const url = base.replace(/\/+$/, '') + path;
  const headers = { accept: 'application/json', 'x-auth-token': token };
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
  return paced(() => http.send({ method, url, headers }), { checks429: false, sleep });
}
