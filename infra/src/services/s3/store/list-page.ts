import { invalidContinuationToken } from '../errors.js';
import { endOfPrefix, lowerBound, upperBound } from './key-order.js';
import type { ObjectRecord } from './records.js';

/** ListObjectsV2 parameters (ListObjects V1 passes its `marker` as `startAfter`). */
export interface ListQuery {
  prefix?: string;
  delimiter?: string;
  startAfter?: string;
  /** From an earlier page's `nextContinuationToken`; takes precedence over `startAfter`, as in S3. */
  continuationToken?: string;
  /** 0–1000, default 1000. */
  maxKeys?: number;
}

export interface ListResult {
  contents: ObjectRecord[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextContinuationToken?: string;
  keyCount: number;
}

/** One page of a listing by key: ListObjects and ListMultipartUploads share it. */
export interface PageQuery {
  prefix?: string;
  delimiter?: string;
  /**
   * List only what sorts after this: a key, or a common prefix returned by an earlier page (then
   * everything under it is skipped too, as S3 does with a V1 `NextMarker`).
   */
  after?: string;
  /** Where to start instead of the first index after `after` (ListMultipartUploads' upload-id marker). */
  from?: number;
  maxItems: number;
}

export interface Page<T> {
  items: T[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The page's last key or common prefix: the next page starts after it. */
  last?: string;
}

/**
 * Lists sorted items as S3 does: those under `prefix`, with keys that contain `delimiter` after the
 * prefix rolled up into common prefixes, each counting toward `maxItems` like a key. A binary search
 * finds the start and jumps over each common prefix, so a page costs about its own length, not the
 * bucket's.
 */
export function listPage<T>(items: readonly T[], keyOf: (item: T) => string, query: PageQuery): Page<T> {
  const prefix = query.prefix ?? '';
  const delimiter = query.delimiter || undefined;
  const page: Page<T> = { items: [], commonPrefixes: [], isTruncated: false };
  // S3 answers max-keys=0 with an empty page that is not truncated.
  if (query.maxItems <= 0) return page;
  const start = query.from ?? (query.after === undefined ? 0 : upperBound(items, keyOf, query.after));
  let index = Math.max(start, lowerBound(items, keyOf, prefix));
  let count = 0;
  while (index < items.length) {
    const item = items[index] as T;
    const key = keyOf(item);
    if (!key.startsWith(prefix)) break;
    const cut = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
    const commonPrefix =
      delimiter === undefined || cut < 0 ? undefined : key.slice(0, cut + delimiter.length);
    if (commonPrefix !== undefined && query.after?.startsWith(commonPrefix)) {
      index = endOfPrefix(items, keyOf, commonPrefix, index);
      continue;
    }
    if (count === query.maxItems) {
      page.isTruncated = true;
      break;
    }
    count += 1;
    if (commonPrefix === undefined) {
      page.items.push(item);
      page.last = key;
      index += 1;
    } else {
      page.commonPrefixes.push(commonPrefix);
      page.last = commonPrefix;
      index = endOfPrefix(items, keyOf, commonPrefix, index);
    }
  }
  return page;
}

const TOKEN_MARK = 'k:';

/** An opaque ListObjectsV2 continuation token that resumes after a key or common prefix. */
export function continuationTokenAfter(last: string): string {
  return Buffer.from(`${TOKEN_MARK}${last}`).toString('base64');
}

/** The key or prefix a continuation token resumes after; InvalidArgument for a token this store did not make. */
export function afterContinuationToken(token: string): string {
  const text = Buffer.from(token, 'base64').toString();
  if (!text.startsWith(TOKEN_MARK) || continuationTokenAfter(text.slice(TOKEN_MARK.length)) !== token) {
    throw invalidContinuationToken(token);
  }
  return text.slice(TOKEN_MARK.length);
}
