import { ServiceError } from '../../core/errors.js';
import { isLocalRoute } from '../../core/server/local-routes.js';
import type { RequestHead, ServiceRequest, ServiceResponse } from '../../core/service.js';
import { badRequest, notFound } from './errors.js';
import type { Outbox, OutboxFilter } from './outbox.js';

/**
 * The outbox's route, for tests and the web app's debug panel (LocalStack has `/_aws/ses` for this):
 *
 * - `GET /_local/ses/outbox[?to=<address>&since=<ISO time>]` → `{"messages": [...]}`, oldest first
 * - `GET /_local/ses/outbox/<messageId>` → the message, or 404
 * - `DELETE /_local/ses/outbox` → 204, the outbox emptied
 *
 * Unsigned, and open to pages of any origin.
 */
export const OUTBOX_ROUTE = '/_local/ses/outbox';
const METHODS = 'GET, DELETE';

export function isOutboxRequest(head: RequestHead): boolean {
  return isLocalRoute(head, OUTBOX_ROUTE);
}

export async function serveOutbox(outbox: Outbox, request: ServiceRequest): Promise<ServiceResponse> {
  const rest = request.rawPath.slice(OUTBOX_ROUTE.length).replace(/^\/|\/$/g, '');
  const reading = request.method === 'GET' || request.method === 'HEAD';
  if (rest === '' && reading) return json(request, { messages: outbox.list(filterOf(request.query)) });
  if (rest === '' && request.method === 'DELETE') {
    await outbox.clear();
    return { status: 204, headers: { 'x-amzn-requestid': request.requestId } };
  }
  if (rest !== '' && !rest.includes('/') && reading) {
    const messageId = decodeURIComponent(rest);
    const message = outbox.get(messageId);
    if (!message) throw notFound(`The outbox has no message ${messageId}.`);
    return json(request, message);
  }
  if (rest !== '' && rest.includes('/')) throw notFound(`No such route: ${request.rawPath}`);
  throw new ServiceError('MethodNotAllowedException', `${request.method} is not allowed here.`, 405, {
    headers: { allow: rest === '' ? METHODS : 'GET' },
  });
}

/** The answer to a browser's preflight: any origin may read and empty the outbox. */
export function outboxPreflight(head: RequestHead): ServiceResponse {
  const requested = head.headers['access-control-request-headers'];
  return {
    status: 204,
    headers: {
      'access-control-allow-origin': head.headers.origin ?? '*',
      'access-control-allow-methods': METHODS,
      'access-control-allow-headers': typeof requested === 'string' && requested ? requested : 'content-type',
      'access-control-max-age': '86400',
      vary: 'Origin',
    },
  };
}

function filterOf(query: URLSearchParams): OutboxFilter {
  const filter: OutboxFilter = {};
  const to = query.get('to');
  if (to) filter.to = to;
  const since = query.get('since');
  if (since) {
    const time = Date.parse(since);
    if (Number.isNaN(time)) throw badRequest(`since must be an ISO 8601 time, got '${since}'.`);
    filter.since = new Date(time);
  }
  return filter;
}

function json(request: ServiceRequest, body: unknown): ServiceResponse {
  return {
    status: 200,
    headers: {
      'content-type': 'application/json',
      // A debug panel polls it: never an old copy.
      'cache-control': 'no-store',
      'x-amzn-requestid': request.requestId,
    },
    body: JSON.stringify(body),
  };
}
