import type { RequestHead, ServiceResponse } from '../service.js';

/**
 * CORS for the AWS APIs, so the SDK can call them from a browser page on another origin. The SDK signs
 * with headers, not cookies, so any origin may call; what matters is that the SDK's own headers are
 * allowed and the response headers it reads are exposed.
 */
const EXPOSED_HEADERS = [
  'x-amzn-requestid',
  'x-amzn-errortype',
  'x-amzn-error-message',
  'x-amz-function-error',
  'x-amz-log-result',
  'x-amz-executed-version',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amz-version-id',
  'etag',
  'date',
  'retry-after',
].join(', ');

const ALLOWED_METHODS = 'GET, PUT, POST, DELETE, HEAD, PATCH, OPTIONS';
const DEFAULT_ALLOWED_HEADERS =
  'authorization, content-type, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-target, x-amz-content-sha256, x-amz-invocation-type, x-amz-log-type, x-amz-client-context, amz-sdk-invocation-id, amz-sdk-request';

export function isPreflight(head: RequestHead): boolean {
  return (
    head.method === 'OPTIONS' &&
    head.headers.origin !== undefined &&
    head.headers['access-control-request-method'] !== undefined
  );
}

export function preflightResponse(head: RequestHead): ServiceResponse {
  const requested = head.headers['access-control-request-headers'];
  return {
    status: 200,
    headers: {
      'access-control-allow-methods': ALLOWED_METHODS,
      // Echo what the browser asks for: the SDK adds new `amz-sdk-*`/`x-amz-*` headers over time.
      'access-control-allow-headers':
        typeof requested === 'string' && requested ? requested : DEFAULT_ALLOWED_HEADERS,
      'access-control-max-age': '86400',
    },
  };
}

export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}
