// A JSON body indented two spaces, so that a long one wraps between values
// instead of inside them; anything else (not JSON, cut short, very large) as it
// came. The HTML report's script has its own copy: it must be self-contained.
const MAX_PRETTY = 500_000;

export function readableBody(text: string): string {
  if (text.length > MAX_PRETTY || !/^\s*[[{]/.test(text)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
