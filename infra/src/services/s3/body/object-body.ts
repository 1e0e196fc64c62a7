import { createHash, type Hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import type { VerifiedRequest } from '../../../core/sigv4/verify.js';
import {
  badDigest,
  bodyEndedUnexpectedly,
  bodyLengthMismatch,
  checksumMismatch,
  contentSha256Mismatch,
  invalidTrailingChecksum,
  malformedTrailer,
} from '../errors.js';
import { AwsChunkedDecoder } from './aws-chunked.js';
import { type BodyPlan, planBody } from './body-plan.js';
import { type ChecksumAlgorithm, createChecksum, decodeChecksumValue } from './checksums.js';
import { ChunkSignatureChain } from './chunk-signatures.js';
import { OffThreadHashes } from './off-thread-hashes.js';

export { type ChecksumAlgorithm, compositeChecksum } from './checksums.js';

/** From this size, MD5 and SHA-256 are computed on another thread (see off-thread-hashes.ts). */
const OFF_THREAD_MIN_BYTES = 8 * 1024 * 1024;

export interface ObjectBodyOptions {
  /** The request headers (Node's `IncomingHttpHeaders`: lowercase names). */
  headers: IncomingHttpHeaders;
  /** The verified signature; absent for an anonymous request. */
  signature?: VerifiedRequest;
  /** The largest object accepted (`EntityTooLarge` past it): 5 GiB for PutObject and UploadPart. */
  maxBytes: number;
  /** The request's query: a presigned URL carries its `x-amz-checksum-*` values there. */
  query?: URLSearchParams;
}

/** What the body turned out to be, once every check passed. */
export interface ObjectDigest {
  size: number;
  /** MD5 of the object bytes, hex: the ETag of a single-part object. */
  md5Hex: string;
  /** The request's `Content-MD5` (base64), which matched. */
  contentMd5?: string;
  /** The flexible checksum the client sent (header or trailer), which matched; base64. */
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
}

export interface ObjectBody {
  /** The object's bytes, decoded from the wire; errors (S3 `ServiceError`s) surface from the iteration. */
  chunks: AsyncIterable<Buffer>;
  /** The verified digest; throws unless `chunks` was iterated to its end without error. */
  digest(): ObjectDigest;
}

/**
 * Reads an upload body as it streams: plain (`Content-Length`) or aws-chunked (unsigned with a
 * checksum trailer, or signed chunk by chunk), checking lengths, `x-amz-content-sha256`, chunk
 * signatures, `Content-MD5` and flexible checksums. Every check has run when the iteration ends,
 * so a caller that writes `chunks` to a temporary file publishes it only after the loop.
 *
 * The stream is never destroyed here: after an error the server can still answer and drain it.
 *
 * @example
 * const body = readObjectBody(request.bodyStream, { headers, signature, maxBytes: 5 * 1024 ** 3 });
 * for await (const chunk of body.chunks) await file.write(chunk);
 * const { md5Hex, checksum } = body.digest();
 */
export function readObjectBody(
  source: Readable | AsyncIterable<Uint8Array> | undefined,
  options: ObjectBodyOptions,
): ObjectBody {
  let result: ObjectDigest | undefined;
  const chunks = decodeBody(source, options, (digest) => {
    result = digest;
  });
  return {
    chunks,
    digest() {
      if (!result) throw new Error('the digest of an upload body is known only once the body was fully read');
      return result;
    },
  };
}

async function* decodeBody(
  source: Readable | AsyncIterable<Uint8Array> | undefined,
  options: ObjectBodyOptions,
  finish: (digest: ObjectDigest) => void,
): AsyncGenerator<Buffer, void, undefined> {
  // Inside the generator, so that a refused request fails where its body is read, like every
  // other body error, and a caller's cleanup around that loop covers it.
  const plan = planBody(options);
  const offThread =
    plan.framing !== 'aws-chunked' && plan.length >= OFF_THREAD_MIN_BYTES
      ? new OffThreadHashes(plan.contentSha256 === undefined ? ['md5'] : ['md5', 'sha256'])
      : undefined;
  // A plain body's wire bytes are its object bytes: off the thread, one pass serves both hashes.
  const wireSha256 = offThread || plan.contentSha256 === undefined ? undefined : createHash('sha256');
  const wire = wireBytes(source, wireSha256);
  const decoder =
    plan.framing === 'aws-chunked'
      ? new AwsChunkedDecoder({
          chain: plan.signedChunks && new ChunkSignatureChain(plan.signedChunks),
          signedTrailer: plan.signedTrailer,
        })
      : undefined;

  const md5 = offThread ? undefined : createHash('md5');
  const checksum = plan.checksum && createChecksum(plan.checksum.algorithm);
  let size = 0;
  try {
    for await (const data of decoder ? decoder.decode(wire) : wire) {
      size += data.length;
      if (size > plan.length) throw bodyLengthMismatch(plan.length, size);
      md5?.update(data);
      offThread?.update(data);
      checksum?.update(data);
      yield data;
    }
    if (size !== plan.length) throw bodyLengthMismatch(plan.length, size);
  } finally {
    // Stopped early (an error here or in the caller's loop): the worker forgets this body.
    if (size !== plan.length) offThread?.discard();
  }

  const expectedChecksum = decoder ? trailerChecksum(plan, decoder) : plan.checksum?.value;
  const [md5Hex, wireSha256Hex] = offThread
    ? await offThread.digest()
    : [md5?.digest('hex') as string, wireSha256?.digest('hex')];
  checkContentSha256(plan, wireSha256Hex);
  const md5Bytes = Buffer.from(md5Hex as string, 'hex');
  checkContentMd5(plan, md5Bytes);
  const digest: ObjectDigest = { size, md5Hex: md5Hex as string };
  if (plan.contentMd5 !== undefined) digest.contentMd5 = plan.contentMd5;
  if (plan.checksum && checksum) {
    const value = Buffer.from(await checksum.digest()).toString('base64');
    if (value !== expectedChecksum) throw checksumMismatch(plan.checksum.algorithm);
    digest.checksum = { algorithm: plan.checksum.algorithm, value };
  }
  finish(digest);
}

/**
 * The source's buffers as they arrived, fed to the `x-amz-content-sha256` hash (which covers the
 * bytes on the wire). A failing source (a client that hung up) becomes S3's `IncompleteBody`; a
 * Readable is iterated without `destroyOnReturn`, so stopping early leaves the request drainable.
 */
async function* wireBytes(
  source: Readable | AsyncIterable<Uint8Array> | undefined,
  hash: Hash | undefined,
): AsyncGenerator<Buffer, void, undefined> {
  if (source === undefined) return;
  const iterator: AsyncIterator<Uint8Array> =
    source instanceof Readable ? source.iterator({ destroyOnReturn: false }) : source[Symbol.asyncIterator]();
  let done = false;
  try {
    while (true) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (error) {
        done = true;
        throw bodyEndedUnexpectedly(error);
      }
      if (next.done) {
        done = true;
        return;
      }
      const value = next.value;
      if (value.length === 0) continue;
      const buffer = Buffer.isBuffer(value)
        ? value
        : Buffer.from(value.buffer, value.byteOffset, value.length);
      hash?.update(buffer);
      yield buffer;
    }
  } finally {
    if (!done) await iterator.return?.();
  }
}

