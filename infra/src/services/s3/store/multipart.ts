import { createHash } from 'node:crypto';
import { entityTooSmall, invalidPart, invalidPartOrder, malformedXml } from '../errors.js';
import type { UploadState } from './bucket-folder.js';
import { compareKeys } from './key-order.js';
import { listPage } from './list-page.js';
import {
  type ByteRange,
  compact,
  type ObjectChecksum,
  type ObjectRecord,
  type PartChecksum,
  type PartRecord,
  storedMetadata,
  type UploadMetadata,
  type UploadRecord,
} from './records.js';

/** S3's minimum size of every part but the last. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** A part as CompleteMultipartUpload lists it. */
export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/**
 * Checks a CompleteMultipartUpload part list as S3 does — ascending part numbers (InvalidPartOrder),
 * each uploaded with that ETag (InvalidPart), each but the last at least 5 MiB (EntityTooSmall) — and
 * returns the stored parts in that order.
 */
export function partsToComplete(upload: UploadState, parts: readonly CompletedPart[]): PartRecord[] {
  // S3 refuses an empty part list as a document that does not fit its schema.
  if (parts.length === 0) throw malformedXml();
  for (let index = 1; index < parts.length; index += 1) {
    if ((parts[index] as CompletedPart).partNumber <= (parts[index - 1] as CompletedPart).partNumber) {
      throw invalidPartOrder();
    }
  }
  const stored = parts.map((part) => {
    const record = upload.parts.get(part.partNumber);
    if (!record || unquote(record.etag) !== unquote(part.etag).toLowerCase()) {
      throw invalidPart(part.partNumber, part.etag);
    }
    return record;
  });
  stored.forEach((part, index) => {
    if (index < stored.length - 1 && part.size < MIN_PART_BYTES)
      throw entityTooSmall(part.size, MIN_PART_BYTES);
  });
  return stored;
}

/**
 * The ETag of a multipart object, `"<md5 of the parts' binary md5s>-<N>"`; undefined if an ETag in the
 * list is not an MD5 (it cannot name a part this store made).
 */
export function multipartEtag(partEtags: readonly string[]): string | undefined {
  const hash = createHash('md5');
  for (const etag of partEtags) {
    const hex = unquote(etag).toLowerCase();
    if (!/^[0-9a-f]{32}$/.test(hex)) return undefined;
    hash.update(Buffer.from(hex, 'hex'));
  }
  return `"${hash.digest('hex')}-${partEtags.length}"`;
}

/**
 * The bytes of part `partNumber` of an object, for GetObject and HeadObject with `partNumber`:
 * undefined when the object has no such part (S3: 416 InvalidPartNumber). A single-part object is
 * its own part 1, as in S3.
 */
export function partRange(record: ObjectRecord, partNumber: number): ByteRange | undefined {
  const sizes = record.partSizes ?? [record.size];
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > sizes.length) return undefined;
  const start = sizes.slice(0, partNumber - 1).reduce((total, size) => total + size, 0);
  return { start, end: start + (sizes[partNumber - 1] as number) - 1 };
}

export function unquote(etag: string): string {
  return etag.startsWith('"') && etag.endsWith('"') && etag.length >= 2 ? etag.slice(1, -1) : etag;
}

export interface PartsQuery {
  /** List the parts after this part number (0 for all). */
  partNumberMarker?: number;
  maxParts?: number;
}

export interface PartsPage {
  parts: PartRecord[];
  isTruncated: boolean;
  /** The last part number listed (the marker for the next page). */
  nextPartNumberMarker?: number;
  checksumAlgorithm?: string;
  checksumType?: string;
  upload: UploadRecord;
}

