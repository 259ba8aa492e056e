// HTTP dates (RFC 9110 §5.6.7) for Last-Modified / If-Modified-Since, and the
// RFC 2822 form the V2 API uses in bodies (`date_modified`).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// The three formats a recipient must accept; anything else is not an HTTP-date.
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC_850 =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/** Milliseconds since the epoch, or undefined when the value is not a valid HTTP-date. */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  let parts: [day: string, month: string, year: number, h: string, m: string, s: string] | undefined;
  let match: RegExpExecArray | null;
  if ((match = IMF_FIXDATE.exec(v))) {
    parts = [match[1], match[2], Number(match[3]), match[4], match[5], match[6]];
  } else if ((match = RFC_850.exec(v))) {
    parts = [match[1], match[2], twoDigitYear(Number(match[3])), match[4], match[5], match[6]];
  } else if ((match = ASCTIME.exec(v))) {
    parts = [match[2], match[1], Number(match[6]), match[3], match[4], match[5]];
  }
  if (!parts) return undefined;
  const [day, monthName, year, h, m, s] = parts;
  const month = MONTHS.indexOf(monthName.toLowerCase());
  const ms = Date.UTC(year, month, Number(day), Number(h), Number(m), Number(s));
  // Reject values Date.UTC would silently roll over (31 Feb, 25:00, ...).
  const back = new Date(ms);
  const valid =
    month >= 0 &&
    back.getUTCDate() === Number(day) &&
    back.getUTCHours() === Number(h) &&
    back.getUTCMinutes() === Number(m) &&
    back.getUTCSeconds() === Number(s) &&
    back.getUTCMonth() === month;
  return valid ? ms : undefined;
}

// RFC 9110: a two-digit year more than 50 years in the future is in the past century.
function twoDigitYear(yy: number): number {
  const now = new Date().getUTCFullYear();
  let year = Math.floor(now / 100) * 100 + yy;
  if (year > now + 50) year -= 100;
  return year;
}

/** IMF-fixdate, the preferred HTTP-date format. */
export function imfDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** RFC 2822 with a numeric zone, as V2 bodies carry it (whole seconds, like HTTP dates). */
export function rfc2822Date(ms: number): string {
  return new Date(ms).toUTCString().replace(/GMT$/, '+0000');
}