/** The checksum value the trailer carries, when `x-amz-trailer` announced one; no fields otherwise. */
function trailerChecksum(plan: BodyPlan, decoder: AwsChunkedDecoder): string | undefined {
  const { trailer } = decoder;
  const announced = plan.checksum?.trailerField;
  if (!plan.checksum || announced === undefined) {
    if (trailer.length > 0) throw malformedTrailer();
    return plan.checksum?.value;
  }
  const [field] = trailer;
  if (trailer.length !== 1 || !field || field[0] !== announced) throw malformedTrailer();
  if (!decodeChecksumValue(plan.checksum.algorithm, field[1])) {
    throw invalidTrailingChecksum(plan.checksum.algorithm);
  }
  return field[1];
}

function checkContentMd5(plan: BodyPlan, md5: Buffer): void {
  if (plan.contentMd5 === undefined || md5.toString('base64') === plan.contentMd5) return;
  throw badDigest({
    // S3 echoes the expected digest in hex, the calculated one in base64.
    ExpectedDigest: Buffer.from(plan.contentMd5, 'base64').toString('hex'),
    CalculatedDigest: md5.toString('base64'),
  });
}

function checkContentSha256(plan: BodyPlan, computed: string | undefined): void {
  if (plan.contentSha256 === undefined || computed === undefined) return;
  if (computed !== plan.contentSha256.toLowerCase())
    throw contentSha256Mismatch(plan.contentSha256, computed);
}
