import type { ServiceResponse } from '../../../core/service.js';
import { readObjectBody } from '../body/object-body.js';
import { principalIdOf, type S3Context, type S3Request } from '../context.js';
import {
  accessDenied,
  invalidRange,
  invalidRequest,
  keyTooLong,
  noSuchKey,
  preconditionFailed,
} from '../errors.js';
import type { S3EventName } from '../notifications/notifications.js';
import { emptyResponse, isoDate, s3Headers, xmlResponse } from '../responses.js';
import type { ObjectRecord } from '../store/object-store.js';
import { checksumHeaders } from './checksum-headers.js';
import { parseCopySource } from './copy-source.js';
import {
  evaluateConditions,
  objectHeadersOf,
  rangeOf,
  responseHeadersOf,
  responseOverrides,
  single,
} from './object-headers.js';

/** S3's limit for a single PUT. */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;
const MAX_KEY_BYTES = 1024;

export function checkKey(key: string): void {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) throw keyTooLong();
}

/**
 * PutObject: the body is decoded and verified as it streams into a temporary file, and published by
 * one rename only once its MD5, checksum and signature all checked out; then the bucket's
 * notifications are queued durably, and only then is the upload acknowledged.
 */
export async function putObject(context: S3Context, request: S3Request): Promise<ServiceResponse> {
  const { store } = context;
  checkKey(request.key);
  const bucket = store.requireBucket(request.bucket);
  const headers = objectHeadersOf(request.headers);
  const body = readObjectBody(request.bodyStream, {
    headers: request.headers,
    signature: request.signature,
    maxBytes: MAX_PUT_BYTES,
    query: request.query,
  });
  const pending = await store.beginPut(bucket.name, request.key);
  let record: ObjectRecord;
  try {
    for await (const chunk of body.chunks) await pending.write(chunk);
    const digest = body.digest();
    checkWriteConditions(context, request);
    record = await pending.commit({
      ...headers,
      etag: `"${digest.md5Hex}"`,
      checksum: digest.checksum && { ...digest.checksum, type: 'FULL_OBJECT' },
    });
  } catch (error) {
    await pending.abort();
    throw error;
  }
  await notify(context, request, 'ObjectCreated:Put', record);
  return emptyResponse(request.requestId, 200, {
    etag: record.etag,
    'x-amz-server-side-encryption': 'AES256',
    ...checksumHeaders(record.checksum),
  });
}

/** Conditional writes: `If-None-Match: *` refuses to overwrite, `If-Match` requires the current ETag. */
export function checkWriteConditions(context: S3Context, request: S3Request): void {
  const ifNoneMatch = single(request.headers['if-none-match']);
  const ifMatch = single(request.headers['if-match']);
  if (ifNoneMatch === undefined && ifMatch === undefined) return;
  const current = context.store.head(request.bucket, request.key);
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') throw invalidRequest('If-None-Match only accepts "*" on writes');
    if (current) throw preconditionFailed('If-None-Match');
  }
  if (ifMatch !== undefined) {
    if (!current) throw noSuchKey(request.key);
    if (ifMatch.trim() !== current.etag && `"${ifMatch.trim()}"` !== current.etag)
      throw preconditionFailed('If-Match');
  }
}

/** GetObject and HeadObject: conditionals, one byte range, `partNumber`, response header overrides. */
export async function getObject(
  context: S3Context,
  request: S3Request,
  head: boolean,
): Promise<ServiceResponse> {
  const { store } = context;
  store.requireBucket(request.bucket);
  const record = store.head(request.bucket, request.key);
  if (!record) throw noSuchKey(request.key);
  const headers = responseHeadersOf(record);
  if (record.partsCount !== undefined && request.query.has('partNumber')) {
    headers['x-amz-mp-parts-count'] = String(record.partsCount);
  }
  if (evaluateConditions(request.headers, record) === 'not-modified') {
    return {
      status: 304,
      headers: {
        ...s3Headers(request.requestId),
        etag: record.etag,
        'last-modified': headers['last-modified'] as string,
      },
    };
  }
  const rangeHeader = single(request.headers.range);
  const range = rangeOf(rangeHeader, record.size);
  if (range === 'unsatisfiable') throw invalidRange(record.size, rangeHeader ?? '');
  // A whole-object checksum says nothing about a range: S3 returns it only for full reads.
  if (request.headers['x-amz-checksum-mode'] === 'ENABLED' && !range) {
    Object.assign(headers, checksumHeaders(record.checksum));
  }
  Object.assign(headers, responseOverrides(request.query));

  const opened = head ? undefined : await store.openRead(request.bucket, request.key, range);
  // The object may have been replaced between the lookup and the open: answer with what was opened
  // (its record, and the range clamped to it).
  const served = opened?.record ?? record;
  const start = opened?.start ?? range?.start ?? 0;
  const end = opened?.end ?? range?.end ?? served.size - 1;
  const rangeHeaders: Record<string, string> = range
    ? { 'content-range': `bytes ${start}-${end}/${served.size}` }
    : {};
  return {
    status: range ? 206 : 200,
    headers: {
      ...s3Headers(request.requestId),
      ...headers,
      ...rangeHeaders,
      etag: served.etag,
      'content-length': String(Math.max(0, end - start + 1)),
    },
    body: opened?.stream,
  };
}

