import type { ServiceResponse } from '../../../core/service.js';
import type { S3Context, S3Request } from '../context.js';
import { invalidArgument, invalidRequest, malformedXml } from '../errors.js';
import { integerParam } from '../objects/object-headers.js';
import { checksumElements, notify } from '../objects/object-operations.js';
import { isoDate, xmlResponse } from '../responses.js';
import type { ObjectRecord } from '../store/object-store.js';
import { parseXml, repeated, text } from '../xml-request.js';

const MAX_KEYS = 1000;

/** ListObjectsV2: prefix, delimiter, continuation token, start-after, max-keys, fetch-owner, encoding-type. */
export function listObjectsV2(context: S3Context, request: S3Request): ServiceResponse {
  const { query } = request;
  context.store.requireBucket(request.bucket);
  const encoding = encodingOf(query);
  const continuationToken = query.get('continuation-token') ?? undefined;
  const maxKeys = integerParam(query.get('max-keys'), 'max-keys', 0, 2 ** 31 - 1) ?? MAX_KEYS;
  const page = context.store.list(request.bucket, {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? undefined,
    startAfter: query.get('start-after') ?? undefined,
    continuationToken,
    maxKeys: Math.min(maxKeys, MAX_KEYS),
  });
  const fetchOwner = query.get('fetch-owner') === 'true';
  return xmlResponse(request.requestId, 'ListBucketResult', {
    Name: request.bucket,
    Prefix: encode(query.get('prefix') ?? '', encoding),
    Delimiter: query.has('delimiter') ? encode(query.get('delimiter') ?? '', encoding) : undefined,
    MaxKeys: maxKeys,
    EncodingType: encoding,
    KeyCount: page.contents.length + page.commonPrefixes.length,
    IsTruncated: page.isTruncated,
    ContinuationToken: continuationToken,
    NextContinuationToken: page.nextContinuationToken,
    StartAfter: query.has('start-after') ? encode(query.get('start-after') ?? '', encoding) : undefined,
    Contents: page.contents.map((object) =>
      contentsOf(object, encoding, fetchOwner ? context.accountId : undefined),
    ),
    CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix, encoding) })),
  });
}

/** ListObjects (version 1): `marker` and, with a delimiter, `NextMarker`. */
export function listObjectsV1(context: S3Context, request: S3Request): ServiceResponse {
  const { query } = request;
  context.store.requireBucket(request.bucket);
  const encoding = encodingOf(query);
  const maxKeys = integerParam(query.get('max-keys'), 'max-keys', 0, 2 ** 31 - 1) ?? MAX_KEYS;
  const marker = query.get('marker') ?? '';
  const delimiter = query.get('delimiter') ?? undefined;
  const page = context.store.list(request.bucket, {
    prefix: query.get('prefix') ?? '',
    delimiter,
    startAfter: marker || undefined,
    maxKeys: Math.min(maxKeys, MAX_KEYS),
  });
  const last = [...page.contents.map((object) => object.key), ...page.commonPrefixes].sort().at(-1);
  return xmlResponse(request.requestId, 'ListBucketResult', {
    Name: request.bucket,
    Prefix: encode(query.get('prefix') ?? '', encoding),
    Marker: encode(marker, encoding),
    NextMarker:
      page.isTruncated && delimiter !== undefined && last !== undefined ? encode(last, encoding) : undefined,
    MaxKeys: maxKeys,
    Delimiter: delimiter === undefined ? undefined : encode(delimiter, encoding),
    EncodingType: encoding,
    IsTruncated: page.isTruncated,
    Contents: page.contents.map((object) => contentsOf(object, encoding, context.accountId)),
    CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: encode(prefix, encoding) })),
  });
}

function contentsOf(object: ObjectRecord, encoding: 'url' | undefined, owner: string | undefined) {
  const checksum = checksumElements(object.checksum);
  return {
    Key: encode(object.key, encoding),
    LastModified: isoDate(object.lastModified),
    ETag: object.etag,
    ChecksumAlgorithm: object.checksum?.algorithm,
    ChecksumType: checksum.ChecksumType,
    Size: object.size,
    Owner: owner === undefined ? undefined : { ID: owner, DisplayName: 'local-cloud' },
    StorageClass: 'STANDARD',
  };
}

function encodingOf(query: URLSearchParams): 'url' | undefined {
  const value = query.get('encoding-type');
  if (value === null) return undefined;
  if (value !== 'url')
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', value);
  return 'url';
}

function encode(value: string, encoding: 'url' | undefined): string {
  return encoding === 'url' ? encodeURIComponent(value).replace(/%2F/g, '/') : value;
}

/**
 * DeleteObjects: up to 1000 keys in one request, each deleted (and notified) on its own; `Quiet`
 * reports only the failures. S3 insists on an integrity header for this request.
 */
export async function deleteObjects(
  context: S3Context,
  request: S3Request,
  body: Buffer,
): Promise<ServiceResponse> {
  context.store.requireBucket(request.bucket);
  const hasIntegrity =
    request.headers['content-md5'] !== undefined ||
    Object.keys(request.headers).some(
      (name) => name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-type',
    );
  if (!hasIntegrity) {
    throw invalidRequest('Missing required header for this request: Content-MD5 OR x-amz-checksum-*');
  }
  const document = parseXml(body, 'Delete');
  const objects = repeated(document.Object);
  if (objects.length === 0 || objects.length > 1000) throw malformedXml();
  const quiet = text(document.Quiet) === 'true';
  const deleted: { Key: string }[] = [];
  const errors: { Key: string; Code: string; Message: string }[] = [];
  for (const object of objects) {
    const key = text(object.Key);
    if (key === undefined) throw malformedXml();
    // Each key is its own s3:DeleteObject decision; a refused one is reported, the others go ahead.
    const denial = context.authorizer.check(
      request.caller,
      's3:DeleteObject',
      `arn:aws:s3:::${request.bucket}/${key}`,
    );
    if (denial !== undefined) {
      errors.push({ Key: key, Code: 'AccessDenied', Message: denial });
      continue;
    }
    if (await context.store.delete(request.bucket, key)) {
      await notify(context, { ...request, key }, 'ObjectRemoved:Delete');
    }
    deleted.push({ Key: key });
  }
  return xmlResponse(request.requestId, 'DeleteResult', { Deleted: quiet ? [] : deleted, Error: errors });
}
