// What a route handler gets and gives: the request, already authenticated,
// negotiated and parsed, and the reply it answers with.
import type { IncomingHttpHeaders } from 'node:http';
import type { Mutations } from './mutants';
import type { Reply } from './replies';
import type { Store } from './store';

/** What a handler gets: the request, already authenticated, negotiated and parsed. */
export interface Call {
  store: Store;
  m: Mutations;
  /** The `{id}` of item routes (NaN on collections). */
  id: number;
  /** The parent's id on nested routes (a custom field's product, an order's lines), else NaN. */
  parentId: number;
  query: URLSearchParams;
  /** Parsed JSON body of POST and PUT. */
  body: unknown;
  /** The fields of that body the route knows, already validated (all required on POST). */
  fields: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** Path of the version root, for Location headers. */
  versionRoot: string;
  /** `https://host:port` as the client addressed the target, for absolute links in bodies. */
  origin: string;
  /** Runs a task later; pending tasks are dropped when the target closes. */
  later(task: () => void, ms: number): void;
}

export type Handler = (c: Call) => Reply;
