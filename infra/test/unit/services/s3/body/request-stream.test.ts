import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../../../src/core/errors.js';
import { verifySignature } from '../../../../../src/core/sigv4/verify.js';
import { type ObjectDigest, readObjectBody } from '../../../../../src/services/s3/body/object-body.js';
import { md5Hex } from './support.js';

const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * readObjectBody reading the live `http.IncomingMessage`, as the S3 service will: the digest is
 * answered as the ETag, an error as S3's XML — which needs the request stream still usable.
 */
describe('readObjectBody on a live request stream', () => {
  const digests: ObjectDigest[] = [];
  let server: http.Server;
  let client: S3Client;

  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      const q = (req.url ?? '/').indexOf('?');
      try {
        const signature = verifySignature(
          {
            method: req.method ?? 'PUT',
            rawPath: (req.url ?? '/').slice(0, q),
            rawQuery: (req.url ?? '').slice(q + 1),
            headers: req.headers,
          },
          () => CREDENTIALS,
        );
        // A tiny limit for the key "small", so that one test can see EntityTooLarge.
        const maxBytes = req.url?.includes('/small') ? 10 : 5 * 1024 ** 3;
        const body = readObjectBody(req, { headers: req.headers, signature, maxBytes });
        for await (const _ of body.chunks) {
          // Written to a temporary file by the S3 service; dropped here.
        }
        digests.push(body.digest());
        res.writeHead(200, { etag: `"${body.digest().md5Hex}"` }).end();
      } catch (error) {
        const { code, message, status } =
          error instanceof ServiceError
            ? error
            : { code: 'InternalError', message: String(error), status: 500 };
        if (!req.complete) req.resume();
        res
          .writeHead(status, { 'content-type': 'application/xml' })
          .end(
            `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
          );
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new S3Client({
      endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gives the ETag of a 4 MB stream upload decoded off the socket', async () => {
    const data = randomBytes(4 * 1024 * 1024);

    const response = await client.send(
      new PutObjectCommand({
        Bucket: 'photos',
        Key: 'big.bin',
        Body: Readable.from([data]),
        ContentLength: data.length,
      }),
    );

    expect(response.ETag).toBe(`"${md5Hex(data)}"`);
    expect(digests.at(-1)?.size).toBe(data.length);
  });

  it('lets the server answer S3 errors to the SDK after refusing a body', async () => {
    const refused = await client
      .send(new PutObjectCommand({ Bucket: 'photos', Key: 'small', Body: randomBytes(1000) }))
      .catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(S3ServiceException);
    expect((refused as S3ServiceException).name).toBe('EntityTooLarge');
  });
});
