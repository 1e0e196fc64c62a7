import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { crc32c } from './crc32c.js';

/** The flexible checksums S3 accepts (`x-amz-checksum-<algorithm>`, `ChecksumAlgorithm`). */
export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256' | 'CRC64NVME';

export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = [
  'CRC32',
  'CRC32C',
  'SHA1',
  'SHA256',
  'CRC64NVME',
];

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = {
  CRC32: 4,
  CRC32C: 4,
  SHA1: 20,
  SHA256: 32,
  CRC64NVME: 8,
};

/**
 * A checksum fed piece by piece. Same shape as the SDK's own `Checksum` (`@smithy/types`), whose
 * `digest` is asynchronous — which is why ours is too: CRC64NVME comes from `@aws-sdk/crc64-nvme`.
 */
export interface StreamingChecksum {
  update(data: Uint8Array): void;
  digest(): Promise<Uint8Array>;
}

/** The algorithm an `x-amz-checksum-<name>` header or `x-amz-sdk-checksum-algorithm` value names (any case). */
export function checksumAlgorithmOf(name: string): ChecksumAlgorithm | undefined {
  const upper = name.toUpperCase();
  return CHECKSUM_ALGORITHMS.find((algorithm) => algorithm === upper);
}

/** Digest length in bytes: a base64 value of another length is malformed. */
export function checksumLength(algorithm: ChecksumAlgorithm): number {
  return DIGEST_BYTES[algorithm];
}

/**
 * A fresh streaming checksum: CRC32 by native `zlib.crc32`, CRC32C by our slicing-by-8 loop,
 * SHA1/SHA256 by OpenSSL, CRC64NVME by `@aws-sdk/crc64-nvme`.
 *
 * @example const sum = createChecksum('CRC32C'); sum.update(bytes); base64Of(await sum.digest())
 */
export function createChecksum(algorithm: ChecksumAlgorithm): StreamingChecksum {
  switch (algorithm) {
    case 'CRC32':
      return new Crc32Checksum(crc32);
    case 'CRC32C':
      return new Crc32Checksum(crc32c);
    case 'SHA1':
      return new HashChecksum(createHash('sha1'));
    case 'SHA256':
      return new HashChecksum(createHash('sha256'));
    case 'CRC64NVME':
      return new Crc64Nvme();
  }
}

/** The base64 checksum of some bytes, as S3 shows it in `x-amz-checksum-<algorithm>`. */
export async function checksumOf(algorithm: ChecksumAlgorithm, data: Uint8Array): Promise<string> {
  const checksum = createChecksum(algorithm);
  checksum.update(data);
  return Buffer.from(await checksum.digest()).toString('base64');
}

/**
 * The checksum of a multipart object's parts, S3's COMPOSITE type: the checksum of the parts'
 * decoded checksums laid end to end, in part order. S3 shows it as `<value>-<number of parts>`;
 * the suffix is the caller's.
 *
 * @example await compositeChecksum('CRC32', ['NhCmhg==', 'DUoRhQ==']) // then `${value}-2`
 */
export async function compositeChecksum(
  algorithm: ChecksumAlgorithm,
  partChecksumsBase64: readonly string[],
): Promise<string> {
  const joined = Buffer.concat(partChecksumsBase64.map((value) => Buffer.from(value, 'base64')));
  return checksumOf(algorithm, joined);
}

/**
 * The digest bytes a base64 checksum value stands for, or `undefined` when it is not canonical base64
 * of exactly the algorithm's digest length (`Buffer.from` would silently skip bad characters).
 */
export function decodeChecksumValue(algorithm: ChecksumAlgorithm, value: string): Buffer | undefined {
  return decodeBase64Exact(value, checksumLength(algorithm));
}

/** Strict base64 of exactly `length` bytes: the only spelling that encodes back to itself. */
export function decodeBase64Exact(value: string, length: number): Buffer | undefined {
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length !== length || bytes.toString('base64') !== value) return undefined;
  return bytes;
}

class Crc32Checksum implements StreamingChecksum {
  private value = 0;
  constructor(private readonly step: (data: Uint8Array, previous: number) => number) {}

  update(data: Uint8Array): void {
    this.value = this.step(data, this.value);
  }

  async digest(): Promise<Uint8Array> {
    const out = Buffer.alloc(4);
    out.writeUInt32BE(this.value >>> 0);
    return out;
  }
}

class HashChecksum implements StreamingChecksum {
  constructor(private readonly hash: Hash) {}

  update(data: Uint8Array): void {
    this.hash.update(data);
  }

  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}
