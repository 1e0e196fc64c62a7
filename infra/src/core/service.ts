import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Caller } from './auth/caller.js';
import type { ServiceError } from './errors.js';
import type { SignatureError, VerifiedRequest } from './sigv4/verify.js';

/** A request that reached a service: routed, body read, signature verified, caller known. */
export interface ServiceRequest {
  requestId: string;
  method: string;
  /** The path as received, still percent-encoded. */
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** True when the body was larger than the service accepts; `body` is then empty. */
  bodyTooLarge: boolean;
  /**
   * For services that stream bodies (S3): the body, unread. `body` is then empty and a declared
   * hex `x-amz-content-sha256` is still to be checked as it streams (`signature.bodyCheckPending`).
   */
  bodyStream?: AsyncIterable<Uint8Array>;
  /** The verified signature; absent for the unsigned requests a service accepts. */
  signature?: VerifiedRequest;
  caller: Caller;
}

export interface ServiceResponse {
  status: number;
  /** A streamed body needs its own `content-length` here. */
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
}

/** The request line and headers, before the body is read: enough to pick the service. */
export interface RequestHead {
  method: string;
  rawPath: string;
  headers: IncomingHttpHeaders;
}

/** One emulated AWS service behind the local cloud's single endpoint. */
export interface Service {
  /** The SigV4 signing name that routes signed requests here (`lambda`, `logs`, …). */
  readonly signingName: string;
  /** Bodies larger than this are not buffered; the service answers with its own "too large" error. */
  readonly maxBodyBytes: number;
  /** The service reads request bodies itself, as they stream (S3 objects of gigabytes). */
  readonly streamsBody?: boolean;
  /** Claims an unsigned request (to answer it with this service's own error, or for unsigned operations). */
  claims(head: RequestHead): boolean;
  /** Whether this unsigned request is one the real service accepts without a signature. */
  allowsUnsigned?(head: RequestHead): boolean;
  /**
   * CORS by the service's own rules (S3 buckets have theirs). Without it, any origin may call, as the
   * AWS API endpoints allow. `preflight` answers an OPTIONS request the service claims.
   */
  cors?: {
    claimsPreflight(head: RequestHead): boolean;
    preflight(head: RequestHead, requestId: string): ServiceResponse | Promise<ServiceResponse>;
    /** Headers to add to an actual response for this origin; none when the rules do not allow it. */
    responseHeaders(
      head: RequestHead,
      origin: string,
    ): Record<string, string> | Promise<Record<string, string>>;
  };
  handle(request: ServiceRequest): Promise<ServiceResponse>;
  /** Renders an error the way this service's protocol does. */
  renderError(error: ServiceError, requestId: string): ServiceResponse;
  /** This service's error for a signature that does not check out. */
  signatureError(error: SignatureError): ServiceError;
}
