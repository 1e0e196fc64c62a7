import type { ServiceResponse } from '../../../core/service.js';
import { compositeChecksum, readObjectBody } from '../body/object-body.js';
import type { S3Context, S3Request } from '../context.js';
import { invalidArgument, malformedXml, notImplemented } from '../errors.js';
import { emptyResponse, isoDate, xmlResponse } from '../responses.js';
import { parseXml, repeated, text } from '../xml-request.js';
import { checksumHeaders } from './checksum-headers.js';
import { integerParam, objectHeadersOf, single } from './object-headers.js';
import {
  checkKey,
  checksumElements,
  checkWriteConditions,
  MAX_PUT_BYTES,
  notify,
} from './object-operations.js';

const MAX_PART_NUMBER = 10_000;

/** CreateMultipartUpload: the object's headers are kept with the upload and applied on completion. */
export async function createMultipartUpload(
  context: S3Context,
  request: S3Request,
): Promise<ServiceResponse> {
  checkKey(request.key);
  context.store.requireBucket(request.bucket);
  const algorithm = single(request.headers['x-amz-checksum-algorithm'])?.toUpperCase();
  const checksumType =
    single(request.headers['x-amz-checksum-type'])?.toUpperCase() ?? (algorithm ? 'COMPOSITE' : undefined);
  if (checksumType !== undefined && checksumType !== 'COMPOSITE' && checksumType !== 'FULL_OBJECT') {
    throw invalidArgument(
      'Value for x-amz-checksum-type header is invalid.',
      'x-amz-checksum-type',
      checksumType,
    );
  }
  const uploadId = await context.store.createMultipartUpload(request.bucket, request.key, {
    ...objectHeadersOf(request.headers),
    checksumAlgorithm: algorithm,
    checksumType,
  });
  const headers: Record<string, string> = {};
  if (algorithm) headers['x-amz-checksum-algorithm'] = algorithm;
  if (checksumType) headers['x-amz-checksum-type'] = checksumType;
  return xmlResponse(
    request.requestId,
    'InitiateMultipartUploadResult',
    { Bucket: request.bucket, Key: request.key, UploadId: uploadId },
    headers,
  );
}

/** UploadPart: decoded and verified like PutObject, published atomically under its part number. */
export async function uploadPart(context: S3Context, request: S3Request): Promise<ServiceResponse> {
  if (request.headers['x-amz-copy-source'] !== undefined) throw notImplemented('UploadPartCopy');
  const partNumber = integerParam(
    request.query.get('partNumber'),
    'partNumber',
    1,
    MAX_PART_NUMBER,
  ) as number;
  const uploadId = request.query.get('uploadId') ?? '';
  context.store.requireBucket(request.bucket);
  const pending = await context.store.beginPart(request.bucket, request.key, uploadId, partNumber);
  const body = readObjectBody(request.bodyStream, {
    headers: request.headers,
    signature: request.signature,
    maxBytes: MAX_PUT_BYTES,
    query: request.query,
  });
  let part: Awaited<ReturnType<typeof pending.commit>>;
  try {
    for await (const chunk of body.chunks) await pending.write(chunk);
    const digest = body.digest();
    part = await pending.commit({ md5Hex: digest.md5Hex, checksum: digest.checksum });
  } catch (error) {
    await pending.abort();
    throw error;
  }
  return emptyResponse(request.requestId, 200, {
    etag: part.etag,
    'x-amz-server-side-encryption': 'AES256',
    ...checksumHeaders(part.checksum && { ...part.checksum, type: 'COMPOSITE' }),
  });
}

/**
 * CompleteMultipartUpload: the listed parts, in ascending order and with matching ETags, become one
 * object with the ETag `"<md5 of the parts' md5s>-<N>"`, published by one rename.
 */
