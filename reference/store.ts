// One store: its credentials, its data, its limits and its special behaviour.
// Every store serves the same routes; the special ones differ only by config.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { RateWindow } from './rate-window';

export interface Product {
  id: number;
  name: string;
  type: 'physical' | 'digital';
  weight: number;
  price: number;
  categories: number[];
  date_created: string;
  date_modified: string;
}

export interface Category {
  id: number;
  parent_id: number;
  name: string;
}

/** A product's custom field; it lives and dies with its product. */
export interface CustomField {
  id: number;
  product_id: number;
  name: string;
  value: string;
}

export interface Brand {
  id: number;
  name: string;
}

export interface Hook {
  id: number;
  scope: string;
  destination: string;
  is_active: boolean;
  created_at: number;
  updated_at: number;
}

export interface Order {
  id: number;
  customer_id: number;
  status_id: number;
  status: string;
  products: object[];
  billing_address: object;
  /** RFC 2822, whole seconds: also the source of Last-Modified. */
  date_created: string;
  date_modified: string;
}

/** A V2 customer: the required fields, and every other field as the client sent it. */
export interface Customer {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  /** RFC 2822, whole seconds: also the source of Last-Modified. */
  date_created: string;
  date_modified: string;
  [field: string]: unknown;
}

export type Access = 'read-write' | 'read-only';
export type Credential = Access | 'missing' | 'invalid';

export interface StoreConfig {
  name: string;
  /** X-Auth-Token values this store accepts. */
  tokens: { token: string; access: Access }[];
  /** Legacy API root: HTTP Basic credentials instead of tokens. */
  basic?: { user: string; password: string };
  /** "Down for Maintenance": 503 for everything. */
  maintenance?: boolean;
  /** Honours `X-Conformance-Fault: 500`. */
  fault?: boolean;
  /** Plan cap on products (507 past it); none by default. */
  productLimit?: number;
  /** Category cap (403 past it); the documented 16,000 by default. */
  categoryLimit?: number;
  rate: { quota: number; windowMs: number };
  /** Legacy hourly request quota (509 past it). */
  hourlyQuota?: number;
  /** Data the store starts with, so limits are partly used, as on a real store. */
  seed?: { products?: number; categories?: number };
}

const DOCUMENTED_CATEGORY_LIMIT = 16_000;
const HOUR_MS = 3_600_000;

export class Store {
  readonly products = new Map<number, Product>();
  readonly customFields = new Map<number, CustomField>();
  readonly categories = new Map<number, Category>();
  readonly brands = new Map<number, Brand>();
  readonly hooks = new Map<number, Hook>();
  readonly orders = new Map<number, Order>();
  readonly customers = new Map<number, Customer>();
  readonly limiter: RateWindow;
  readonly hourly: RateWindow | undefined;
  readonly productLimit: number;
  readonly categoryLimit: number;
  private lastId = 0;

  /** `neverResets`: the `rate-limit-never-resets` mutant. */
  constructor(
    readonly config: StoreConfig,
    neverResets = false,
  ) {
    this.limiter = new RateWindow(config.rate.quota, config.rate.windowMs, neverResets);
    this.hourly = config.hourlyQuota === undefined ? undefined : new RateWindow(config.hourlyQuota, HOUR_MS);
    this.productLimit = config.productLimit ?? Number.POSITIVE_INFINITY;
    this.categoryLimit = config.categoryLimit ?? DOCUMENTED_CATEGORY_LIMIT;
    this.seed(config.seed ?? {});
  }

  get name(): string {
    return this.config.name;
  }

  /** Ids come from one counter per store and are never reused. */
  nextId(): number {
    return ++this.lastId;
  }

  credential(headers: IncomingHttpHeaders): Credential {
    const { basic, tokens } = this.config;
    if (basic) {
      const authorization = headers.authorization;
      if (!authorization) return 'missing';
      const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(authorization);
      const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
      const colon = decoded.indexOf(':');
      const ok =
        colon >= 0 &&
        sameSecret(decoded.slice(0, colon), basic.user) &&
        sameSecret(decoded.slice(colon + 1), basic.password);
      return ok ? 'read-write' : 'invalid';
    }
    const token = headers['x-auth-token'];
    if (token === undefined || token === '') return 'missing';
    if (typeof token !== 'string') return 'invalid';
    const found = tokens.find((t) => sameSecret(token, t.token));
    return found ? found.access : 'invalid';
  }

  private seed({ products = 0, categories = 0 }: { products?: number; categories?: number }): void {
    const now = new Date().toISOString();
    for (let n = 1; n <= categories; n++) {
      const id = this.nextId();
      this.categories.set(id, { id, parent_id: 0, name: `seeded category ${n}` });
    }
    for (let n = 1; n <= products; n++) {
      const id = this.nextId();
      this.products.set(id, {
        id,
        name: `seeded product ${n}`,
        type: 'physical',
        weight: 1,
        price: 10,
        categories: [],
        date_created: now,
        date_modified: now,
      });
    }
  }
}

// Constant-time comparison of secrets of any length (hash first, then compare).
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}
