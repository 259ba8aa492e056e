// V2 items carry Last-Modified and honour If-Modified-Since (RFC 9110 §13.1.3):
// 304 without a body when the item has not changed since that date.
import type { Call } from './call';
import { imfDate, parseHttpDate } from './http-date';
import { ok, type Reply } from './replies';

/** `dateModified`: the item's RFC 2822 `date_modified` (whole seconds, like HTTP dates). */
export function lastModified(dateModified: string): Record<string, string> {
  return { 'Last-Modified': imfDate(Date.parse(dateModified)) };
}

/** GET of a V2 item; `ignoreSince` lets a family's mutant ignore the header. */
export function conditionalGet(c: Call, body: object, dateModified: string, ignoreSince = false): Reply {
  const headers = lastModified(dateModified);
  // An unparseable date is ignored, as RFC 9110 requires.
  const since = parseHttpDate(c.headers['if-modified-since']);
  if (since !== undefined && !ignoreSince && !c.m.has('ignore-if-modified-since')) {
    if (since >= Date.parse(dateModified) || c.m.has('always-304')) return { status: 304, headers };
  }
  return ok(body, headers);
}
