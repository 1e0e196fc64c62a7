/** One decoded query parameter; a key without `=` has the value `''`. */
export interface QueryParam {
  key: string;
  value: string;
}

/** The parameters of a request without a query string. */
export const NO_PARAMS: readonly QueryParam[] = [];

/**
 * The canonical URI. S3 signs the path as sent. Every other service signs what `@smithy/signature-v4`
 * (`uriEscapePath`) makes of the already-encoded path: `.`/`..`/empty segments resolved, then each
 * segment encoded once more, so `%3A` on the wire is `%253A` in the canonical request.
 */
export function canonicalUri(rawPath: string, service: string): string {
  if (service === 's3') return rawPath;
  let plainExceptPercent = true;
  let hasPercent = false;
  for (let i = 0; i < rawPath.length; i++) {
    const c = rawPath.charCodeAt(i);
    if (c === 37 /* % */) hasPercent = true;
    else if (!isUnreserved(c) && c !== 47 /* / */) {
      plainExceptPercent = false;
      break;
    }
  }
  // Most paths need neither normalizing nor encoding beyond '%': answer them without splitting.
  if (
    plainExceptPercent &&
    rawPath.charCodeAt(0) === 47 &&
    !rawPath.includes('//') &&
    !rawPath.includes('/.')
  ) {
    return hasPercent ? rawPath.replaceAll('%', '%25') : rawPath;
  }
  return normalizeAndEscape(rawPath);
}

function normalizeAndEscape(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(escapeRfc3986(segment));
  }
  const lead = path.startsWith('/') ? '/' : '';
  const trail = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return `${lead}${segments.join('/')}${trail}`;
}

/** Splits a raw query string into decoded parameters, in wire order. */
export function parseQuery(rawQuery: string): QueryParam[] {
  const params: QueryParam[] = [];
  const length = rawQuery.length;
  let start = 0;
  while (start < length) {
    let end = rawQuery.indexOf('&', start);
    if (end < 0) end = length;
    if (end > start) {
      const eq = rawQuery.indexOf('=', start);
      if (eq < 0 || eq > end) params.push({ key: decode(rawQuery.slice(start, end)), value: '' });
      else
        params.push({ key: decode(rawQuery.slice(start, eq)), value: decode(rawQuery.slice(eq + 1, end)) });
    }
    start = end + 1;
  }
  return params;
}

/** The canonical query: every parameter but `X-Amz-Signature`, re-encoded, sorted by key then value. */
export function canonicalQuery(params: readonly QueryParam[]): string {
  if (params.length === 0) return '';
  const encoded: [string, string][] = [];
  for (const { key, value } of params) {
    if (key.length === 15 && key.toLowerCase() === 'x-amz-signature') continue;
    encoded.push([escapeRfc3986(key), escapeRfc3986(value)]);
  }
  // Plain code-unit order, which for the all-ASCII encoded strings is the byte order AWS sorts by.
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  let out = '';
  for (let i = 0; i < encoded.length; i++) {
    const pair = encoded[i] as [string, string];
    out += i === 0 ? `${pair[0]}=${pair[1]}` : `&${pair[0]}=${pair[1]}`;
  }
  return out;
}

/** The canonical header lines (`name:value`, one per signed header, without a final newline). */
export function canonicalHeaders(headers: IncomingHeaders, signedHeaders: readonly string[]): string {
  let out = '';
  for (let i = 0; i < signedHeaders.length; i++) {
    const name = signedHeaders[i] as string;
    const value = headerValue(headers, name);
    const line = `${name}:${value === undefined ? '' : canonicalHeaderValue(value)}`;
    out = i === 0 ? line : `${out}\n${line}`;
  }
  return out;
}

/** Node's `IncomingHttpHeaders`, or anything shaped like it. */
export type IncomingHeaders = Record<string, string | string[] | undefined>;

/** A header's value; repeated headers that Node keeps as an array are joined with ',' as SigV4 does. */
export function headerValue(headers: IncomingHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Same rule as the SDK's signer: CR/LF become spaces, runs of spaces/tabs one space, ends trimmed. */
function canonicalHeaderValue(value: string): string {
  let clean = value.length === 0 || (value.charCodeAt(0) !== 32 && value.charCodeAt(value.length - 1) !== 32);
  for (let i = 0; clean && i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c === 32 && value.charCodeAt(i + 1) === 32)) clean = false;
  }
  if (clean) return value;
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/** RFC 3986 encoding as SigV4 wants it: unreserved characters kept, everything else `%XX` uppercase. */
export function escapeRfc3986(text: string): string {
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    if (!isUnreserved(text.charCodeAt(i))) {
      plain = false;
      break;
    }
  }
  if (plain) return text;
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // A lone surrogate cannot be UTF-8 encoded; no client could have signed it either.
    return text;
  }
  return /[!'()*]/.test(encoded) ? encoded.replace(/[!'()*]/g, percentEncode) : encoded;
}

function percentEncode(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}

function isUnreserved(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 45 || // -
    c === 95 || // _
    c === 46 || // .
    c === 126 // ~
  );
}

function decode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    // Broken escapes: keep the text so the signature, not a decoding error, decides.
    return text;
  }
}
