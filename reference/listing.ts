// Paging of V3 collections: `limit` (default 50, documented maximum 250; above
// it the table asks for 413) and `page`.
import type { Mutations } from './mutants';
import { refuse } from './replies';

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

export function page<T>(items: readonly T[], query: URLSearchParams, m: Mutations): Page<T> {
  let limit = positiveInteger(query, 'limit') ?? DEFAULT_LIMIT;
  if (limit > MAX_LIMIT) {
    if (!m.has('limit-clamped')) {
      refuse(413, `Too many objects requested: limit may be at most ${MAX_LIMIT}.`, {
        errors: { limit: `must be at most ${MAX_LIMIT}` },
      });
    }
    limit = MAX_LIMIT;
  }
  const current = positiveInteger(query, 'page') ?? 1;
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

function positiveInteger(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    refuse(400, `${name} must be a whole number >= 1.`, { errors: { [name]: 'must be a whole number >= 1' } });
  }
  return n;
}
