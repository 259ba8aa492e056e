// The scenario file format, as TypeScript. schemas/scenario.schema.json is the
// authority (files are validated against it at load); these types mirror it.

export type StoreName =
  'main' | 'http' | 'maintenance' | 'planLimited' | 'categoryLimited' | 'rateLimited' | 'fault' | 'legacy';

export type AuthMode = 'token' | 'readonly' | 'invalid' | 'basic' | 'none';

export interface RequestSpec {
  store?: StoreName;
  auth?: AuthMode;
  method: string;
  path: string;
  query?: Record<string, string | number | boolean>;
  /** null removes a default header. */
  headers?: Record<string, string | null>;
  json?: unknown;
  body?: string;
}

export interface Repeat {
  times: number | string;
  until: number;
}

export type Source = { body: string } | { header: string } | { status: true };

export type StatusExpect = number | number[] | '1xx' | '2xx' | '3xx' | '4xx' | '5xx';

export interface HeaderExpect {
  present?: string[];
  absent?: string[];
  match?: Record<string, string>;
  notMatch?: Record<string, string>;
}

export type BodyExpect =
  | 'empty'
  | {
      schema?: string | Record<string, unknown>;
      statusMatches?: boolean;
      alsoAccept?: Array<'empty' | 'text'>;
      notMatch?: string;
      equals?: Record<string, unknown>;
    };

export interface ExpectSpec {
  status?: StatusExpect;
  headers?: HeaderExpect;
  body?: BodyExpect;
  location?: string;
}

export interface RequestStep {
  name?: string;
  request: RequestSpec;
  expect?: ExpectSpec;
  capture?: Record<string, Source>;
  collect?: Record<string, Source>;
  repeat?: Repeat;
  forEach?: string;
}

export interface WaitStep {
  name?: string;
  wait: { ms: number | string; max?: number };
}

export type Step = RequestStep | WaitStep;

export interface ScenarioDoc {
  id: string;
  title: string;
  code: number;
  doc: string;
  level: 'must' | 'should';
  requires: string[];
  setup?: Step[];
  request: RequestSpec;
  repeat?: Repeat;
  collect?: Record<string, Source>;
  capture?: Record<string, Source>;
  expect: ExpectSpec & { status: number };
  verify?: Step[];
  cleanup?: Step[];
}

/** A validated scenario and where it came from. */
export interface Scenario extends ScenarioDoc {
  /** Path relative to the scenario root, with forward slashes. */
  file: string;
  /** Absolute path, for error messages. */
  absFile: string;
}
