const DIGIT_0 = 48;

/** Epoch milliseconds of a `yyyymmddThhmmssZ` time, or `NaN` when the text is not that shape. */
export function parseAmzDate(value: string): number {
  if (value.length !== 16 || value.charCodeAt(8) !== 84 /* T */ || value.charCodeAt(15) !== 90 /* Z */)
    return Number.NaN;
  const year = digits(value, 0, 4);
  const month = digits(value, 4, 6);
  const day = digits(value, 6, 8);
  const hour = digits(value, 9, 11);
  const minute = digits(value, 11, 13);
  const second = digits(value, 13, 15);
  // Date.UTC would silently roll 20240230 over to March: refuse what a real clock never shows.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour < 24 && minute < 60 && second < 61))
    return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Formats epoch milliseconds as `yyyymmddThhmmssZ`. */
export function formatAmzDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/**
 * The signing time from `x-amz-date`, or from `Date`, which clients may send in the HTTP-date form
 * instead of the ISO 8601 basic one; the string to sign always uses the basic form.
 */
export function normalizeSigningTime(value: string): string | undefined {
  if (!Number.isNaN(parseAmzDate(value))) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : formatAmzDate(ms);
}

function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}
