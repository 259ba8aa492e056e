// The documented status-code table (docs/status-codes.md): the 22 rows the
// suite checks. A test pins that every row has at least one scenario.

export type CodeClass = '2xx' | '3xx' | '4xx' | '5xx';
export const CODE_CLASSES: readonly CodeClass[] = ['2xx', '3xx', '4xx', '5xx'];

export interface TableRow {
  code: number;
  definition: string;
  deprecated?: boolean;
}

export const TABLE: readonly TableRow[] = [
  { code: 200, definition: 'OK' },
  { code: 201, definition: 'Created' },
  { code: 202, definition: 'Accepted' },
  { code: 204, definition: 'No Content' },
  { code: 301, definition: 'Moved Permanently' },
  { code: 302, definition: 'Found' },
  { code: 304, definition: 'Not Modified' },
  { code: 400, definition: 'Bad Request' },
  { code: 401, definition: 'Unauthorized' },
  { code: 403, definition: 'Forbidden' },
  { code: 404, definition: 'Not Found' },
  { code: 405, definition: 'Method Not Allowed' },
  { code: 406, definition: 'Not Acceptable' },
  { code: 409, definition: 'Conflict' },
  { code: 413, definition: 'Request Entity Too Large' },
  { code: 415, definition: 'Unsupported Media Type' },
  { code: 429, definition: 'Too Many Requests' },
  { code: 500, definition: 'Internal Server Error' },
  { code: 501, definition: 'Not Implemented' },
  { code: 503, definition: 'Service Unavailable' },
  { code: 507, definition: 'Insufficient Storage' },
  { code: 509, definition: 'Bandwidth Limit Exceeded', deprecated: true },
];

/** The headings of the table's sections. */
export const CLASS_HEADINGS: Readonly<Record<CodeClass, string>> = {
  '2xx': 'Success',
  '3xx': 'Redirection',
  '4xx': 'Client Error',
  '5xx': 'Server Error',
};

export function classOf(code: number): CodeClass {
  return `${Math.floor(code / 100)}xx` as CodeClass;
}

export function rowOf(code: number): TableRow | undefined {
  return TABLE.find((r) => r.code === code);
}
