import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { VerifiedRequest } from '../../../../../src/core/sigv4/verify.js';
import { checksumOf } from '../../../../../src/services/s3/body/checksums.js';
import { readObjectBody } from '../../../../../src/services/s3/body/object-body.js';
import { decode, expectS3Error, md5Base64, md5Hex, piecesOf, readAll, sha256 } from './support.js';

const MAX = 5 * 1024 ** 3;
const DATA = randomBytes(200_000);

function plainHeaders(data: Buffer, extra: Record<string, string> = {}) {
  return { 'content-length': String(data.length), ...extra };
}

/** What verifySignature returns for a header-signed request whose hex payload hash is still to check. */
function signedWithHash(hash: string): VerifiedRequest {
  return {
    accessKeyId: 'AKIA',
    date: '20260115',
    region: 'us-east-1',
    service: 's3',
    signedHeaders: ['host'],
    signature: '0'.repeat(64),
    presigned: false,
    amzDate: '20260115T120000Z',
    signedAtMs: 0,
    credentials: { accessKeyId: 'AKIA', secretAccessKey: 'secret' },
    payloadHash: hash,
    bodyCheckPending: true,
  };
}

describe('readObjectBody on a plain body', () => {
  it('yields the bytes unchanged with their size and MD5', async () => {
    const { bytes, digest } = await decode(DATA, { headers: plainHeaders(DATA), maxBytes: MAX }, 16_384);

    expect(bytes.equals(DATA)).toBe(true);
    expect(digest).toEqual({ size: DATA.length, md5Hex: md5Hex(DATA) });
  });

  it('reads a Node Readable and an empty body without Content-Length', async () => {
    const fromStream = await readAll(
      readObjectBody(Readable.from([DATA]), { headers: plainHeaders(DATA), maxBytes: MAX }),
    );
    const empty = await readAll(readObjectBody(undefined, { headers: {}, maxBytes: MAX }));

    expect(fromStream.bytes.equals(DATA)).toBe(true);
    expect(empty.digest).toEqual({ size: 0, md5Hex: 'd41d8cd98f00b204e9800998ecf8427e' });
  });

  it('refuses a body shorter than its Content-Length as IncompleteBody', async () => {
    const error = await expectS3Error(
      decode(DATA.subarray(0, 1000), { headers: plainHeaders(DATA), maxBytes: MAX }),
      'IncompleteBody',
    );

    expect(error.fields).toEqual({ NumberBytesExpected: DATA.length, NumberBytesProvided: 1000 });
  });

  it('turns a source that fails mid-body (a client hanging up) into IncompleteBody', async () => {
    async function* hangsUp() {
      yield DATA.subarray(0, 100);
      throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    }

    const error = await expectS3Error(
      readAll(readObjectBody(hangsUp(), { headers: plainHeaders(DATA), maxBytes: MAX })),
      'IncompleteBody',
    );

    expect(error.message).toBe('The request body terminated unexpectedly');
  });

  it('refuses a declared length above the maximum as EntityTooLarge before reading', async () => {
    let read = false;
    async function* watched() {
      read = true;
      yield DATA;
    }

    await expectS3Error(
      readAll(readObjectBody(watched(), { headers: plainHeaders(DATA), maxBytes: 1000 })),
      'EntityTooLarge',
    );

    expect(read).toBe(false);
  });

  it('refuses a streamed body without Content-Length as MissingContentLength', async () => {
    await expectS3Error(
      decode(DATA, { headers: { 'transfer-encoding': 'chunked' }, maxBytes: MAX }),
      'MissingContentLength',
      411,
    );
  });

  it('never destroys the request stream it stops reading, so the server can still answer', async () => {
    const stream = Readable.from([DATA.subarray(0, 10), DATA.subarray(10, 20)]);

    await expectS3Error(
      readAll(readObjectBody(stream, { headers: { 'content-length': '5' }, maxBytes: MAX })),
      'IncompleteBody',
    );

    expect(stream.destroyed).toBe(false);
  });
});

