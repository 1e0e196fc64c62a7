import { createHash, createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { ServiceError } from '../../../../../src/core/errors.js';
import type { VerifiedRequest } from '../../../../../src/core/sigv4/verify.js';
import {
  type ObjectBody,
  type ObjectBodyOptions,
  readObjectBody,
} from '../../../../../src/services/s3/body/object-body.js';

/** Test helpers: upload bodies framed by hand, fed in pieces, read to the end. */

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Yields `data` in pieces of `size` bytes, as a socket might cut it. */
export async function* piecesOf(data: Buffer, size = data.length || 1): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

/** Reads a body to its end; returns the bytes and the digest. */
export async function readAll(body: ObjectBody) {
  const parts: Buffer[] = [];
  for await (const part of body.chunks) parts.push(part);
  return { bytes: Buffer.concat(parts), digest: body.digest() };
}

/** Decodes `wire` (cut in `pieceSize` pieces) with the given options. */
export function decode(wire: Buffer, options: ObjectBodyOptions, pieceSize?: number) {
  return readAll(readObjectBody(piecesOf(wire, pieceSize), options));
}

/** The S3 error a read failed with. */
export async function failureOf(reading: Promise<unknown>): Promise<ServiceError> {
  const error = await reading.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'the body was accepted').toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

export async function expectS3Error(
  reading: Promise<unknown>,
  code: string,
  status = 400,
): Promise<ServiceError> {
  const error = await failureOf(reading);
  expect({ code: error.code, status: error.status }).toEqual({ code, status });
  return error;
}

/** `<hex>\r\n<data>\r\n` chunks, the final `0\r\n`, trailer lines, and the empty line. */
export function frameUnsigned(data: Buffer, chunkSize: number, trailer: string[] = []): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += chunkSize) {
    const chunk = data.subarray(offset, offset + chunkSize);
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`0\r\n${trailer.map((line) => `${line}\r\n`).join('')}\r\n`));
  return Buffer.concat(parts);
}

export interface SigningScope {
  secretAccessKey: string;
  date: string;
  region: string;
  amzDate: string;
  seed: string;
}

/** Signed chunks as the SigV4 streaming spec builds them, with a signed trailer when `trailer` is given. */
export function frameSigned(
  data: Buffer,
  chunkSize: number,
  scope: SigningScope,
  trailer?: string[],
): Buffer {
  const key = signingKeyOf(scope);
  const prefix = `${scope.amzDate}\n${scope.date}/${scope.region}/s3/aws4_request\n`;
  let previous = scope.seed;
  const sign = (stringToSign: string) => createHmac('sha256', key).update(stringToSign).digest('hex');
  const parts: Buffer[] = [];
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += chunkSize)
    chunks.push(data.subarray(offset, offset + chunkSize));
  chunks.push(Buffer.alloc(0));
  for (const chunk of chunks) {
    previous = sign(`AWS4-HMAC-SHA256-PAYLOAD\n${prefix}${previous}\n${EMPTY_SHA256}\n${sha256(chunk)}`);
    parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), chunk);
    if (chunk.length > 0) parts.push(Buffer.from('\r\n'));
  }
  if (trailer) {
    const canonical = trailer.map((line) => `${line}\n`).join('');
    const signature = sign(`AWS4-HMAC-SHA256-TRAILER\n${prefix}${previous}\n${sha256(canonical)}`);
    parts.push(
      Buffer.from([...trailer, `x-amz-trailer-signature:${signature}`].map((line) => `${line}\r\n`).join('')),
    );
  }
  parts.push(Buffer.from('\r\n'));
  return Buffer.concat(parts);
}

/** A VerifiedRequest as `verifySignature` returns it for a streaming upload signed with `scope`. */
export function verifiedFor(scope: SigningScope, payloadHash: string): VerifiedRequest {
  return {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    date: scope.date,
    region: scope.region,
    service: 's3',
    signedHeaders: ['host', 'x-amz-content-sha256', 'x-amz-date'],
    signature: scope.seed,
    presigned: false,
    amzDate: scope.amzDate,
    signedAtMs: 0,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: scope.secretAccessKey },
    payloadHash,
    bodyCheckPending: false,
  };
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function md5Hex(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

export function md5Base64(data: Buffer | string): string {
  return createHash('md5').update(data).digest('base64');
}

function signingKeyOf(scope: SigningScope): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  return hmac(
    hmac(hmac(hmac(`AWS4${scope.secretAccessKey}`, scope.date), scope.region), 's3'),
    'aws4_request',
  );
}
