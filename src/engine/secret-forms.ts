// The forms a target may echo a secret back in: as sent; percent-encoded (a
// URL component, a whole URL, a form with `+` for space; either hex case);
// JSON-escaped (`\/` for `/`, `\u00XX` for control and other characters); and
// base64 (padded, bare, URL-safe). Each is masked wherever it appears.
export function secretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  for (const encoded of [encodeURIComponent(secret), encodeURI(secret), formEncode(secret)]) {
    forms.add(encoded);
    forms.add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  }
  for (const slash of [false, true])
    for (const unicode of [false, true])
      for (const upper of [false, true]) forms.add(jsonEscape(secret, slash, unicode, upper));
  const bytes = Buffer.from(secret, 'utf8');
  forms.add(bytes.toString('base64'));
  forms.add(bytes.toString('base64').replace(/=+$/, ''));
  forms.add(bytes.toString('base64url'));
  return [...forms];
}

/** application/x-www-form-urlencoded: `+` for space, everything else but `*-._` and alphanumerics as %XX. */
function formEncode(text: string): string {
  return new URLSearchParams({ s: text }).toString().slice(2);
}

/**
 * A JSON string's inside, as different encoders write it: `slash` escapes `/` (PHP), `unicode` writes every
 * character outside printable ASCII as `\uXXXX` (Python's ensure_ascii) instead of JSON.stringify's short forms.
 */
function jsonEscape(text: string, slash: boolean, unicode: boolean, upper: boolean): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (unicode && (code < 0x20 || code > 0x7e)) {
      // A character beyond the BMP is two UTF-16 units, each escaped.
      for (let i = 0; i < ch.length; i++) {
        const hex = ch.charCodeAt(i).toString(16).padStart(4, '0');
        out += `\\u${upper ? hex.toUpperCase() : hex}`;
      }
    } else if (ch === '/' && slash) out += '\\/';
    else out += JSON.stringify(ch).slice(1, -1);
  }
  return upper && !unicode ? out.replace(/\\u[0-9a-f]{4}/g, (u) => `\\u${u.slice(2).toUpperCase()}`) : out;
}