/** One page of ListParts, by part number. */
export function partsPage(upload: UploadState, query: PartsQuery): PartsPage {
  const marker = query.partNumberMarker ?? 0;
  const max = Math.max(0, Math.min(query.maxParts ?? 1000, 1000));
  const after = [...upload.parts.values()]
    .filter((part) => part.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const parts = after.slice(0, max);
  const { metadata } = upload.record;
  return {
    parts,
    isTruncated: after.length > parts.length,
    nextPartNumberMarker: parts.at(-1)?.partNumber,
    checksumAlgorithm: metadata.checksumAlgorithm,
    checksumType: metadata.checksumType ?? (metadata.checksumAlgorithm ? 'COMPOSITE' : undefined),
    upload: upload.record,
  };
}

export interface UploadsQuery {
  prefix?: string;
  delimiter?: string;
  keyMarker?: string;
  /** With `keyMarker`: the uploads of that key initiated after this one are listed too. */
  uploadIdMarker?: string;
  maxUploads?: number;
}

export interface UploadListing {
  key: string;
  uploadId: string;
  initiated: number;
  checksumAlgorithm?: string;
  checksumType?: string;
}

export interface UploadsPage {
  uploads: UploadListing[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextKeyMarker?: string;
  nextUploadIdMarker?: string;
}

/**
 * One page of ListMultipartUploads: uploads in key order, those of one key by initiation (upload IDs
 * begin with the time), rolled up by delimiter like ListObjects.
 */
export function uploadsPage(uploads: Iterable<UploadState>, query: UploadsQuery): UploadsPage {
  const sorted = [...uploads]
    .map((upload) => upload.record)
    .sort(
      (a, b) => compareKeys(a.key, b.key) || (a.uploadId < b.uploadId ? -1 : a.uploadId > b.uploadId ? 1 : 0),
    );
  const { keyMarker, uploadIdMarker } = query;
  let from: number | undefined;
  if (keyMarker !== undefined && uploadIdMarker) {
    from = sorted.findIndex(
      (upload) =>
        compareKeys(upload.key, keyMarker) > 0 ||
        (upload.key === keyMarker && upload.uploadId > uploadIdMarker),
    );
    if (from < 0) from = sorted.length;
  }
  const page = listPage(sorted, (upload) => upload.key, {
    prefix: query.prefix,
    delimiter: query.delimiter,
    after: keyMarker || undefined,
    from,
    maxItems: Math.max(0, Math.min(query.maxUploads ?? 1000, 1000)),
  });
  const last = page.items.at(-1);
  const endedOnPrefix = page.last !== undefined && page.last !== last?.key;
  return {
    uploads: page.items.map((upload) => ({
      key: upload.key,
      uploadId: upload.uploadId,
      initiated: upload.initiated,
      checksumAlgorithm: upload.metadata.checksumAlgorithm,
      checksumType: upload.metadata.checksumType,
    })),
    commonPrefixes: page.commonPrefixes,
    isTruncated: page.isTruncated,
    nextKeyMarker: page.isTruncated ? page.last : undefined,
    nextUploadIdMarker: page.isTruncated && !endedOnPrefix ? last?.uploadId : undefined,
  };
}

/** What an UploadPart commits once the part is written and verified. */
export interface PartCommit {
  md5Hex: string;
  checksum?: PartChecksum;
}

/**
 * How CompleteMultipartUpload gets the object's checksum from its parts' (the store computes none).
 * Methods, so that functions typed with a narrower algorithm name fit.
 */
export interface CompleteOptions {
  /** The checksum (base64) of the parts' checksums laid end to end; the store adds S3's `-<N>`. */
  compositeChecksum?(algorithm: string, partChecksums: readonly string[]): string | Promise<string>;
  /** The FULL_OBJECT checksum (base64), from the parts' checksums and sizes (CRC combination). */
  fullObjectChecksum?(
    algorithm: string,
    parts: ReadonlyArray<{ checksum: string; size: number }>,
  ): string | Promise<string>;
}

/** The record of the object a completion makes: its time is the upload's initiation, as in S3. */
export function completedRecord(
  upload: UploadRecord,
  parts: PartRecord[],
  checksum?: ObjectChecksum,
): ObjectRecord {
  return compact<ObjectRecord>({
    ...storedMetadata(upload.metadata),
    key: upload.key,
    size: parts.reduce((total, part) => total + part.size, 0),
    etag: multipartEtag(parts.map((part) => part.etag)) as string,
    lastModified: upload.initiated,
    checksum,
    partsCount: parts.length,
    partSizes: parts.map((part) => part.size),
    uploadId: upload.uploadId,
  });
}

/** The object's checksum from the parts', when the upload declared an algorithm and every part has it. */
export async function combinedChecksum(
  metadata: UploadMetadata,
  parts: PartRecord[],
  options: CompleteOptions,
): Promise<ObjectChecksum | undefined> {
  const algorithm = metadata.checksumAlgorithm;
  if (!algorithm) return undefined;
  const values = parts.map((part) =>
    part.checksum?.algorithm === algorithm ? part.checksum.value : undefined,
  );
  if (values.some((value) => value === undefined)) return undefined;
  const checksums = values as string[];
  if (metadata.checksumType === 'FULL_OBJECT') {
    const value = await options.fullObjectChecksum?.(
      algorithm,
      parts.map((part, index) => ({ checksum: checksums[index] as string, size: part.size })),
    );
    return value === undefined ? undefined : { algorithm, value, type: 'FULL_OBJECT' };
  }
  const value = await options.compositeChecksum?.(algorithm, checksums);
  return value === undefined
    ? undefined
    : { algorithm, value: `${value}-${parts.length}`, type: 'COMPOSITE' };
}
