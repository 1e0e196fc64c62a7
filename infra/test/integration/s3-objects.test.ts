import { createHash } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEventStack } from '../support/cloud-fixture.js';
import { s3Failure } from '../support/s3.js';

const local = useEventStack('s3-objects');
const Bucket = 'uploads';

const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('hex');

async function text(key: string, extra: Partial<ConstructorParameters<typeof GetObjectCommand>[0]> = {}) {
  const response = await local.s3.send(new GetObjectCommand({ Bucket, Key: key, ...extra }));
  return { response, body: await response.Body?.transformToString() };
}

describe('S3 objects through the SDK', () => {
  it('stores a Buffer body and returns it with its ETag, type and user metadata', async () => {
    const body = Buffer.from('a photo, more or less');
    const put = await local.s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'docs/photo.txt',
        Body: body,
        ContentType: 'text/plain; charset=utf-8',
        CacheControl: 'max-age=60',
        ContentDisposition: 'inline',
        Metadata: { caption: 'sunset', visibility: 'friends' },
      }),
    );

    const { response, body: read } = await text('docs/photo.txt');

    expect(put.ETag).toBe(`"${md5(body)}"`);
    expect(read).toBe('a photo, more or less');
    expect(response.ETag).toBe(put.ETag);
    expect(response.ContentType).toBe('text/plain; charset=utf-8');
    expect(response.CacheControl).toBe('max-age=60');
    expect(response.ContentDisposition).toBe('inline');
    expect(response.ContentLength).toBe(body.length);
    expect(response.Metadata).toEqual({ caption: 'sunset', visibility: 'friends' });
    expect(response.LastModified).toBeInstanceOf(Date);
  });

  it('decodes a streamed body the SDK sends aws-chunked with a trailing checksum', async () => {
    const parts = Array.from({ length: 40 }, (_, i) => Buffer.alloc(50_000, i));
    const whole = Buffer.concat(parts);

    const put = await local.s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'docs/streamed.bin',
        Body: Readable.from(parts),
        ContentLength: whole.length,
      }),
    );
    const response = await local.s3.send(
      new GetObjectCommand({ Bucket, Key: 'docs/streamed.bin', ChecksumMode: 'ENABLED' }),
    );
    const read = Buffer.from(await (response.Body?.transformToByteArray() ?? new Uint8Array()));

    expect(put.ETag).toBe(`"${md5(whole)}"`);
    expect(read.equals(whole)).toBe(true);
    expect(response.ChecksumCRC32).toBe(put.ChecksumCRC32);
  });

  it.each(['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'] as const)(
    'verifies and returns a %s checksum',
    async (algorithm) => {
      const Key = `docs/checksum-${algorithm}.txt`;
      const put = await local.s3.send(
        new PutObjectCommand({
          Bucket,
          Key,
          Body: `checked with ${algorithm}`,
          ChecksumAlgorithm: algorithm,
        }),
      );

      const head = await local.s3.send(new HeadObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));

      const field = `Checksum${algorithm}` as const;
      expect(put[field]).toBeTruthy();
      expect(head[field]).toBe(put[field]);
    },
  );

  it('refuses a body whose Content-MD5 does not match, and stores nothing', async () => {
    const error = await s3Failure(
      local.s3.send(
        new PutObjectCommand({
          Bucket,
          Key: 'docs/corrupt.txt',
          Body: 'what arrived',
          ContentMD5: createHash('md5').update('what was sent').digest('base64'),
        }),
      ),
    );

    expect(error.name).toBe('BadDigest');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(
      (await s3Failure(local.s3.send(new HeadObjectCommand({ Bucket, Key: 'docs/corrupt.txt' })))).$metadata
        .httpStatusCode,
    ).toBe(404);
  });

  it('refuses a flexible checksum that does not match, and stores nothing', async () => {
    const error = await s3Failure(
      local.s3.send(
        new PutObjectCommand({ Bucket, Key: 'docs/bad-crc.txt', Body: 'payload', ChecksumCRC32: 'AAAAAA==' }),
      ),
    );

    expect(error.name).toBe('BadDigest');
    expect(
      (await s3Failure(local.s3.send(new HeadObjectCommand({ Bucket, Key: 'docs/bad-crc.txt' })))).name,
    ).toBe('NotFound');
  });

  it('refuses a large upload on its headers, before the client sends the body (Expect: 100-continue)', async () => {
    let piecesRead = 0;
    const body = new Readable({
      read() {
        piecesRead++;
        this.push(piecesRead > 16 ? null : Buffer.alloc(1024 * 1024));
      },
    });

    const error = await s3Failure(
      local.s3.send(
        new PutObjectCommand({
          Bucket: 'no-such-bucket',
          Key: 'big.bin',
          Body: body,
          ContentLength: 16 * 1024 * 1024,
        }),
      ),
    );

    expect(error.name).toBe('NoSuchBucket');
    // The SDK's checksum stream reads one piece ahead; the other fifteen were never asked for.
    expect(piecesRead).toBeLessThanOrEqual(1);
  });

  it('answers NoSuchKey for GET and a bodiless 404 for HEAD of a missing key', async () => {
    const get = await s3Failure(local.s3.send(new GetObjectCommand({ Bucket, Key: 'nothing/here' })));
    const head = await s3Failure(local.s3.send(new HeadObjectCommand({ Bucket, Key: 'nothing/here' })));

    expect(get.name).toBe('NoSuchKey');
    expect(get.$metadata.httpStatusCode).toBe(404);
    expect(head.name).toBe('NotFound');
    expect(head.$metadata.httpStatusCode).toBe(404);
  });

  it('answers NoSuchBucket for an unknown bucket', async () => {
    const error = await s3Failure(
      local.s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })),
    );

    expect(error.name).toBe('NoSuchBucket');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('serves byte ranges', async () => {
    await local.s3.send(
      new PutObjectCommand({ Bucket, Key: 'docs/alphabet.txt', Body: 'abcdefghijklmnopqrstuvwxyz' }),
    );

    const first = await text('docs/alphabet.txt', { Range: 'bytes=0-4' });
    const last = await text('docs/alphabet.txt', { Range: 'bytes=-3' });
    const open = await text('docs/alphabet.txt', { Range: 'bytes=23-' });
    const beyond = await s3Failure(
      local.s3.send(new GetObjectCommand({ Bucket, Key: 'docs/alphabet.txt', Range: 'bytes=100-' })),
    );

    expect(first.body).toBe('abcde');
    expect(first.response.ContentRange).toBe('bytes 0-4/26');
    expect(first.response.$metadata.httpStatusCode).toBe(206);
    expect(last.body).toBe('xyz');
    expect(open.body).toBe('xyz');
    expect(beyond.name).toBe('InvalidRange');
    expect(beyond.$metadata.httpStatusCode).toBe(416);
  });

  it('honours If-Match, If-None-Match and If-Modified-Since', async () => {
    const put = await local.s3.send(
      new PutObjectCommand({ Bucket, Key: 'docs/conditional.txt', Body: 'v1' }),
    );

    const matching = await text('docs/conditional.txt', { IfMatch: put.ETag });
    const wrong = await s3Failure(
      local.s3.send(new GetObjectCommand({ Bucket, Key: 'docs/conditional.txt', IfMatch: '"0000"' })),
    );
    const unchanged = await s3Failure(
      local.s3.send(new GetObjectCommand({ Bucket, Key: 'docs/conditional.txt', IfNoneMatch: put.ETag })),
    );
    const notSince = await s3Failure(
      local.s3.send(
        new GetObjectCommand({
          Bucket,
          Key: 'docs/conditional.txt',
          IfModifiedSince: new Date(Date.now() + 60_000),
        }),
      ),
    );

    expect(matching.body).toBe('v1');
    expect(wrong.name).toBe('PreconditionFailed');
    expect(wrong.$metadata.httpStatusCode).toBe(412);
    expect(unchanged.$metadata.httpStatusCode).toBe(304);
    expect(notSince.$metadata.httpStatusCode).toBe(304);
  });

  it('refuses to overwrite with If-None-Match: *', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket, Key: 'docs/once.txt', Body: 'first' }));

    const error = await s3Failure(
      local.s3.send(new PutObjectCommand({ Bucket, Key: 'docs/once.txt', Body: 'second', IfNoneMatch: '*' })),
    );

    expect(error.name).toBe('PreconditionFailed');
    expect((await text('docs/once.txt')).body).toBe('first');
  });

  it('copies an object with its metadata, or with new metadata on REPLACE', async () => {
    await local.s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'docs/original.txt',
        Body: 'copy me',
        ContentType: 'text/plain',
        Metadata: { a: '1' },
      }),
    );

    const copied = await local.s3.send(
      new CopyObjectCommand({ Bucket, Key: 'docs/copy.txt', CopySource: `${Bucket}/docs/original.txt` }),
    );
    await local.s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'docs/replaced.txt',
        CopySource: `${Bucket}/docs/original.txt`,
        MetadataDirective: 'REPLACE',
        ContentType: 'text/markdown',
        Metadata: { b: '2' },
      }),
    );
    const self = await s3Failure(
      local.s3.send(
        new CopyObjectCommand({
          Bucket,
          Key: 'docs/original.txt',
          CopySource: `${Bucket}/docs/original.txt`,
        }),
      ),
    );

    const copy = await text('docs/copy.txt');
    const replaced = await text('docs/replaced.txt');
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`);
    expect(copy.body).toBe('copy me');
    expect(copy.response.Metadata).toEqual({ a: '1' });
    expect(copy.response.ContentType).toBe('text/plain');
    expect(replaced.response.Metadata).toEqual({ b: '2' });
    expect(replaced.response.ContentType).toBe('text/markdown');
    expect(self.name).toBe('InvalidRequest');
  });

  it('keeps keys with spaces, pluses, unicode and dots exactly', async () => {
    const keys = ['odd/a b+c.txt', 'odd/ümlaut/日本.txt', 'odd/../dots', 'odd/percent%20sign'];

    for (const Key of keys) await local.s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    const listed = await local.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'odd/' }));

    for (const Key of keys) expect((await text(Key)).body).toBe(Key);
    expect(listed.Contents?.map((object) => object.Key).sort()).toEqual([...keys].sort());
  });

  it('deletes one object, and many at once', async () => {
    for (const name of ['a', 'b', 'c']) {
      await local.s3.send(new PutObjectCommand({ Bucket, Key: `trash/${name}`, Body: name }));
    }

    const single = await local.s3.send(new DeleteObjectCommand({ Bucket, Key: 'trash/a' }));
    const missing = await local.s3.send(new DeleteObjectCommand({ Bucket, Key: 'trash/never-existed' }));
    const many = await local.s3.send(
      new DeleteObjectsCommand({
        Bucket,
        Delete: { Objects: [{ Key: 'trash/b' }, { Key: 'trash/c' }, { Key: 'trash/z' }] },
      }),
    );
    const left = await local.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'trash/' }));

    expect(single.$metadata.httpStatusCode).toBe(204);
    expect(missing.$metadata.httpStatusCode).toBe(204);
    expect(many.Deleted?.map((object) => object.Key).sort()).toEqual(['trash/b', 'trash/c', 'trash/z']);
    expect(left.KeyCount).toBe(0);
    expect(left.Contents).toBeUndefined();
  });
});

describe('ListObjectsV2', () => {
  beforeAll(async () => {
    const keys = [
      ...Array.from({ length: 7 }, (_, i) => `list/flat-${i}.txt`),
      'list/dir1/x.txt',
      'list/dir1/y.txt',
      'list/dir2/z.txt',
    ];
    await Promise.all(keys.map((Key) => local.s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }))));
  });

  it('pages with continuation tokens until every key was seen once, in order', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await local.s3.send(
        new ListObjectsV2Command({ Bucket, Prefix: 'list/', MaxKeys: 3, ContinuationToken: token }),
      );
      seen.push(...(page.Contents ?? []).map((object) => object.Key as string));
      token = page.NextContinuationToken;
      pages++;
      expect(page.IsTruncated).toBe(token !== undefined);
    } while (token);

    expect(pages).toBe(4);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(10);
  });

  it('rolls keys up into common prefixes with a delimiter', async () => {
    const page = await local.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'list/', Delimiter: '/' }));

    expect(page.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['list/dir1/', 'list/dir2/']);
    expect(page.Contents).toHaveLength(7);
    expect(page.KeyCount).toBe(9);
  });

  it('starts after a key, and returns nothing with MaxKeys 0', async () => {
    const after = await local.s3.send(
      new ListObjectsV2Command({ Bucket, Prefix: 'list/', StartAfter: 'list/flat-4.txt' }),
    );
    const none = await local.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'list/', MaxKeys: 0 }));

    expect(after.Contents?.map((object) => object.Key)).toEqual(['list/flat-5.txt', 'list/flat-6.txt']);
    // As AWS answers: an empty page that does not claim to be truncated, and no token.
    expect(none.KeyCount).toBe(0);
    expect(none.IsTruncated).toBe(false);
    expect(none.NextContinuationToken).toBeUndefined();
  });

  it('reports sizes, ETags and the storage class', async () => {
    const page = await local.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'list/dir2/' }));

    expect(page.Contents?.[0]).toMatchObject({
      Key: 'list/dir2/z.txt',
      Size: 'list/dir2/z.txt'.length,
      ETag: `"${md5('list/dir2/z.txt')}"`,
      StorageClass: 'STANDARD',
    });
  });
});

describe('virtual-hosted–style addressing', () => {
  it('reaches a bucket named in the host, <bucket>.localhost, as the SDK addresses it by default', async () => {
    // Browsers resolve *.localhost to this machine; Node's resolver does not, so this client is told.
    const agent = new http.Agent({
      lookup: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
    });
    const port = new URL(local.cloud.url).port;
    const virtual = local.cloud.s3({
      endpoint: `http://localhost:${port}`,
      forcePathStyle: false,
      requestHandler: new NodeHttpHandler({ httpAgent: agent }),
    });

    const put = await virtual.send(
      new PutObjectCommand({ Bucket, Key: 'virtual/host.txt', Body: 'by host' }),
    );
    const read = await local.s3.send(new GetObjectCommand({ Bucket, Key: 'virtual/host.txt' }));

    expect(put.ETag).toBe(`"${md5('by host')}"`);
    expect(await read.Body?.transformToString()).toBe('by host');
    agent.destroy();
  });
});