/** DeleteObject: 204 whether or not the key existed; an event only when something was removed. */
export async function deleteObject(context: S3Context, request: S3Request): Promise<ServiceResponse> {
  context.store.requireBucket(request.bucket);
  const existed = await context.store.delete(request.bucket, request.key);
  if (existed) await notify(context, request, 'ObjectRemoved:Delete');
  return emptyResponse(request.requestId, 204);
}

/**
 * CopyObject: `x-amz-copy-source` (`bucket/key`, URL-encoded), its conditionals, and
 * `x-amz-metadata-directive` COPY (default) or REPLACE.
 */
export async function copyObject(context: S3Context, request: S3Request): Promise<ServiceResponse> {
  const { store } = context;
  checkKey(request.key);
  store.requireBucket(request.bucket);
  const source = copySourceOf(single(request.headers['x-amz-copy-source']) ?? '');
  store.requireBucket(source.bucket);
  const sourceRecord = store.head(source.bucket, source.key);
  if (!sourceRecord) throw noSuchKey(source.key);
  checkCopySourceConditions(request, sourceRecord);
  const directive = single(request.headers['x-amz-metadata-directive']) ?? 'COPY';
  if (directive !== 'COPY' && directive !== 'REPLACE') throw invalidRequest('Unknown metadata directive.');
  if (directive === 'COPY' && source.bucket === request.bucket && source.key === request.key) {
    throw invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  checkWriteConditions(context, request);
  const record = await store.copy(
    { bucket: source.bucket, key: source.key },
    { bucket: request.bucket, key: request.key },
    directive === 'REPLACE' ? objectHeadersOf(request.headers) : undefined,
  );
  await notify(context, request, 'ObjectCreated:Copy', record);
  return xmlResponse(
    request.requestId,
    'CopyObjectResult',
    {
      ETag: record.etag,
      LastModified: isoDate(record.lastModified),
      ...checksumElements(record.checksum),
    },
    { 'x-amz-copy-source-version-id': 'null', 'x-amz-server-side-encryption': 'AES256' },
  );
}

function copySourceOf(header: string): { bucket: string; key: string } {
  const source = parseCopySource(header);
  if (!source)
    throw invalidRequest('Copy Source must mention the source bucket and key: sourcebucket/sourcekey');
  return source;
}

function checkCopySourceConditions(request: S3Request, source: ObjectRecord): void {
  const prefixed: Record<string, string | string[] | undefined> = {};
  for (const name of ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since']) {
    prefixed[name] = request.headers[`x-amz-copy-source-${name}`];
  }
  if (evaluateConditions(prefixed, source) === 'not-modified')
    throw preconditionFailed('x-amz-copy-source-If-None-Match');
}

export function checksumElements(checksum: ObjectRecord['checksum']): Record<string, string> {
  if (!checksum) return {};
  const name = `Checksum${checksum.algorithm}`;
  return { [name]: checksum.value, ChecksumType: checksum.type };
}

/** Queues the bucket's matching notifications for a change, durably, before the change is acknowledged. */
export async function notify(
  context: S3Context,
  request: S3Request,
  name: S3EventName,
  record?: ObjectRecord,
): Promise<void> {
  await notifyChange(context, name, {
    bucket: request.bucket,
    key: record?.key ?? request.key,
    record,
    requestId: request.requestId,
    principalId: principalIdOf(request.caller),
  });
}

/** The bucket's matching notifications for one change, whoever made it (a client, or an AWS service). */
export async function notifyChange(
  context: S3Context,
  name: S3EventName,
  change: { bucket: string; key: string; record?: ObjectRecord; requestId: string; principalId: string },
): Promise<void> {
  const notifications = context.store.bucket(change.bucket)?.configuration.notifications ?? [];
  if (notifications.length === 0) return;
  const { record } = change;
  await context.notifier.notify(notifications, {
    name,
    bucket: change.bucket,
    key: change.key,
    size: record?.size,
    etag: record?.etag.replaceAll('"', ''),
    requestId: change.requestId,
    sourceIp: '127.0.0.1',
    principalId: change.principalId,
    time: new Date(record?.lastModified ?? Date.now()),
  });
}

/** Refuses requests nobody signed: buckets are private until IAM and bucket policies say otherwise. */
export function requireSigned(request: S3Request): void {
  if (!request.signature) throw accessDenied();
}
