// JSON helpers that never throw on target input.
export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** RFC 6901 JSON Pointer lookup; undefined when any step is missing. */
export function getPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let node = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    // An array is indexed by a decimal without leading zeros (RFC 6901 §4): not `length`, not `01`.
    if (Array.isArray(node) && !ARRAY_INDEX.test(key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;