describe('signatures and presigned URLs', () => {
  it('refuses an unsigned upload with AccessDenied and stores nothing', async () => {
    const response = await fetch(`${local.cloud.url}/${Bucket}/docs/anonymous.txt`, {
      method: 'PUT',
      body: 'sneaky',
    });

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
    expect(
      (await s3Failure(local.s3.send(new HeadObjectCommand({ Bucket, Key: 'docs/anonymous.txt' })))).name,
    ).toBe('NotFound');
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const forger = local.cloud.s3({
      credentials: { accessKeyId: 'test', secretAccessKey: 'not-the-secret' },
    });

    const error = await s3Failure(
      forger.send(new PutObjectCommand({ Bucket, Key: 'docs/forged.txt', Body: 'x' })),
    );

    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('uploads and downloads through presigned URLs', async () => {
    const presigner = local.cloud.s3({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    const putUrl = await getSignedUrl(
      presigner,
      new PutObjectCommand({ Bucket, Key: 'docs/presigned.txt' }),
      {
        expiresIn: 60,
      },
    );
    const getUrl = await getSignedUrl(
      presigner,
      new GetObjectCommand({ Bucket, Key: 'docs/presigned.txt' }),
      {
        expiresIn: 60,
      },
    );

    const put = await fetch(putUrl, { method: 'PUT', body: 'via a presigned URL' });
    const get = await fetch(getUrl);

    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(`"${md5('via a presigned URL')}"`);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('via a presigned URL');
  });

  it('refuses an expired presigned URL', async () => {
    const presigner = local.cloud.s3({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    const url = await getSignedUrl(presigner, new GetObjectCommand({ Bucket, Key: 'docs/presigned.txt' }), {
      expiresIn: 1,
      signingDate: new Date(Date.now() - 5_000),
    });

    const response = await fetch(url);

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Request has expired');
  });
});
