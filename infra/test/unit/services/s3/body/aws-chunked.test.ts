import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumOf } from '../../../../../src/services/s3/body/checksums.js';
import { isAwsChunked, storedContentEncoding } from '../../../../../src/services/s3/body/content-encoding.js';
import { decode, expectS3Error, frameUnsigned, md5Hex } from './support.js';

const MAX = 5 * 1024 ** 3;
const DATA = randomBytes(150_000);
const CRC32_TRAILER = 'x-amz-checksum-crc32';

/** The headers the SDK sends with a stream body (STREAMING-UNSIGNED-PAYLOAD-TRAILER). */
function unsignedHeaders(length: number, trailer?: string) {
  return {
    'content-encoding': 'aws-chunked',
    'transfer-encoding': 'chunked',
    'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    'x-amz-decoded-content-length': String(length),
    ...(trailer
      ? { 'x-amz-trailer': trailer, 'x-amz-sdk-checksum-algorithm': trailer.slice(15).toUpperCase() }
      : {}),
  };
}

async function crc32Trailer(data: Buffer) {
  return `x-amz-checksum-crc32:${await checksumOf('CRC32', data)}`;
}

function withText(wire: Buffer, from: string, to: string): Buffer {
  const text = wire.toString('latin1');
  expect(text).toContain(from);
  return Buffer.from(text.replace(from, to), 'latin1');
}

describe('readObjectBody on aws-chunked with an unsigned trailer', () => {
  it('decodes the chunks and verifies the trailing checksum, however the wire is cut', async () => {
    // Byte-by-byte reads on a smaller body: every line and CRLF then spans two reads.
    const cases = [
      { data: DATA.subarray(0, 3000), chunkSize: 1000, pieceSize: 1 },
      { data: DATA, chunkSize: 65_536, pieceSize: 7 },
      { data: DATA, chunkSize: 65_536, pieceSize: 4096 },
      { data: DATA, chunkSize: 65_536, pieceSize: 65_538 },
      { data: DATA, chunkSize: 8192, pieceSize: DATA.length * 2 },
    ];

    for (const { data, chunkSize, pieceSize } of cases) {
      const wire = frameUnsigned(data, chunkSize, [await crc32Trailer(data)]);

      const { bytes, digest } = await decode(
        wire,
        { headers: unsignedHeaders(data.length, CRC32_TRAILER), maxBytes: MAX },
        pieceSize,
      );

      expect(bytes.equals(data), `chunks of ${chunkSize} read ${pieceSize} bytes at a time`).toBe(true);
      expect(digest).toEqual({
        size: data.length,
        md5Hex: md5Hex(data),
        checksum: { algorithm: 'CRC32', value: await checksumOf('CRC32', data) },
      });
    }
  });

  it('decodes an empty object, framed as the final chunk and the trailer alone', async () => {
    const wire = Buffer.from('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n');

    const { bytes, digest } = await decode(wire, {
      headers: unsignedHeaders(0, CRC32_TRAILER),
      maxBytes: MAX,
    });

    expect(bytes).toHaveLength(0);
    expect(digest.checksum).toEqual({ algorithm: 'CRC32', value: 'AAAAAA==' });
  });

  it('accepts a body without trailer, ending with or without the last empty line', async () => {
    const wire = frameUnsigned(DATA, 10_000);

    const whole = await decode(wire, { headers: unsignedHeaders(DATA.length), maxBytes: MAX });
    const bare = await decode(wire.subarray(0, -2), { headers: unsignedHeaders(DATA.length), maxBytes: MAX });

    expect(whole.bytes.equals(DATA)).toBe(true);
    expect(bare.bytes.equals(DATA)).toBe(true);
    expect(whole.digest.checksum).toBeUndefined();
  });

  it('decodes aws-chunked named by Content-Encoding alone, as some clients send it', async () => {
    const wire = frameUnsigned(DATA, 8192);
    const headers = {
      'content-encoding': 'gzip, aws-chunked',
      'x-amz-decoded-content-length': String(DATA.length),
    };

    const { bytes } = await decode(wire, { headers, maxBytes: MAX });

    expect(bytes.equals(DATA)).toBe(true);
  });

  it('refuses a trailing checksum of other bytes as BadDigest', async () => {
    const wire = frameUnsigned(DATA, 65_536, [await crc32Trailer(Buffer.from('other'))]);

    const error = await expectS3Error(
      decode(wire, { headers: unsignedHeaders(DATA.length, CRC32_TRAILER), maxBytes: MAX }),
      'BadDigest',
    );

    expect(error.message).toBe('The CRC32 you specified did not match the calculated checksum.');
  });

  it('refuses a malformed trailing checksum as InvalidRequest', async () => {
    const wire = frameUnsigned(DATA, 65_536, ['x-amz-checksum-crc32:AAAA']);

    const error = await expectS3Error(
      decode(wire, { headers: unsignedHeaders(DATA.length, CRC32_TRAILER), maxBytes: MAX }),
      'InvalidRequest',
    );

    expect(error.message).toBe('Value for x-amz-checksum-crc32 trailing header is invalid.');
  });

  it('refuses a trailer that was announced and not sent, sent and not announced, or another one', async () => {
    const trailer = await crc32Trailer(DATA);
    const cases = [
      { wire: frameUnsigned(DATA, 65_536), announced: 'x-amz-checksum-crc32' },
      { wire: frameUnsigned(DATA, 65_536, [trailer]), announced: undefined },
      {
        wire: frameUnsigned(DATA, 65_536, [trailer.replace('crc32', 'crc32c')]),
        announced: 'x-amz-checksum-crc32',
      },
      { wire: frameUnsigned(DATA, 65_536, ['no colon here']), announced: 'x-amz-checksum-crc32' },
    ];

    for (const { wire, announced } of cases) {
      const error = await expectS3Error(
        decode(wire, { headers: unsignedHeaders(DATA.length, announced), maxBytes: MAX }),
        'MalformedTrailerError',
      );
      expect(error.status).toBe(400);
    }
  });

  it('refuses an x-amz-trailer that names no checksum', async () => {
    const headers = { ...unsignedHeaders(DATA.length, CRC32_TRAILER), 'x-amz-trailer': 'x-amz-meta-color' };
    delete (headers as Record<string, string>)['x-amz-sdk-checksum-algorithm'];

    const error = await expectS3Error(
      decode(frameUnsigned(DATA, 65_536), { headers, maxBytes: MAX }),
      'InvalidRequest',
    );

    expect(error.message).toBe('The value specified in the x-amz-trailer header is not supported');
  });
});