describe('readObjectBody and x-amz-content-sha256', () => {
  it('accepts a body whose SHA-256 is the signed hex hash', async () => {
    const { digest } = await decode(DATA, {
      headers: plainHeaders(DATA),
      signature: signedWithHash(sha256(DATA)),
      maxBytes: MAX,
    });

    expect(digest.size).toBe(DATA.length);
  });

  it('refuses a body whose SHA-256 differs, with both hashes', async () => {
    const declared = sha256('something else');

    const error = await expectS3Error(
      decode(DATA, { headers: plainHeaders(DATA), signature: signedWithHash(declared), maxBytes: MAX }),
      'XAmzContentSHA256Mismatch',
    );

    expect(error.fields).toEqual({
      ClientComputedContentSHA256: declared,
      S3ComputedContentSHA256: sha256(DATA),
    });
  });

  it('checks the hash an anonymous request declares too', async () => {
    const headers = plainHeaders(DATA, { 'x-amz-content-sha256': sha256('other') });

    await expectS3Error(decode(DATA, { headers, maxBytes: MAX }), 'XAmzContentSHA256Mismatch');
  });

  it('skips a hash the verifier already compared with a buffered body', async () => {
    const signature = { ...signedWithHash(sha256('other')), bodyCheckPending: false };

    const { digest } = await decode(DATA, { headers: plainHeaders(DATA), signature, maxBytes: MAX });

    expect(digest.size).toBe(DATA.length);
  });
});

describe('readObjectBody and Content-MD5', () => {
  it('reports a matching Content-MD5 as verified', async () => {
    const contentMd5 = md5Base64(DATA);

    const { digest } = await decode(DATA, {
      headers: plainHeaders(DATA, { 'content-md5': contentMd5 }),
      maxBytes: MAX,
    });

    expect(digest.contentMd5).toBe(contentMd5);
  });

  it('refuses a Content-MD5 that is not base64 of 16 bytes as InvalidDigest', async () => {
    await expectS3Error(
      decode(DATA, { headers: plainHeaders(DATA, { 'content-md5': 'not-an-md5' }), maxBytes: MAX }),
      'InvalidDigest',
    );
  });

  it('refuses a Content-MD5 of other bytes as BadDigest, echoing both digests', async () => {
    const wrong = md5Base64('other');

    const error = await expectS3Error(
      decode(DATA, { headers: plainHeaders(DATA, { 'content-md5': wrong }), maxBytes: MAX }),
      'BadDigest',
    );

    expect(error.fields).toEqual({
      ExpectedDigest: Buffer.from(wrong, 'base64').toString('hex'),
      CalculatedDigest: md5Base64(DATA),
    });
  });
});