export async function completeMultipartUpload(
  context: S3Context,
  request: S3Request,
  body: Buffer,
): Promise<ServiceResponse> {
  const uploadId = request.query.get('uploadId') ?? '';
  context.store.requireBucket(request.bucket);
  const document = parseXml(body, 'CompleteMultipartUpload');
  const parts = repeated(document.Part).map((part) => {
    const partNumber = Number(text(part.PartNumber));
    const etag = text(part.ETag);
    if (!Number.isInteger(partNumber) || etag === undefined) throw malformedXml();
    return { partNumber, etag: etag.startsWith('"') ? etag : `"${etag}"` };
  });
  if (parts.length === 0) {
    throw malformedXml();
  }
  checkWriteConditions(context, request);
  const record = await context.store.completeMultipartUpload(request.bucket, request.key, uploadId, parts, {
    compositeChecksum,
  });
  await notify(context, request, 'ObjectCreated:CompleteMultipartUpload', record);
  return xmlResponse(
    request.requestId,
    'CompleteMultipartUploadResult',
    {
      Location: `/${request.bucket}/${encodeURI(request.key)}`,
      Bucket: request.bucket,
      Key: request.key,
      ETag: record.etag,
      ...checksumElements(record.checksum),
    },
    { 'x-amz-server-side-encryption': 'AES256' },
  );
}

export async function abortMultipartUpload(context: S3Context, request: S3Request): Promise<ServiceResponse> {
  context.store.requireBucket(request.bucket);
  await context.store.abortMultipartUpload(request.bucket, request.key, request.query.get('uploadId') ?? '');
  return emptyResponse(request.requestId, 204);
}

export function listParts(context: S3Context, request: S3Request): ServiceResponse {
  const { query } = request;
  context.store.requireBucket(request.bucket);
  const uploadId = query.get('uploadId') ?? '';
  const maxParts = integerParam(query.get('max-parts'), 'max-parts', 0, 2 ** 31 - 1) ?? 1000;
  const marker = integerParam(query.get('part-number-marker'), 'part-number-marker', 0, MAX_PART_NUMBER) ?? 0;
  const page = context.store.listParts(request.bucket, request.key, uploadId, {
    partNumberMarker: marker,
    maxParts: Math.min(maxParts, 1000),
  });
  return xmlResponse(request.requestId, 'ListPartsResult', {
    Bucket: request.bucket,
    Key: request.key,
    UploadId: uploadId,
    Initiator: { ID: context.accountId, DisplayName: 'local-cloud' },
    Owner: { ID: context.accountId, DisplayName: 'local-cloud' },
    StorageClass: 'STANDARD',
    PartNumberMarker: marker,
    NextPartNumberMarker: page.nextPartNumberMarker,
    MaxParts: maxParts,
    IsTruncated: page.isTruncated,
    ChecksumAlgorithm: page.checksumAlgorithm,
    ChecksumType: page.checksumType,
    Part: page.parts.map((part) => ({
      PartNumber: part.partNumber,
      LastModified: isoDate(part.lastModified),
      ETag: part.etag,
      Size: part.size,
      ...(part.checksum ? { [`Checksum${part.checksum.algorithm}`]: part.checksum.value } : {}),
    })),
  });
}

export function listMultipartUploads(context: S3Context, request: S3Request): ServiceResponse {
  const { query } = request;
  context.store.requireBucket(request.bucket);
  const maxUploads = integerParam(query.get('max-uploads'), 'max-uploads', 0, 2 ** 31 - 1) ?? 1000;
  const page = context.store.listMultipartUploads(request.bucket, {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? undefined,
    keyMarker: query.get('key-marker') ?? undefined,
    uploadIdMarker: query.get('upload-id-marker') ?? undefined,
    maxUploads: Math.min(maxUploads, 1000),
  });
  return xmlResponse(request.requestId, 'ListMultipartUploadsResult', {
    Bucket: request.bucket,
    KeyMarker: query.get('key-marker') ?? '',
    UploadIdMarker: query.get('upload-id-marker') ?? '',
    NextKeyMarker: page.nextKeyMarker,
    NextUploadIdMarker: page.nextUploadIdMarker,
    Prefix: query.get('prefix') ?? undefined,
    Delimiter: query.get('delimiter') ?? undefined,
    MaxUploads: maxUploads,
    IsTruncated: page.isTruncated,
    Upload: page.uploads.map((upload) => ({
      Key: upload.key,
      UploadId: upload.uploadId,
      Initiator: { ID: context.accountId, DisplayName: 'local-cloud' },
      Owner: { ID: context.accountId, DisplayName: 'local-cloud' },
      StorageClass: 'STANDARD',
      Initiated: isoDate(upload.initiated),
      ChecksumAlgorithm: upload.checksumAlgorithm,
    })),
    CommonPrefixes: page.commonPrefixes.map((prefix) => ({ Prefix: prefix })),
  });
}
