import { normalizeSigningTime, parseAmzDate } from './amz-date.js';
import { headerValue, type IncomingHeaders, parseQuery, type QueryParam } from './canonical.js';
import { SignatureError } from './signature-error.js';
import type { SignatureInfo } from './types.js';

/** The only signing algorithm the local cloud (like most of AWS) accepts. */
export const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_EXPIRES_SECONDS = 604_800;

/** The parts of a request that say whether and how it is signed. */
export interface SignatureSource {
  rawQuery: string;
  headers: IncomingHeaders;
}

/**
 * Reads the signature of a request (Authorization header or presigned-URL query) without checking
 * it, so that the request can be routed by the service it was signed for before its body is read.
 * Returns `undefined` when the request is unsigned; throws SignatureError('malformed') when a
 * signature is there but cannot be parsed.
 */
export function readSignature(req: SignatureSource): SignatureInfo | undefined {
  return signatureOf(req, undefined);
}

/** `readSignature`, reusing query parameters the caller has already parsed. */
export function signatureOf(
  req: SignatureSource,
  params: readonly QueryParam[] | undefined,
): SignatureInfo | undefined {
  const authorization = headerValue(req.headers, 'authorization');
  const queryAuth = hasQueryAuth(req.rawQuery);
  if (authorization !== undefined) {
    if (queryAuth) {
      throw malformed(
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      );
    }
    return fromAuthorizationHeader(authorization, req.headers);
  }
  return queryAuth ? fromQuery(params ?? parseQuery(req.rawQuery), req.headers) : undefined;
}

function hasQueryAuth(rawQuery: string): boolean {
  return (
    rawQuery.length > 0 &&
    (rawQuery.includes('X-Amz-Algorithm=') ||
      rawQuery.includes('X-Amz-Credential=') ||
      rawQuery.includes('X-Amz-Signature='))
  );
}

function fromAuthorizationHeader(authorization: string, headers: IncomingHeaders): SignatureInfo {
  let credential: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  if (authorization.startsWith(`${ALGORITHM} `)) {
    for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
      const item = part.trim();
      if (item === '') continue;
      const eq = item.indexOf('=');
      if (eq < 0) {
        throw malformed(
          `'${item}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
        );
      }
      const value = item.slice(eq + 1);
      switch (item.slice(0, eq)) {
        case 'Credential':
          credential = value;
          break;
        case 'SignedHeaders':
          signedHeaders = value;
          break;
        case 'Signature':
          signature = value;
          break;
      }
    }
  }
  const rawTime = headerValue(headers, 'x-amz-date') ?? headerValue(headers, 'date');
  if (
    credential === undefined ||
    signedHeaders === undefined ||
    signature === undefined ||
    rawTime === undefined
  ) {
    throw malformed(incompleteHeaderMessage(authorization, credential, signedHeaders, signature, rawTime));
  }
  const amzDate = normalizeSigningTime(rawTime);
  if (amzDate === undefined)
    throw malformed(
      `Date must be in ISO-8601 'basic format'. Got '${rawTime}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  const [accessKeyId, date, region, service] = scopeOf(credential, amzDate);
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaderList(signedHeaders),
    signature,
    presigned: false,
    amzDate,
    signedAtMs: parseAmzDate(amzDate),
    expiresSeconds: undefined,
    sessionToken: headerValue(headers, 'x-amz-security-token'),
  };
}

function fromQuery(params: readonly QueryParam[], headers: IncomingHeaders): SignatureInfo {
  let algorithm: string | undefined;
  let credential: string | undefined;
  let amzDate: string | undefined;
  let expires: string | undefined;
  let signedHeaders: string | undefined;
  let signature: string | undefined;
  let sessionToken: string | undefined;
  for (const { key, value } of params) {
    switch (key) {
      case 'X-Amz-Algorithm':
        algorithm = value;
        break;
      case 'X-Amz-Credential':
        credential = value;
        break;
      case 'X-Amz-Date':
        amzDate = value;
        break;
      case 'X-Amz-Expires':
        expires = value;
        break;
      case 'X-Amz-SignedHeaders':
        signedHeaders = value;
        break;
      case 'X-Amz-Signature':
        signature = value;
        break;
      case 'X-Amz-Security-Token':
        sessionToken = value;
        break;
    }
  }
  if (
    algorithm === undefined ||
    credential === undefined ||
    amzDate === undefined ||
    expires === undefined ||
    signedHeaders === undefined ||
    signature === undefined
  ) {
    throw malformed(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  if (algorithm !== ALGORITHM) throw malformed(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  const signedAtMs = parseAmzDate(amzDate);
  if (Number.isNaN(signedAtMs))
    throw malformed(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  const expiresSeconds = expiresOf(expires);
  const [accessKeyId, date, region, service] = scopeOf(credential, amzDate);
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaderList(signedHeaders),
    signature,
    presigned: true,
    amzDate,
    signedAtMs,
    expiresSeconds,
    sessionToken: sessionToken ?? headerValue(headers, 'x-amz-security-token'),
  };
}

function expiresOf(text: string): number {
  if (!/^\d{1,7}$/.test(text)) throw malformed('X-Amz-Expires should be a number');
  const seconds = Number(text);
  if (seconds < 1) throw malformed('X-Amz-Expires must be non-negative');
  if (seconds > MAX_EXPIRES_SECONDS) {
    throw malformed(
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  return seconds;
}

/**
 * `<key>/<yyyymmdd>/<region>/<service>/aws4_request` as `[key, date, region, service]`; the date must
 * be the signing time's day.
 */
function scopeOf(credential: string, amzDate: string): [string, string, string, string] {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.includes('')) {
    throw malformed(
      `Credential should be scoped to a valid region, service and terminator: '${credential}'.`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== 'aws4_request') {
    throw malformed(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
    );
  }
  if (date !== amzDate.slice(0, 8)) {
    throw malformed(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  return [accessKeyId, date, region, service];
}

function signedHeaderList(text: string): string[] {
  const names = text.toLowerCase().split(';');
  if (!names.includes('host'))
    throw malformed("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  return names;
}

function incompleteHeaderMessage(
  authorization: string,
  credential: string | undefined,
  signedHeaders: string | undefined,
  signature: string | undefined,
  time: string | undefined,
): string {
  const missing: string[] = [];
  if (credential === undefined) missing.push("Authorization header requires 'Credential' parameter.");
  if (signature === undefined) missing.push("Authorization header requires 'Signature' parameter.");
  if (signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  if (time === undefined)
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  return `${missing.join(' ')} Authorization=${authorization}`;
}

function malformed(message: string): SignatureError {
  return new SignatureError('malformed', message);
}
