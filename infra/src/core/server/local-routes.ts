import type { RequestHead } from '../service.js';
import { hostNamesBucket } from './host-names.js';

/**
 * Whether a request is for one of the local cloud's own routes (`/_local/<service>/…`): helpers with
 * no AWS counterpart, such as the SES outbox, served unsigned on the endpoint's host. They cannot be
 * taken for S3 path-style requests, as `_local` is no valid bucket name; on a bucket's own host
 * (`<bucket>.localhost`) the same path is an object key, and stays S3's.
 *
 * @example isLocalRoute(head, '/_local/ses/outbox') // true for `/_local/ses/outbox` and `/_local/ses/outbox/<id>`
 */
export function isLocalRoute(head: RequestHead, route: `/_local/${string}`): boolean {
  if (head.rawPath !== route && !head.rawPath.startsWith(`${route}/`)) return false;
  return !hostNamesBucket(head.headers);
}
