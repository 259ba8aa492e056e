// Paging of collections: `limit` (default 50, documented maximum 250; above it
// the table asks for 413) and `page`. V3 lists wrap a page in
// `{data, meta: {pagination}}`; V2 lists are bare arrays, filtered by `min_id`,
// and a V2 list with nothing to show is 204 without a body.
import type { Mutations } from './mutants';
import { ok, refuse, type Reply } from './replies';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 250;

export interface Page<T> {
  data: T[];
  meta: {
    pagination: {
      total: number;
      count: number;
      per_page: number;
      current_page: number;
      total_pages: number;
      links: { previous?: string; current: string; next?: string };
    };
  };
}

/** One page of a V3 list, as `limit` and `page` ask. */
export function page<T>(items: readonly T[], query: URLSearchParams, m: Mutations): Page<T> {
  const { limit, current } = windowOf(query, m);
  return paginated(items, limit, current);
}

/** A V3 list that is not paged (webhooks): everything on one page, whatever `limit` says. */
export function unpaged<T>(items: readonly T[]): Page<T> {
  return paginated(items, Math.max(items.length, 1), 1);
}

/** A V2 list: `min_id`, then `limit` and `page`; 200 with a bare array, or 204 when nothing is left. */
export function v2List<T extends { id: number }>(items: readonly T[], query: URLSearchParams, m: Mutations): Reply {
  const minId = wholeNumber(query, 'min_id', 0) ?? 0;
  const { limit, current } = windowOf(query, m);
  const shown = items.filter((item) => item.id >= minId).slice((current - 1) * limit, current * limit);
  return shown.length > 0 ? ok(shown) : { status: 204 };
}

function windowOf(query: URLSearchParams, m: Mutations): { limit: number; current: number } {
  let limit = wholeNumber(query, 'limit', 1) ?? DEFAULT_LIMIT;
  if (limit > MAX_LIMIT) {
    if (!m.has('limit-clamped')) {
      refuse(413, `Too many objects requested: limit may be at most ${MAX_LIMIT}.`, {
        errors: { limit: `must be at most ${MAX_LIMIT}` },
      });
    }
    limit = MAX_LIMIT;
  }
  return { limit, current: wholeNumber(query, 'page', 1) ?? 1 };
}

function paginated<T>(items: readonly T[], limit: number, current: number): Page<T> {
  const data = items.slice((current - 1) * limit, current * limit);
  const totalPages = Math.ceil(items.length / limit);
  const link = (n: number) => `?page=${n}&limit=${limit}`;
  return {
    data,
    meta: {
      pagination: {
        total: items.length,
        count: data.length,
        per_page: limit,
        current_page: current,
        total_pages: totalPages,
        links: {
          ...(current > 1 && { previous: link(current - 1) }),
          current: link(current),
          ...(current < totalPages && { next: link(current + 1) }),
        },
      },
    },
  };
}

function wholeNumber(query: URLSearchParams, name: string, min: number): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    refuse(400, `${name} must be a whole number >= ${min}.`, {
      errors: { [name]: `must be a whole number >= ${min}` },
    });
  }
  return n;
}
