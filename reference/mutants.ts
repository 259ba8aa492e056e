// Deliberately broken variants of the reference target. Each flips one
// behaviour; the suite's own tests run the scenarios named in `kills` against
// it and expect each to fail on the check named there (a YAML key such as
// `expect.body.schema`), which proves that check catches that fault.

export interface Mutant {
  name: string;
  /** The table row whose behaviour it breaks. */
  code: number;
  description: string;
  /**
   * Scenario id → the check (YAML key path) that must fail against this mutant. A key may be a
   * pattern over the ids of the expanded matrix (`<base>.<family>[.<op>]`), `*` standing for
   * any text of one id segment: `404-missing-id.brands.*`.
   */
  kills: Record<string, string>;
}

type Definition = Omit<Mutant, 'name'>;

const S = 'expect.status';
const SCHEMA = 'expect.body.schema';
const BODY_STATUS = 'expect.body.statusMatches';

// Keyed by name so that `MutantName` is a closed union: a misspelt
// `m.has('...')` in the server is a compile error.
const DEFINITIONS = {
  'get-product-bare': {
    code: 200,
    description: 'GET product returns the bare object without `data`',
    kills: { '200-get-product': SCHEMA },
  },
  'put-product-201': { code: 200, description: 'PUT product answers 201', kills: { '200-put-product': S } },
  'create-200': {
    code: 201,
    description: 'POST product/category answer 200 (the production deviation)',
    kills: { '201-create-product': S, '201-create-category': S },
  },
  'tree-delete-204': { code: 202, description: 'tree delete answers 204', kills: { '202-delete-category-tree': S } },
  'delete-200-body': {
    code: 204,
    description: 'DELETE product answers 200 with a JSON body',
    kills: { '204-delete-product': S },
  },
  'delete-order-200-body': {
    code: 204,
    description: 'DELETE order answers 200 with the order',
    kills: { '204-delete-order': S },
  },
  'http-redirect-302': { code: 301, description: 'the http listener answers 302', kills: { '301-http-to-https': S } },
  'redirect-drops-query': {
    code: 301,
    description: 'the 301 Location drops the query',
    kills: { '301-http-to-https': 'expect.location.query' },
  },
  'redirect-to-http': {
    code: 301,
    description: 'the 301 Location stays on http:',
    kills: { '301-http-to-https': 'expect.location.scheme' },
  },
  'deprecated-version-404': { code: 302, description: '/v1 answers 404', kills: { '302-deprecated-version': S } },
  'deprecated-version-wrong-path': {
    code: 302,
    description: '/v1 redirects to the store root, not to the current version of the resource',
    kills: { '302-deprecated-version': 'expect.location.path' },
  },
  'ignore-if-modified-since': {
    code: 304,
    description: 'If-Modified-Since is ignored: always 200',
    kills: { '304-not-modified': S },
  },
  'always-304': {
    code: 304,
    description: 'any If-Modified-Since gives 304',
    kills: { '304-modified-since-older-date': S },
  },
  'invalid-json-500': { code: 400, description: 'invalid JSON gives 500', kills: { '400-invalid-json': S } },
  'missing-field-422': {
    code: 400,
    description: 'missing required data gives 422 (production)',
    kills: { '400-missing-required-data': S },
  },
  'hooks-missing-content-type-415': {
    code: 400,
    description: 'webhooks without Content-Type give 415',
    kills: { '400-webhook-missing-content-type': S },
  },
  'no-token-accepted': {
    code: 401,
    description: 'a request without token is served',
    kills: { '401-missing-token': S },
  },
  'invalid-token-403': { code: 401, description: 'an unknown token gives 403', kills: { '401-invalid-token': S } },
  'hooks-401-text': {
    code: 401,
    description: 'webhooks answer 401 in plain text, as the catalog may',
    kills: { '401-webhooks-missing-token': SCHEMA },
  },
  'readonly-can-write': {
    code: 403,
    description: 'read-only token may write',
    kills: { '403-readonly-token-write': S },
  },
  'category-limit-ignored': { code: 403, description: 'category cap not enforced', kills: { '403-category-limit': S } },
  'deleted-product-200': {
    code: 404,
    description: 'GET of a deleted product answers 200',
    kills: { '404-product-missing': S },
  },
  'v2-error-object': {
    code: 404,
    description: 'V2 errors are a single object, not an array',
    kills: { '404-order-missing': SCHEMA, '405-put-orders-collection': SCHEMA },
  },
  'put-collection-404': {
    code: 405,
    description: 'PUT /v2/orders answers 404',
    kills: { '405-put-orders-collection': S },
  },
  'no-allow-header': {
    code: 405,
    description: '405 without Allow',
    kills: { '405-allow-header': 'expect.headers.match.Allow' },
  },
  'ignore-accept': {
    code: 406,
    description: 'Accept never checked',
    kills: { '406-accept-xml': S, '406-accept-json-q0': S },
  },
  'ignore-q-values': { code: 406, description: 'q=0 treated as acceptable', kills: { '406-accept-json-q0': S } },
  'wildcard-406': { code: 406, description: '`*/*` gives 406', kills: { '406-wildcard-accepted': S } },
  'category-delete-cascades': {
    code: 409,
    description: 'category with products is deleted (204)',
    kills: { '409-delete-category-with-product': S },
  },
  'limit-clamped': { code: 413, description: 'limit>250 clamped, 200', kills: { '413-limit-above-maximum': S } },
  'text-plain-accepted': { code: 415, description: 'text/plain body parsed as JSON', kills: { '415-text-plain': S } },
  'missing-content-type-400': {
    code: 415,
    description: 'missing Content-Type gives 400',
    kills: { '415-missing-content-type': S },
  },
  'rate-limit-headers-missing': {
    code: 429,
    description: '429 without the X-Rate-Limit-* headers',
    kills: { '429-quota-exhausted': 'expect.headers.present[0]' },
  },
  'rate-limit-never-resets': {
    code: 429,
    description: 'the window never resets',
    kills: { '429-recovers-after-reset': 'verify[1].expect.status' },
  },
  'fault-stack-trace': {
    code: 500,
    description: '500 answers text/html with a stack trace',
    kills: { '500-fault-injection': 'expect.body.notMatch' },
  },
  'trace-405': { code: 501, description: 'TRACE gives 405', kills: { '501-trace': S } },
  'patch-as-put': { code: 501, description: 'PATCH behaves as PUT (200)', kills: { '501-patch': S } },
  'maintenance-ignored': {
    code: 503,
    description: 'maintenance store serves normally',
    kills: { '503-maintenance': S, '503-maintenance-v2': S },
  },
  'maintenance-v3-body-on-v2': {
    code: 503,
    description: 'a V2 path under maintenance answers with a V3 error object',
    kills: { '503-maintenance-v2': SCHEMA },
  },
  'plan-limit-403': { code: 507, description: 'plan product cap answers 403', kills: { '507-plan-product-limit': S } },
  'legacy-quota-429': { code: 509, description: 'legacy quota answers 429', kills: { '509-legacy-hourly-quota': S } },
  'error-status-string': {
    code: 404,
    description: 'V3 error `status` is a string',
    kills: { '404-product-missing': SCHEMA, '413-limit-above-maximum': SCHEMA, '415-text-plain': BODY_STATUS },
  },
  'error-status-mismatch': {
    code: 400,
    description: 'error body `status` is always 400',
    kills: { '404-product-missing': BODY_STATUS, '415-missing-content-type': BODY_STATUS },
  },
  // Edition 2: each of these breaks one row in one resource family only; the others stay conforming.
  'products-trace-405': {
    code: 501,
    description: 'TRACE on the products collection and items gives 405 (other families still 501)',
    kills: { '501-trace.products.*': S },
  },
  'custom-fields-text-plain': {
    code: 415,
    description: 'custom fields take text/plain bodies as JSON',
    kills: { '415-text-plain.customFields.*': S },
  },
  'categories-unique-ignored': {
    code: 409,
    description: 'a second category with the same name under the same parent is created',
    kills: { '409-unique.categories': S },
  },
  'brands-missing-200': {
    code: 404,
    description: 'GET, PUT and DELETE of a missing brand answer 200',
    kills: { '404-missing-id.brands.*': S },
  },
  'webhooks-put-201': { code: 200, description: 'PUT of a webhook answers 201', kills: { '200-put.webhooks': S } },
  'orders-empty-list-200': {
    code: 204,
    description: 'an orders list with nothing to show answers 200 [] instead of 204',
    kills: { '204-empty-list.orders': S },
  },
  'orders-list-unpaged': {
    code: 413,
    description: 'the orders list ignores limit and page (limit=251 answers 200)',
    kills: { '413-limit-above-maximum.orders': S },
  },
  'customers-write-without-token': {
    code: 401,
    description: 'a customers write (POST, PUT, DELETE) without a token is served',
    kills: {
      '401-missing-token.customers.post': S,
      '401-missing-token.customers.put': S,
      '401-missing-token.customers.delete': S,
    },
  },
  'customers-if-modified-since-ignored': {
    code: 304,
    description: 'customers ignore If-Modified-Since: always 200',
    kills: { '304-not-modified.customers': S },
  },
} satisfies Record<string, Definition>;

export type MutantName = keyof typeof DEFINITIONS;

/** The active mutations of one running reference target (empty = conforming). */
export type Mutations = ReadonlySet<MutantName>;

export const MUTANTS: readonly Mutant[] = Object.entries(DEFINITIONS).map(([name, d]) => ({ name, ...d }));

/** Validates mutant names; an unknown one is a typo in a test, so it throws. */
export function mutationsFrom(names: readonly string[]): Mutations {
  const unknown = names.filter((n) => !Object.hasOwn(DEFINITIONS, n));
  if (unknown.length > 0) {
    throw new Error(`unknown mutant(s) ${unknown.join(', ')}; valid names: ${Object.keys(DEFINITIONS).join(', ')}`);
  }
  return new Set(names as MutantName[]);
}
