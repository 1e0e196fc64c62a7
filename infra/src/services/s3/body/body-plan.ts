import type { IncomingHttpHeaders } from 'node:http';
import type { VerifiedRequest } from '../../../core/sigv4/verify.js';
import {
  accessDenied,
  entityTooLarge,
  invalidArgument,
  invalidChecksum,
  invalidDigest,
  invalidSdkChecksumAlgorithm,
  malformedTrailer,
  missingContentLength,
  multipleChecksumHeaders,
  sdkChecksumWithoutValue,
  unknownChecksumAlgorithm,
  unsupportedTrailer,
} from '../errors.js';
import {
  type ChecksumAlgorithm,
  checksumAlgorithmOf,
  decodeBase64Exact,
  decodeChecksumValue,
} from './checksums.js';
import { isAwsChunked } from './content-encoding.js';
import type { ObjectBodyOptions } from './object-body.js';

const UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
const SIGNED_CHUNKS = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
const SIGNED_CHUNKS_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
const CHECKSUM_PREFIX = 'x-amz-checksum-';
// `x-amz-checksum-*` headers that carry no checksum value.
const NOT_CHECKSUM_VALUES = new Set([
  'x-amz-checksum-type',
  'x-amz-checksum-algorithm',
  'x-amz-checksum-mode',
]);
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
const DECIMAL = /^\d{1,16}$/;

/** What the request headers say about its body, checked before a byte of it is read. */
export interface BodyPlan {
  framing: 'plain' | 'aws-chunked';
  /** Signed chunks: the verified request whose seed signature starts the chain. */
  signedChunks?: VerifiedRequest;
  /** The trailer ends with `x-amz-trailer-signature` (`…-PAYLOAD-TRAILER`). */
  signedTrailer: boolean;
  /** The framing may carry trailer fields (an aws-chunked body not signed chunk by chunk without trailer). */
  trailerAllowed: boolean;
  /** The object's size: `Content-Length`, or `x-amz-decoded-content-length` for aws-chunked. */
  length: number;
  /** A hex `x-amz-content-sha256` still to compare with the bytes on the wire, as the client sent it. */
  contentSha256?: string;
  /** `Content-MD5`, base64 of 16 bytes. */
  contentMd5?: string;
  checksum?: {
    algorithm: ChecksumAlgorithm;
    /** The value of an `x-amz-checksum-<algorithm>` header; absent when it comes in the trailer. */
    value?: string;
    /** Announced by `x-amz-trailer`: the value is the trailer field of this name. */
    trailerField?: string;
  };
}

/** Reads and validates the body-related headers, throwing S3's error for the first thing wrong. */
export function planBody({ headers, signature, maxBytes, query }: ObjectBodyOptions): BodyPlan {
  const presignedQuery = signature?.presigned ? query : undefined;
  const field = (name: string) => single(headers[name]) ?? presignedQuery?.get(name) ?? undefined;
  const payloadHash = signature ? signature.payloadHash : single(headers['x-amz-content-sha256']);

  const signed = payloadHash === SIGNED_CHUNKS || payloadHash === SIGNED_CHUNKS_TRAILER;
  // Some clients frame with aws-chunked under UNSIGNED-PAYLOAD or no hash at all; the encoding says so.
  const chunked =
    signed || payloadHash === UNSIGNED_TRAILER || isAwsChunked(single(headers['content-encoding']));
  if (signed && !signature) throw accessDenied();
  const plan: BodyPlan = {
    framing: chunked ? 'aws-chunked' : 'plain',
    signedChunks: signed ? signature : undefined,
    signedTrailer: payloadHash === SIGNED_CHUNKS_TRAILER,
    trailerAllowed: chunked && payloadHash !== SIGNED_CHUNKS,
    length: chunked ? decodedLength(headers) : contentLength(headers),
    contentSha256: pendingSha256(payloadHash, signature),
  };
  if (plan.length > maxBytes) throw entityTooLarge(maxBytes, plan.length);

  const contentMd5 = single(headers['content-md5']);
  if (contentMd5 !== undefined) {
    if (!decodeBase64Exact(contentMd5, 16)) throw invalidDigest(contentMd5);
    plan.contentMd5 = contentMd5;
  }
  plan.checksum = checksumPlan(headers, presignedQuery, field);
  if (plan.checksum?.trailerField !== undefined && !plan.trailerAllowed) throw malformedTrailer();
  return plan;
}

