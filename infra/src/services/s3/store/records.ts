import type { Readable } from 'node:stream';

/**
 * What the store keeps of a bucket. `configuration` is the service's own (CORS rules, website,
 * notifications), kept as given: the store only merges patches into it and writes it atomically.
 */
export interface BucketRecord<Configuration extends object = Record<string, unknown>> {
  name: string;
  /** Creation time, ms since the epoch. */
  createdAt: number;
  region: string;
  configuration: Partial<Configuration>;
}

/** A flexible checksum of a whole object, as `x-amz-checksum-<algorithm>` and `x-amz-checksum-type` show it. */
export interface ObjectChecksum {
  /** `CRC32`, `CRC32C`, `CRC64NVME`, `SHA1`, `SHA256`. */
  algorithm: string;
  /** Base64 of the digest (`<base64>-<N>` for a composite one). */
  value: string;
  type: 'FULL_OBJECT' | 'COMPOSITE';
}

/** The headers an upload sets and GET and HEAD give back. */
export interface ObjectMetadata {
  /** S3 stores `binary/octet-stream` when an upload names no type. */
  contentType?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  cacheControl?: string;
  expires?: string;
  websiteRedirectLocation?: string;
  /** `x-amz-meta-*` without the prefix; the store lowercases the names. */
  userMetadata?: Record<string, string>;
}

/** A stored object, as `head` and listings describe it (read from the file's trailer). */
export interface ObjectRecord extends ObjectMetadata {
  key: string;
  size: number;
  /** As S3 prints it, quoted: `"<md5 hex>"`, or `"<md5 of the parts' md5s>-<N>"` after a multipart upload. */
  etag: string;
  /** ms since the epoch: when a PUT or copy was committed, when a multipart upload was created (as S3 does). */
  lastModified: number;
  contentType: string;
  userMetadata: Record<string, string>;
  checksum?: ObjectChecksum;
  /** Objects made by a multipart upload: the number of parts and their sizes (for `GetObject?partNumber=`). */
  partsCount?: number;
  partSizes?: number[];
  /** The multipart upload that made the object: a retried CompleteMultipartUpload answers with it. */
  uploadId?: string;
}

/** What PutObject commits once the body is written and verified. */
export interface PutMetadata extends ObjectMetadata {
  etag: string;
  checksum?: ObjectChecksum;
}

/** What CreateMultipartUpload keeps for the completion: the object's headers and the declared checksum. */
export interface UploadMetadata extends ObjectMetadata {
  checksumAlgorithm?: string;
  /** `COMPOSITE` (S3's default for multipart) or `FULL_OBJECT`. */
  checksumType?: string;
}

export interface UploadRecord {
  uploadId: string;
  key: string;
  /** ms since the epoch. */
  initiated: number;
  metadata: UploadMetadata;
}

/** A part's checksum (always of the part alone). */
export interface PartChecksum {
  algorithm: string;
  value: string;
}

export interface PartRecord {
  partNumber: number;
  size: number;
  /** `"<md5 hex>"`. */
  etag: string;
  lastModified: number;
  checksum?: PartChecksum;
}

/** An inclusive byte range, as a `Range: bytes=start-end` header names it. */
export interface ByteRange {
  start: number;
  end: number;
}

/** An object opened for reading: `stream` reads `start`–`end` (inclusive) of the version in `record`. */
export interface OpenedObject {
  record: ObjectRecord;
  /** Must be consumed or destroyed: it holds the file open until then. */
  stream: Readable;
  start: number;
  end: number;
}

export interface ObjectAddress {
  bucket: string;
  key: string;
}

/** S3's default content type for an upload that names none. */
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** The headers S3 keeps, and only those (callers pass their wider header objects). */
export function storedMetadata(
  metadata: ObjectMetadata,
): ObjectMetadata & Pick<ObjectRecord, 'contentType' | 'userMetadata'> {
  const userMetadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(metadata.userMetadata ?? {}))
    userMetadata[name.toLowerCase()] = value;
  return {
    contentType: metadata.contentType ?? DEFAULT_CONTENT_TYPE,
    contentEncoding: metadata.contentEncoding,
    contentDisposition: metadata.contentDisposition,
    contentLanguage: metadata.contentLanguage,
    cacheControl: metadata.cacheControl,
    expires: metadata.expires,
    websiteRedirectLocation: metadata.websiteRedirectLocation,
    userMetadata,
  };
}

/** Drops properties set to undefined, so a record is the same before and after a round trip through JSON. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
