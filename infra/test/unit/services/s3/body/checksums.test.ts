import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsCrc32c, crc32c as referenceCrc32c } from '@aws-crypto/crc32c';
import { Crc64Nvme } from '@aws-sdk/crc64-nvme';
import { describe, expect, it } from 'vitest';
import {
  type ChecksumAlgorithm,
  checksumOf,
  compositeChecksum,
  createChecksum,
  decodeChecksumValue,
} from '../../../../../src/services/s3/body/checksums.js';
import { crc32c } from '../../../../../src/services/s3/body/crc32c.js';

describe('crc32c', () => {
  it('gives the catalogued check value of "123456789"', () => {
    expect(crc32c(Buffer.from('123456789')).toString(16)).toBe('e3069283');
  });

  it('agrees with @aws-crypto/crc32c on every length up to 64 bytes and on 1 MB', () => {
    const data = randomBytes(1024 * 1024);

    const lengths = [...Array.from({ length: 65 }, (_, n) => n), data.length];

    for (const length of lengths) {
      const piece = data.subarray(0, length);
      expect(crc32c(piece), `length ${length}`).toBe(referenceCrc32c(piece));
    }
  });

  it('continues across pieces cut at unaligned offsets', () => {
    const data = randomBytes(100_003);

    let value = 0;
    for (const [start, end] of [
      [0, 1],
      [1, 9],
      [9, 4_097],
      [4_097, 100_003],
    ] as const) {
      value = crc32c(data.subarray(start, end), value);
    }

    expect(value).toBe(crc32c(data));
  });
});

describe('createChecksum', () => {
  const data = randomBytes(300_001);

  async function streamed(algorithm: ChecksumAlgorithm): Promise<Buffer> {
    const checksum = createChecksum(algorithm);
    for (let offset = 0; offset < data.length; offset += 65_536)
      checksum.update(data.subarray(offset, offset + 65_536));
    return Buffer.from(await checksum.digest());
  }

  it('computes CRC32 as zlib does, big-endian', async () => {
    const expected = Buffer.alloc(4);
    expected.writeUInt32BE(crc32(data));

    expect(await streamed('CRC32')).toEqual(expected);
  });

  it('computes CRC32C as @aws-crypto/crc32c does', async () => {
    const reference = new AwsCrc32c();
    reference.update(data);

    expect(await streamed('CRC32C')).toEqual(Buffer.from(await reference.digest()));
  });

  it('computes SHA1 and SHA256 as OpenSSL does', async () => {
    expect(await streamed('SHA1')).toEqual(createHash('sha1').update(data).digest());
    expect(await streamed('SHA256')).toEqual(createHash('sha256').update(data).digest());
  });

  it('computes CRC64NVME as @aws-sdk/crc64-nvme does', async () => {
    const reference = new Crc64Nvme();
    reference.update(data);

    expect(await streamed('CRC64NVME')).toEqual(Buffer.from(await reference.digest()));
  });

  it('gives the base64 CRC32 the SDK sends in x-amz-checksum-crc32 for "hello"', async () => {
    const value = await checksumOf('CRC32', Buffer.from('hello'));

    expect(value).toBe('NhCmhg==');
  });
});

describe('compositeChecksum', () => {
  it('checksums the decoded part checksums laid end to end', async () => {
    const parts = [Buffer.from('part one'), Buffer.from('part two')];
    const partChecksums = await Promise.all(parts.map((part) => checksumOf('SHA256', part)));

    const composite = await compositeChecksum('SHA256', partChecksums);

    const joined = Buffer.concat(partChecksums.map((value) => Buffer.from(value, 'base64')));
    expect(composite).toBe(createHash('sha256').update(joined).digest('base64'));
  });

  it('works for the CRC algorithms, whose digests are 4 and 8 bytes', async () => {
    const partChecksums = await Promise.all(
      ['a', 'b', 'c'].map((text) => checksumOf('CRC32C', Buffer.from(text))),
    );

    const composite = await compositeChecksum('CRC32C', partChecksums);

    const joined = Buffer.concat(partChecksums.map((value) => Buffer.from(value, 'base64')));
    expect(joined).toHaveLength(12);
    expect(composite).toBe(await checksumOf('CRC32C', joined));
  });
});

describe('decodeChecksumValue', () => {
  it('accepts canonical base64 of the digest length only', () => {
    expect(decodeChecksumValue('CRC32', 'NhCmhg==')).toEqual(Buffer.from('3610a686', 'hex'));
    expect(decodeChecksumValue('CRC32', 'NhCmhg')).toBeUndefined();
    expect(decodeChecksumValue('CRC32', 'NhC*mhg=')).toBeUndefined();
    expect(decodeChecksumValue('CRC64NVME', 'NhCmhg==')).toBeUndefined();
    expect(decodeChecksumValue('SHA256', '')).toBeUndefined();
  });
});
