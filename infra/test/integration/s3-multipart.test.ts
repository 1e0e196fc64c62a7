import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { describe, expect, it } from 'vitest';
import { useEventStack } from '../support/cloud-fixture.js';
import { s3Failure } from '../support/s3.js';

const local = useEventStack('s3-multipart');
const Bucket = 'uploads';
const MiB = 1024 * 1024;

const md5 = (data: Buffer) => createHash('md5').update(data).digest();

function patterned(size: number, seed: number): Buffer {
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) data.writeUInt32LE((i * 2654435761 + seed) >>> 0, i);
  return data;
}

describe('multipart uploads', () => {
  it('uploads 12 MiB with lib-storage in parallel parts, reporting progress, with the -N ETag', async () => {
    const data = patterned(12 * MiB + 123, 1);
    const progress: number[] = [];
    const upload = new Upload({
      client: local.s3,
      params: { Bucket, Key: 'big/photo.raw', Body: data, ContentType: 'image/x-raw' },
      partSize: 5 * MiB,
      queueSize: 3,
    });
    upload.on('httpUploadProgress', (event) => progress.push(event.loaded ?? 0));

    const result = await upload.done();
    const read = await local.s3.send(new GetObjectCommand({ Bucket, Key: 'big/photo.raw' }));
    const bytes = Buffer.from(await (read.Body?.transformToByteArray() ?? new Uint8Array()));

    const parts = [data.subarray(0, 5 * MiB), data.subarray(5 * MiB, 10 * MiB), data.subarray(10 * MiB)];
    const expectedEtag = `"${createHash('md5')
      .update(Buffer.concat(parts.map(md5)))
      .digest('hex')}-3"`;
    expect(result.ETag).toBe(expectedEtag);
    expect(bytes.equals(data)).toBe(true);
    expect(read.ContentType).toBe('image/x-raw');
    expect(read.ContentLength).toBe(data.length);
    expect(progress.at(-1)).toBe(data.length);
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });

  it('lists parts and uploads in progress, and aborts one', async () => {
    const { UploadId } = await local.s3.send(
      new CreateMultipartUploadCommand({ Bucket, Key: 'big/abandoned.bin' }),
    );
    await local.s3.send(
      new UploadPartCommand({
        Bucket,
        Key: 'big/abandoned.bin',
        UploadId,
        PartNumber: 1,
        Body: patterned(5 * MiB, 2),
      }),
    );
    await local.s3.send(
      new UploadPartCommand({
        Bucket,
        Key: 'big/abandoned.bin',
        UploadId,
        PartNumber: 2,
        Body: Buffer.from('tail'),
      }),
    );

    const parts = await local.s3.send(new ListPartsCommand({ Bucket, Key: 'big/abandoned.bin', UploadId }));
    const uploads = await local.s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'big/' }));
    await local.s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'big/abandoned.bin', UploadId }));
    const after = await local.s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'big/' }));
    const gone = await s3Failure(
      local.s3.send(new ListPartsCommand({ Bucket, Key: 'big/abandoned.bin', UploadId })),
    );

    expect(parts.Parts?.map((part) => [part.PartNumber, part.Size])).toEqual([
      [1, 5 * MiB],
      [2, 4],
    ]);
    expect(uploads.Uploads?.map((upload) => upload.UploadId)).toContain(UploadId);
    expect(after.Uploads ?? []).not.toContainEqual(expect.objectContaining({ UploadId }));
    expect(gone.name).toBe('NoSuchUpload');
  });

  it('refuses parts out of order, unknown ETags and small middle parts', async () => {
    const Key = 'big/refused.bin';
    const { UploadId } = await local.s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const one = await local.s3.send(
      new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: Buffer.from('small') }),
    );
    const two = await local.s3.send(
      new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: Buffer.from('parts') }),
    );
    const complete = (Parts: { PartNumber: number; ETag?: string }[]) =>
      s3Failure(
        local.s3.send(
          new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }),
        ),
      );

    const order = await complete([
      { PartNumber: 2, ETag: two.ETag },
      { PartNumber: 1, ETag: one.ETag },
    ]);
    const unknown = await complete([{ PartNumber: 1, ETag: '"ffffffffffffffffffffffffffffffff"' }]);
    const small = await complete([
      { PartNumber: 1, ETag: one.ETag },
      { PartNumber: 2, ETag: two.ETag },
    ]);

    expect(order.name).toBe('InvalidPartOrder');
    expect(unknown.name).toBe('InvalidPart');
    expect(small.name).toBe('EntityTooSmall');
  });

  it('answers NoSuchUpload for an unknown upload id', async () => {
    const error = await s3Failure(
      local.s3.send(
        new UploadPartCommand({ Bucket, Key: 'big/x', UploadId: 'no-such-upload', PartNumber: 1, Body: 'x' }),
      ),
    );

    expect(error.name).toBe('NoSuchUpload');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
