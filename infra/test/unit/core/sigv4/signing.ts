import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type {
  CredentialLookup,
  IncomingSignedRequest,
  SigningCredentials,
} from '../../../../src/core/sigv4/verify.js';

/** Test helpers: requests signed by the SDK's own signer, turned into what a Node server receives. */

export const REGION = 'us-east-1';
export const HOST = 'localhost:4566';
export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
export const ROOT: SigningCredentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
export const TEMPORARY: SigningCredentials = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//token+with/odd=chars',
};

export interface RequestSpec {
  service: string;
  method: string;
  /** The path as the SDK's serializer produced it (labels already percent-encoded). */
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: string;
  credentials?: SigningCredentials;
  signingDate?: number;
  region?: string;
  /** False to leave out `x-amz-content-sha256`, as signers other than the SDK's may. */
  applyChecksum?: boolean;
}

/** Signs a request with `@smithy/signature-v4` exactly as the SDK does for that service. */
export async function signed(spec: RequestSpec): Promise<IncomingSignedRequest> {
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body, 'utf8');
  const request = await signerFor(spec).sign(httpRequest(spec, body), {
    signingDate: new Date(spec.signingDate ?? NOW),
  });
  return onTheWire(request as HttpRequest, body);
}

/** A presigned URL for the request, as `getSignedUrl` of the S3 presigner makes it. */
export async function presigned(spec: RequestSpec & { expiresIn: number }): Promise<IncomingSignedRequest> {
  const request = httpRequest(spec, undefined);
  request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  const url = await signerFor(spec).presign(request, {
    signingDate: new Date(spec.signingDate ?? NOW),
    expiresIn: spec.expiresIn,
    unsignableHeaders: new Set(['content-type']),
  });
  return onTheWire(url as HttpRequest, undefined);
}

/** A lookup that knows the given credentials. */
export function lookupOf(...known: SigningCredentials[]): CredentialLookup {
  return (accessKeyId) => known.find((c) => c.accessKeyId === accessKeyId);
}

/** The same request with one header replaced. */
export function withHeader(
  req: IncomingSignedRequest,
  name: string,
  value: string | undefined,
): IncomingSignedRequest {
  return { ...req, headers: { ...req.headers, [name]: value } };
}

function signerFor(spec: RequestSpec): SignatureV4 {
  return new SignatureV4({
    service: spec.service,
    region: spec.region ?? REGION,
    credentials: spec.credentials ?? ROOT,
    sha256: Sha256,
    // The S3 client signs its path as sent; every other client lets the signer encode it again.
    uriEscapePath: spec.service !== 's3',
    applyChecksum: spec.applyChecksum ?? true,
  });
}

function httpRequest(spec: RequestSpec, body: Buffer | undefined): HttpRequest {
  const headers: Record<string, string> = { host: HOST, ...spec.headers };
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new HttpRequest({
    method: spec.method,
    protocol: 'http:',
    hostname: 'localhost',
    port: 4566,
    path: spec.path,
    query: spec.query ?? {},
    headers,
    body,
  });
}

/** What Node's HTTP server hands over: path and query as sent, lowercase header names, body bytes. */
function onTheWire(request: HttpRequest, body: Buffer | undefined): IncomingSignedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  return {
    method: request.method,
    rawPath: request.path,
    rawQuery: wireQuery(request.query),
    headers,
    body: body ?? Buffer.alloc(0),
  };
}

/** The query string the SDK's Node HTTP handler writes: sorted keys, RFC 3986 escapes. */
function wireQuery(query: HttpRequest['query']): string {
  const parts: string[] = [];
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    const values = Array.isArray(value) ? value : [value];
    for (const v of values)
      parts.push(
        v === null || v === undefined
          ? escapeQueryPart(key)
          : `${escapeQueryPart(key)}=${escapeQueryPart(v)}`,
      );
  }
  return parts.join('&');
}

function escapeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