describe('readObjectBody on broken aws-chunked framing', () => {
  const headers = unsignedHeaders(DATA.length);

  it('refuses corrupt chunk sizes and missing CRLFs as IncompleteBody', async () => {
    const wire = frameUnsigned(DATA, 65_536);
    const corrupt = [
      withText(wire, '10000\r\n', 'zz\r\n'),
      withText(wire, '10000\r\n', '\r\n'),
      withText(wire, '10000\r\n', '10000\n'),
      withText(wire, '10000\r\n', '0x10000\r\n'),
      withText(wire, '10000\r\n', '10001\r\n'),
      withText(wire, '10000\r\n', 'fffffffffffffffff\r\n'),
      withText(wire, '\r\n0\r\n', '0\r\n'),
      Buffer.concat([wire, Buffer.from('extra')]),
    ];

    for (const [index, body] of corrupt.entries()) {
      const error = await expectS3Error(decode(body, { headers, maxBytes: MAX }, 5000), 'IncompleteBody');
      expect(error.message, `case ${index}`).toBe('The request body terminated unexpectedly');
    }
  });

  it('refuses a body cut before its end as IncompleteBody', async () => {
    const wire = frameUnsigned(DATA, 65_536);

    for (const cut of [3, 1000, 65_544, wire.length - 4]) {
      await expectS3Error(decode(wire.subarray(0, cut), { headers, maxBytes: MAX }), 'IncompleteBody');
    }
  });

  it('holds the decoded bytes to x-amz-decoded-content-length', async () => {
    const wire = frameUnsigned(DATA, 65_536);

    const tooFew = await expectS3Error(
      decode(wire, { headers: unsignedHeaders(DATA.length + 1), maxBytes: MAX }),
      'IncompleteBody',
    );
    const tooMany = await expectS3Error(
      decode(wire, { headers: unsignedHeaders(DATA.length - 1), maxBytes: MAX }),
      'IncompleteBody',
    );

    expect(tooFew.fields).toEqual({ NumberBytesExpected: DATA.length + 1, NumberBytesProvided: DATA.length });
    expect(tooMany.fields.NumberBytesExpected).toBe(DATA.length - 1);
  });

  it('requires x-amz-decoded-content-length, and refuses one above the maximum', async () => {
    const wire = frameUnsigned(DATA, 65_536);
    const { 'x-amz-decoded-content-length': _, ...withoutLength } = headers;

    await expectS3Error(decode(wire, { headers: withoutLength, maxBytes: MAX }), 'MissingContentLength', 411);
    await expectS3Error(
      decode(wire, { headers: { ...headers, 'x-amz-decoded-content-length': 'abc' }, maxBytes: MAX }),
      'MissingContentLength',
      411,
    );
    await expectS3Error(decode(wire, { headers, maxBytes: DATA.length - 1 }), 'EntityTooLarge');
  });
});

describe('content codings', () => {
  it('finds aws-chunked in any position and stores the other codings', () => {
    expect(isAwsChunked('gzip,aws-chunked')).toBe(true);
    expect(isAwsChunked('AWS-CHUNKED')).toBe(true);
    expect(isAwsChunked('gzip')).toBe(false);
    expect(isAwsChunked(undefined)).toBe(false);
    expect(storedContentEncoding('aws-chunked')).toBeUndefined();
    expect(storedContentEncoding('aws-chunked, gzip')).toBe('gzip');
    expect(storedContentEncoding('gzip,aws-chunked,br')).toBe('gzip,br');
    expect(storedContentEncoding('gzip')).toBe('gzip');
  });
});
