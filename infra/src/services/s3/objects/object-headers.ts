import type { IncomingHttpHeaders } from 'node:http';
import { storedContentEncoding } from '../body/content-encoding.js';
import { invalidArgument, preconditionFailed, s3Error } from '../errors.js';
import { httpDate } from '../responses.js';
import type { ObjectMetadata } from '../store/records.js';

/** What S3 keeps of an upload's headers and gives back on GET and HEAD; type and user metadata always. */
export type ObjectHeaders = ObjectMetadata & Required<Pick<ObjectMetadata, 'contentType' | 'userMetadata'>>;

/** S3's default when an upload names no type. */
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';
/** User metadata (names and values) is limited to 2 KB. */
const MAX_USER_METADATA_BYTES = 2048;

/** Reads the stored headers of an object from a PUT (or a copy that replaces metadata). */
export function objectHeadersOf(headers: IncomingHttpHeaders): ObjectHeaders {
  const userMetadata: Record<string, string> = {};
  let metadataBytes = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    const key = name.slice('x-amz-meta-'.length);
    userMetadata[key] = text;
    metadataBytes += Buffer.byteLength(key) + Buffer.byteLength(text);
  }
  if (metadataBytes > MAX_USER_METADATA_BYTES) {
    throw s3Error('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size', 400, {
      Size: metadataBytes,
      MaxSizeAllowed: MAX_USER_METADATA_BYTES,
    });
  }
  return {
    contentType: single(headers['content-type']) ?? DEFAULT_CONTENT_TYPE,
    contentEncoding: storedContentEncoding(single(headers['content-encoding'])),
    contentDisposition: single(headers['content-disposition']),
    contentLanguage: single(headers['content-language']),
    cacheControl: single(headers['cache-control']),
    expires: single(headers.expires),
    websiteRedirectLocation: single(headers['x-amz-website-redirect-location']),
    userMetadata,
  };
}

/** The response headers of a GET or HEAD for a stored object. */
export function responseHeadersOf(
  object: ObjectHeaders & { etag: string; lastModified: number },
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': httpDate(object.lastModified),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  if (object.contentEncoding) headers['content-encoding'] = object.contentEncoding;
  if (object.contentDisposition) headers['content-disposition'] = object.contentDisposition;
  if (object.contentLanguage) headers['content-language'] = object.contentLanguage;
  if (object.cacheControl) headers['cache-control'] = object.cacheControl;
  if (object.expires) headers.expires = object.expires;
  if (object.websiteRedirectLocation)
    headers['x-amz-website-redirect-location'] = object.websiteRedirectLocation;
  for (const [name, value] of Object.entries(object.userMetadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/** `response-content-type` and friends on a GET override the stored headers (presigned downloads use them). */
export function responseOverrides(query: URLSearchParams): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [param, header] of OVERRIDES) {
    const value = query.get(param);
    if (value !== null) overrides[header] = value;
  }
  return overrides;
}

const OVERRIDES = [
  ['response-content-type', 'content-type'],
  ['response-content-language', 'content-language'],
  ['response-expires', 'expires'],
  ['response-cache-control', 'cache-control'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
] as const;

export type ConditionOutcome = 'proceed' | 'not-modified';

/**
 * Evaluates `If-Match`, `If-None-Match`, `If-Modified-Since` and `If-Unmodified-Since` as S3 does
 * (RFC 7232 order: If-Match then If-Unmodified-Since decide 412; If-None-Match then
 * If-Modified-Since decide 304). Throws PreconditionFailed.
 */
export function evaluateConditions(
  headers: IncomingHttpHeaders,
  object: { etag: string; lastModified: number },
): ConditionOutcome {
  const ifMatch = single(headers['if-match']);
  const ifNoneMatch = single(headers['if-none-match']);
  const ifModifiedSince = parseHttpDate(single(headers['if-modified-since']));
  const ifUnmodifiedSince = parseHttpDate(single(headers['if-unmodified-since']));
  // HTTP dates have whole seconds; the object's time is compared at that precision.
  const modifiedSeconds = Math.floor(object.lastModified / 1000);

  if (ifMatch !== undefined) {
    if (!etagListMatches(ifMatch, object.etag)) throw preconditionFailed('If-Match');
  } else if (ifUnmodifiedSince !== undefined && modifiedSeconds > ifUnmodifiedSince / 1000) {
    throw preconditionFailed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) {
    if (etagListMatches(ifNoneMatch, object.etag)) return 'not-modified';
  } else if (ifModifiedSince !== undefined && modifiedSeconds <= ifModifiedSince / 1000) {
    return 'not-modified';
  }
  return 'proceed';
}

/** Whether a header's list of entity tags (`"a", W/"b"`, or `*`) names this ETag. */
export function etagListMatches(list: string, etag: string): boolean {
  const bare = unquote(etag);
  return list.split(',').some((item) => {
    const tag = item.trim().replace(/^W\//, '');
    return tag === '*' || unquote(tag) === bare;
  });
}

function unquote(tag: string): string {
  return tag.startsWith('"') && tag.endsWith('"') ? tag.slice(1, -1) : tag;
}

function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** An inclusive byte range of an object. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a `Range` header. S3 serves one range (`bytes=0-99`, `bytes=100-`, `bytes=-100`); a header it
 * cannot parse, or several ranges, is ignored and the whole object returned, as S3 does. A range that
 * starts past the end is 416 InvalidRange.
 */
export function rangeOf(header: string | undefined, size: number): ByteRange | undefined | 'unsatisfiable' {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size) return 'unsatisfiable';
  if (end < start) return undefined;
  return { start, end };
}

/** A header that must be an integer within bounds, as S3 checks `max-keys`, `partNumber`, … */
export function integerParam(
  value: string | null,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === null) return undefined;
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || number < min || number > max) {
    throw invalidArgument(`${name} must be an integer between ${min} and ${max}`, name, value);
  }
  return number;
}

export function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
