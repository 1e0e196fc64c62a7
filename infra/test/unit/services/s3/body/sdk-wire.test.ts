import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../../../../src/core/sigv4/verify.js';
import { checksumOf } from '../../../../../src/services/s3/body/checksums.js';
import { readObjectBody } from '../../../../../src/services/s3/body/object-body.js';
import { expectS3Error, md5Base64, md5Hex, piecesOf, readAll } from './support.js';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const MAX = 5 * 1024 ** 3;

interface Captured {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What the real S3 client puts on the wire, decoded as the S3 service will: signature first, then body. */
describe('readObjectBody on uploads captured from the real S3 client', () => {
  const captured: Captured[] = [];
  let server: http.Server;
  let client: S3Client;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (part: Buffer) => parts.push(part));
      req.on('end', () => {
        captured.push({
          method: req.method ?? '',
          url: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(parts),
        });
        res.writeHead(200, { etag: '"d41d8cd98f00b204e9800998ecf8427e"' });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: CREDENTIALS });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function lastUpload(): Captured {
    const upload = captured.at(-1);
    if (!upload) throw new Error('the client sent nothing');
    return upload;
  }

  /** The captured request as the S3 service sees it: verified without its body, body streamed in 16 KB reads. */
  function decodeCaptured(upload: Captured, body: Buffer = upload.body) {
    const q = upload.url.indexOf('?');
    const signature = verifySignature(
      {
        method: upload.method,
        rawPath: q < 0 ? upload.url : upload.url.slice(0, q),
        rawQuery: q < 0 ? '' : upload.url.slice(q + 1),
        headers: upload.headers,
      },
      () => CREDENTIALS,
    );
    return readAll(
      readObjectBody(piecesOf(body, 16_384), { headers: upload.headers, signature, maxBytes: MAX }),
    );
  }

  /** A stream the SDK cannot measure, cut in uneven pieces. */
  function streamOf(data: Buffer): Readable {
    return Readable.from([data.subarray(0, 70_000), data.subarray(70_000, 70_001), data.subarray(70_001)]);
  }

  it('decodes a Buffer body sent with its SHA-256 and the default CRC32 header', async () => {
    const data = randomBytes(100_000);

    await client.send(new PutObjectCommand({ Bucket: 'photos', Key: 'buffer.bin', Body: data }));
    const { bytes, digest } = await decodeCaptured(lastUpload());

    expect(lastUpload().headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(bytes.equals(data)).toBe(true);
    expect(digest).toEqual({
      size: data.length,
      md5Hex: md5Hex(data),
      checksum: { algorithm: 'CRC32', value: await checksumOf('CRC32', data) },
    });
  });

  it('decodes a stream body sent aws-chunked with the default trailing CRC32', async () => {
    const data = randomBytes(150_000);

    await client.send(
      new PutObjectCommand({
        Bucket: 'photos',
        Key: 'stream.bin',
        Body: streamOf(data),
        ContentLength: data.length,
      }),
    );
    const upload = lastUpload();
    const { bytes, digest } = await decodeCaptured(upload);

    expect(upload.headers).toMatchObject({
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-trailer': 'x-amz-checksum-crc32',
    });
    expect(upload.headers['content-length']).toBeUndefined();
    expect(bytes.equals(data)).toBe(true);
    expect(digest.checksum).toEqual({ algorithm: 'CRC32', value: await checksumOf('CRC32', data) });
  });

  for (const algorithm of ['CRC32C', 'SHA256', 'CRC64NVME'] as const) {
    it(`decodes a stream body with ChecksumAlgorithm ${algorithm} in the trailer`, async () => {
      const data = randomBytes(120_000);

      await client.send(
        new PutObjectCommand({
          Bucket: 'photos',
          Key: `${algorithm}.bin`,
          Body: streamOf(data),
          ContentLength: data.length,
          ChecksumAlgorithm: algorithm,
        }),
      );
      const { bytes, digest } = await decodeCaptured(lastUpload());

      expect(lastUpload().headers['x-amz-trailer']).toBe(`x-amz-checksum-${algorithm.toLowerCase()}`);
      expect(bytes.equals(data)).toBe(true);
      expect(digest.checksum).toEqual({ algorithm, value: await checksumOf(algorithm, data) });
    });

    it(`decodes a Buffer body with ChecksumAlgorithm ${algorithm} in a header`, async () => {
      const data = randomBytes(50_000);

      await client.send(
        new PutObjectCommand({
          Bucket: 'photos',
          Key: `${algorithm}.bin`,
          Body: data,
          ChecksumAlgorithm: algorithm,
        }),
      );
      const { digest } = await decodeCaptured(lastUpload());

      expect(lastUpload().headers[`x-amz-checksum-${algorithm.toLowerCase()}`]).toBeDefined();
      expect(digest.checksum).toEqual({ algorithm, value: await checksumOf(algorithm, data) });
    });
  }

  it('verifies the Content-MD5 the client sends, next to its checksum', async () => {
    const data = Buffer.from('hello');

    await client.send(
      new PutObjectCommand({ Bucket: 'photos', Key: 'md5.txt', Body: data, ContentMD5: md5Base64(data) }),
    );
    const { digest } = await decodeCaptured(lastUpload());

    expect(digest.contentMd5).toBe(md5Base64(data));
  });

  it('decodes an UploadPart stream body the same way', async () => {
    const data = randomBytes(80_000);

    await client.send(
      new UploadPartCommand({
        Bucket: 'photos',
        Key: 'big.bin',
        UploadId: 'upload-1',
        PartNumber: 1,
        Body: streamOf(data),
        ContentLength: data.length,
      }),
    );
    const { bytes } = await decodeCaptured(lastUpload());

    expect(bytes.equals(data)).toBe(true);
  });

  it('refuses a captured stream upload with one byte changed in transit, as BadDigest', async () => {
    const data = randomBytes(100_000);
    await client.send(
      new PutObjectCommand({
        Bucket: 'photos',
        Key: 'flip.bin',
        Body: streamOf(data),
        ContentLength: data.length,
      }),
    );
    const corrupted = Buffer.from(lastUpload().body);
    corrupted[50_000] = (corrupted[50_000] as number) ^ 0xff;

    await expectS3Error(decodeCaptured(lastUpload(), corrupted), 'BadDigest');
  });

  it('refuses a captured Buffer upload with one byte changed, by its signed SHA-256', async () => {
    const data = randomBytes(10_000);
    await client.send(
      new PutObjectCommand({ Bucket: 'photos', Key: 'flip.bin', Body: data, ChecksumAlgorithm: 'SHA256' }),
    );
    const corrupted = Buffer.from(lastUpload().body);
    corrupted[5_000] = (corrupted[5_000] as number) ^ 0xff;

    await expectS3Error(decodeCaptured(lastUpload(), corrupted), 'XAmzContentSHA256Mismatch');
  });
});