describe('readObjectBody and x-amz-checksum-* headers', () => {
  it('verifies and reports a checksum header for each algorithm', async () => {
    for (const algorithm of ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'] as const) {
      const value = await checksumOf(algorithm, DATA);
      const headers = plainHeaders(DATA, {
        [`x-amz-checksum-${algorithm.toLowerCase()}`]: value,
        'x-amz-sdk-checksum-algorithm': algorithm,
      });

      const { digest } = await decode(DATA, { headers, maxBytes: MAX }, 10_000);

      expect(digest.checksum).toEqual({ algorithm, value });
    }
  });

  it('refuses a checksum of other bytes as BadDigest', async () => {
    const headers = plainHeaders(DATA, {
      'x-amz-checksum-crc32c': await checksumOf('CRC32C', Buffer.from('x')),
    });

    const error = await expectS3Error(decode(DATA, { headers, maxBytes: MAX }), 'BadDigest');

    expect(error.message).toBe('The CRC32C you specified did not match the calculated checksum.');
  });

  it('refuses a malformed checksum value as InvalidRequest before reading', async () => {
    const headers = plainHeaders(DATA, { 'x-amz-checksum-sha256': 'AAAA' });

    const error = await expectS3Error(decode(DATA, { headers, maxBytes: MAX }), 'InvalidRequest');

    expect(error.message).toBe('Value for x-amz-checksum-sha256 header is invalid.');
  });

  it('refuses two checksum headers, an unknown algorithm and a mismatched SDK algorithm', async () => {
    const crc32 = await checksumOf('CRC32', DATA);
    const sha1 = await checksumOf('SHA1', DATA);
    const cases: Array<[Record<string, string>, string]> = [
      [
        { 'x-amz-checksum-crc32': crc32, 'x-amz-checksum-sha1': sha1 },
        'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
      ],
      [
        { 'x-amz-checksum-md5': crc32 },
        'The algorithm type you specified in x-amz-checksum- header is invalid.',
      ],
      [
        { 'x-amz-checksum-crc32': crc32, 'x-amz-sdk-checksum-algorithm': 'SHA1' },
        'Value for x-amz-sdk-checksum-algorithm header is invalid.',
      ],
      [
        { 'x-amz-sdk-checksum-algorithm': 'CRC32' },
        'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
      ],
    ];

    for (const [extra, message] of cases) {
      const error = await expectS3Error(
        decode(DATA, { headers: plainHeaders(DATA, extra), maxBytes: MAX }),
        'InvalidRequest',
      );
      expect(error.message).toBe(message);
    }
  });

  it('ignores x-amz-checksum-type and x-amz-checksum-algorithm, which carry no value', async () => {
    const headers = plainHeaders(DATA, {
      'x-amz-checksum-type': 'FULL_OBJECT',
      'x-amz-checksum-algorithm': 'CRC32',
    });

    const { digest } = await decode(DATA, { headers, maxBytes: MAX });

    expect(digest.checksum).toBeUndefined();
  });

  it('reads the checksum of a presigned URL from its query, where the presigner put it', async () => {
    const signature = { ...signedWithHash('UNSIGNED-PAYLOAD'), presigned: true, bodyCheckPending: false };
    // getSignedUrl's default: the CRC32 of an empty body, which real S3 refuses for a non-empty upload.
    const query = new URLSearchParams({
      'x-amz-checksum-crc32': 'AAAAAA==',
      'x-amz-sdk-checksum-algorithm': 'CRC32',
    });

    await expectS3Error(
      decode(DATA, { headers: plainHeaders(DATA), signature, query, maxBytes: MAX }),
      'BadDigest',
    );
  });
});

describe('readObjectBody.digest', () => {
  it('is refused until the body was read to its end', async () => {
    const body = readObjectBody(piecesOf(DATA), { headers: plainHeaders(DATA), maxBytes: MAX });

    expect(() => body.digest()).toThrow(/fully read/);
  });
});

describe('readObjectBody on a large body, hashed on another thread', () => {
  const LARGE = randomBytes(9 * 1024 * 1024);

  it('gives the MD5 and accepts the signed SHA-256 of a body from 8 MiB up', async () => {
    const { digest, bytes } = await decode(
      LARGE,
      {
        headers: plainHeaders(LARGE, { 'content-md5': md5Base64(LARGE) }),
        signature: signedWithHash(sha256(LARGE)),
        maxBytes: MAX,
      },
      64 * 1024,
    );

    expect(digest.md5Hex).toBe(md5Hex(LARGE));
    expect(bytes.equals(LARGE)).toBe(true);
  });

  it('refuses a large body whose SHA-256 or Content-MD5 differs', async () => {
    const declared = sha256('something else');

    const hash = await expectS3Error(
      decode(
        LARGE,
        { headers: plainHeaders(LARGE), signature: signedWithHash(declared), maxBytes: MAX },
        64 * 1024,
      ),
      'XAmzContentSHA256Mismatch',
    );
    await expectS3Error(
      decode(
        LARGE,
        { headers: plainHeaders(LARGE, { 'content-md5': md5Base64('other') }), maxBytes: MAX },
        64 * 1024,
      ),
      'BadDigest',
    );

    expect(hash.fields).toEqual({
      ClientComputedContentSHA256: declared,
      S3ComputedContentSHA256: sha256(LARGE),
    });
  });

  it('keeps concurrent large bodies apart', async () => {
    const other = randomBytes(LARGE.length);

    const [first, second] = await Promise.all([
      decode(LARGE, { headers: plainHeaders(LARGE), maxBytes: MAX }, 64 * 1024),
      decode(other, { headers: plainHeaders(other), maxBytes: MAX }, 64 * 1024),
    ]);

    expect(first.digest.md5Hex).toBe(md5Hex(LARGE));
    expect(second.digest.md5Hex).toBe(md5Hex(other));
  });
});