function decodedLength(headers: IncomingHttpHeaders): number {
  const declared = single(headers['x-amz-decoded-content-length']);
  if (declared === undefined || !DECIMAL.test(declared)) throw missingContentLength();
  return Number(declared);
}

/** `Content-Length`; without one, a body sent with `Transfer-Encoding` has no known length and none is empty. */
function contentLength(headers: IncomingHttpHeaders): number {
  const declared = single(headers['content-length']);
  if (declared === undefined) {
    if (headers['transfer-encoding'] !== undefined) throw missingContentLength();
    return 0;
  }
  if (!DECIMAL.test(declared)) throw missingContentLength();
  return Number(declared);
}

/**
 * The hex hash the body must still be compared with: the verifier could not (the body streams),
 * and an anonymous request's claim is checked all the same, as S3 does.
 */
function pendingSha256(payloadHash: string | undefined, signature: VerifiedRequest | undefined) {
  if (
    payloadHash === undefined ||
    payloadHash === 'UNSIGNED-PAYLOAD' ||
    payloadHash.startsWith('STREAMING-')
  ) {
    return undefined;
  }
  if (!SHA256_HEX.test(payloadHash)) {
    throw invalidArgument(
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.',
      'x-amz-content-sha256',
      payloadHash,
    );
  }
  return !signature || signature.bodyCheckPending ? payloadHash : undefined;
}

/**
 * The flexible checksum the request carries: one `x-amz-checksum-<algorithm>` header, or one
 * announced by `x-amz-trailer` to follow the body; `x-amz-sdk-checksum-algorithm` must name the same
 * algorithm and never stands alone (S3 refuses an algorithm without a value).
 */
function checksumPlan(
  headers: IncomingHttpHeaders,
  presignedQuery: URLSearchParams | undefined,
  field: (name: string) => string | undefined,
): BodyPlan['checksum'] {
  const names = new Set<string>();
  for (const name of Object.keys(headers)) if (isChecksumValueName(name)) names.add(name);
  for (const name of presignedQuery?.keys() ?? []) {
    if (isChecksumValueName(name.toLowerCase())) names.add(name.toLowerCase());
  }
  const trailer = field('x-amz-trailer')?.trim().toLowerCase();
  if (names.size + (trailer === undefined ? 0 : 1) > 1) throw multipleChecksumHeaders();

  let checksum: BodyPlan['checksum'];
  const [header] = names;
  if (header !== undefined) {
    const algorithm = checksumAlgorithmOf(header.slice(CHECKSUM_PREFIX.length));
    if (!algorithm) throw unknownChecksumAlgorithm();
    const value = field(header) ?? '';
    if (!decodeChecksumValue(algorithm, value)) throw invalidChecksum(algorithm);
    checksum = { algorithm, value };
  } else if (trailer !== undefined) {
    const algorithm = trailer.startsWith(CHECKSUM_PREFIX)
      ? checksumAlgorithmOf(trailer.slice(CHECKSUM_PREFIX.length))
      : undefined;
    if (!algorithm) throw unsupportedTrailer();
    checksum = { algorithm, trailerField: trailer };
  }

  const sdkAlgorithm = field('x-amz-sdk-checksum-algorithm');
  if (sdkAlgorithm !== undefined) {
    const algorithm = checksumAlgorithmOf(sdkAlgorithm.trim());
    if (!algorithm) throw invalidSdkChecksumAlgorithm();
    if (!checksum) throw sdkChecksumWithoutValue();
    if (checksum.algorithm !== algorithm) throw invalidSdkChecksumAlgorithm();
  }
  return checksum;
}

function isChecksumValueName(name: string): boolean {
  return name.startsWith(CHECKSUM_PREFIX) && !NOT_CHECKSUM_VALUES.has(name);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
