import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceError } from '../errors.js';
import type { Caller } from '../iam/caller.js';
import type { SignatureError } from '../sigv4/verify.js';

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
  caller: Caller;
}

export interface ServiceResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
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
  /** Claims an unsigned request (to answer it with this service's own error, or for unsigned operations). */
  claims(head: RequestHead): boolean;
  /** Whether this unsigned request is one the real service accepts without a signature. */
  allowsUnsigned?(head: RequestHead): boolean;
  handle(request: ServiceRequest): Promise<ServiceResponse>;
  /** Renders an error the way this service's protocol does. */
  renderError(error: ServiceError, requestId: string): ServiceResponse;
  /** This service's error for a signature that does not check out. */
  signatureError(error: SignatureError): ServiceError;
}
