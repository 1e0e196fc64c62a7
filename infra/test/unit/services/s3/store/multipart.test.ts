import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ObjectStore, partRange } from '../../../../../src/services/s3/store/object-store.js';
import {
  BUCKET,
  bytes,
  cleanUp,
  fingerprint,
  get,
  MiB,
  md5Hex,
  put,
  readAll,
  stateDir,
  storeWithBucket,
  uploadPart,
} from './store-fixtures.js';

afterEach(cleanUp);

const KEY = 'videos/holiday.mp4';

function multipartEtag(parts: Buffer[]): string {
  const md5s = parts.map((part) => createHash('md5').update(part).digest());
  return `"${md5Hex(Buffer.concat(md5s))}-${parts.length}"`;
}

/** An upload of `sizes` parts (numbered from 1), each with its own bytes. */
async function uploadWithParts(store: ObjectStore, sizes: number[], key = KEY) {
  const uploadId = await store.createMultipartUpload(BUCKET, key, {
    contentType: 'video/mp4',
    userMetadata: { Trip: 'alps' },
  });
  const data = sizes.map((size, index) => bytes(size, index + 10));
  const parts = [];
  for (const [index, part] of data.entries()) {
    const record = await uploadPart(store, key, uploadId, index + 1, part);
    parts.push({ partNumber: index + 1, etag: record.etag });
  }
  return { uploadId, data, parts };
}

describe('ObjectStore multipart uploads', () => {
  it('completes an upload into one object with the multipart ETag, and forgets the upload', async () => {
    const store = await storeWithBucket();
    const { uploadId, data, parts } = await uploadWithParts(store, [5 * MiB, 5 * MiB, 1234]);
    const initiated = store.listMultipartUploads(BUCKET).uploads[0]?.initiated;

    const record = await store.completeMultipartUpload(BUCKET, KEY, uploadId, parts);

    expect(record).toEqual({
      key: KEY,
      size: 10 * MiB + 1234,
      etag: multipartEtag(data),
      lastModified: initiated,
      contentType: 'video/mp4',
      userMetadata: { trip: 'alps' },
      partsCount: 3,
      partSizes: [5 * MiB, 5 * MiB, 1234],
      uploadId,
    });
    expect(store.head(BUCKET, KEY)).toEqual(record);
    expect(fingerprint(await get(store, KEY))).toBe(fingerprint(Buffer.concat(data)));
    expect(store.listMultipartUploads(BUCKET).uploads).toEqual([]);
    expect(() => store.listParts(BUCKET, KEY, uploadId)).toThrow(
      expect.objectContaining({ code: 'NoSuchUpload' }),
    );
  });

  it('locates each part of a multipart object for GetObject?partNumber', async () => {
    const store = await storeWithBucket();
    const { uploadId, data, parts } = await uploadWithParts(store, [5 * MiB, 300]);
    const record = await store.completeMultipartUpload(BUCKET, KEY, uploadId, parts);
    const single = await put(store, 'single', bytes(10));

    const second = partRange(record, 2);
    const opened = await store.openRead(BUCKET, KEY, second);

    expect(second).toEqual({ start: 5 * MiB, end: 5 * MiB + 299 });
    expect(fingerprint(await readAll(opened.stream))).toBe(fingerprint(data[1] as Buffer));
    expect(partRange(record, 3)).toBeUndefined();
    expect(partRange(single, 1)).toEqual({ start: 0, end: 9 });
    expect(partRange(single, 2)).toBeUndefined();
  });

  it('completes an upload of one small part', async () => {
    const store = await storeWithBucket();
    const { uploadId, data, parts } = await uploadWithParts(store, [100]);

    const record = await store.completeMultipartUpload(BUCKET, KEY, uploadId, parts);

    expect(record.etag).toBe(multipartEtag(data));
    expect(fingerprint(await get(store, KEY))).toBe(fingerprint(data[0] as Buffer));
  });

  it('uses the parts listed, skipping others', async () => {
    const store = await storeWithBucket();
    const { uploadId, data, parts } = await uploadWithParts(store, [5 * MiB, 10, 20]);

    const record = await store.completeMultipartUpload(BUCKET, KEY, uploadId, [
      parts[0],
      parts[2],
    ] as typeof parts);

    expect(record).toMatchObject({ size: 5 * MiB + 20, partsCount: 2 });
    expect(fingerprint(await get(store, KEY))).toBe(
      fingerprint(Buffer.concat([data[0], data[2]] as Buffer[])),
    );
  });

  it('replaces a part uploaded again under the same number', async () => {
    const store = await storeWithBucket();
    const uploadId = await store.createMultipartUpload(BUCKET, KEY);
    const first = await uploadPart(store, KEY, uploadId, 1, bytes(10, 1));
    const second = await uploadPart(store, KEY, uploadId, 1, bytes(20, 2));

    const listed = store.listParts(BUCKET, KEY, uploadId).parts;

    expect(listed).toEqual([second]);
    await expect(
      store.completeMultipartUpload(BUCKET, KEY, uploadId, [{ partNumber: 1, etag: first.etag }]),
    ).rejects.toMatchObject({ code: 'InvalidPart', status: 400 });
    await store.completeMultipartUpload(BUCKET, KEY, uploadId, [{ partNumber: 1, etag: second.etag }]);
    expect(fingerprint(await get(store, KEY))).toBe(fingerprint(bytes(20, 2)));
  });

  it('refuses parts out of ascending order with InvalidPartOrder', async () => {
    const store = await storeWithBucket();
    const { uploadId, parts } = await uploadWithParts(store, [5 * MiB, 10]);

    for (const list of [
      [parts[1], parts[0]],
      [parts[0], parts[0]],
    ]) {
      await expect(
        store.completeMultipartUpload(BUCKET, KEY, uploadId, list as typeof parts),
      ).rejects.toMatchObject({ code: 'InvalidPartOrder', status: 400 });
    }
  });

  it('refuses a part never uploaded, or with another ETag, with InvalidPart', async () => {
    const store = await storeWithBucket();
    const { uploadId, parts } = await uploadWithParts(store, [5 * MiB, 10]);

    await expect(
      store.completeMultipartUpload(BUCKET, KEY, uploadId, [...parts, { partNumber: 3, etag: '"abc"' }]),
    ).rejects.toMatchObject({ code: 'InvalidPart', fields: { PartNumber: 3 } });
    await expect(
      store.completeMultipartUpload(BUCKET, KEY, uploadId, [{ partNumber: 1, etag: `"${'0'.repeat(32)}"` }]),
    ).rejects.toMatchObject({ code: 'InvalidPart' });
  });

  it('refuses an empty part list as MalformedXML', async () => {
    const store = await storeWithBucket();
    const { uploadId } = await uploadWithParts(store, [10]);

    await expect(store.completeMultipartUpload(BUCKET, KEY, uploadId, [])).rejects.toMatchObject({
      code: 'MalformedXML',
    });
  });

  it('accepts part ETags without quotes', async () => {
    const store = await storeWithBucket();
    const { uploadId, parts } = await uploadWithParts(store, [10]);

    const record = await store.completeMultipartUpload(BUCKET, KEY, uploadId, [
      { partNumber: 1, etag: (parts[0]?.etag ?? '').replaceAll('"', '') },
    ]);

    expect(record.partsCount).toBe(1);
  });

  it('refuses a part under 5 MiB that is not the last with EntityTooSmall', async () => {
    const store = await storeWithBucket();
    const { uploadId, parts } = await uploadWithParts(store, [5 * MiB - 1, 10]);

    await expect(store.completeMultipartUpload(BUCKET, KEY, uploadId, parts)).rejects.toMatchObject({
      code: 'EntityTooSmall',
      fields: { ProposedSize: 5 * MiB - 1, MinSizeAllowed: 5 * MiB },
    });
    expect(store.listParts(BUCKET, KEY, uploadId).parts).toHaveLength(2);
  });

  it('answers a retried completion with the object it made, and anything else with NoSuchUpload', async () => {
    const store = await storeWithBucket();
    const { uploadId, parts } = await uploadWithParts(store, [5 * MiB, 10]);
    const record = await store.completeMultipartUpload(BUCKET, KEY, uploadId, parts);

    const retried = await store.completeMultipartUpload(BUCKET, KEY, uploadId, parts);

    expect(retried).toEqual(record);
    await expect(
      store.completeMultipartUpload(BUCKET, KEY, uploadId, [parts[0]] as typeof parts),
    ).rejects.toMatchObject({ code: 'NoSuchUpload', status: 404 });
    await expect(store.abortMultipartUpload(BUCKET, KEY, uploadId)).rejects.toMatchObject({
      code: 'NoSuchUpload',
    });
  });

  it('gives two completions racing for one upload the same object', async () => {
    const store = await storeWithBucket();
    const { uploadId, parts } = await uploadWithParts(store, [5 * MiB, 5 * MiB]);

    const [first, second] = await Promise.all([
      store.completeMultipartUpload(BUCKET, KEY, uploadId, parts),
      store.completeMultipartUpload(BUCKET, KEY, uploadId, parts),
    ]);

    expect(second).toEqual(first);
  });

  it('answers NoSuchUpload for an unknown upload ID or another key', async () => {
    const store = await storeWithBucket();
    const uploadId = await store.createMultipartUpload(BUCKET, KEY);
    const noSuchUpload = expect.objectContaining({ code: 'NoSuchUpload' });

    await expect(store.beginPart(BUCKET, KEY, 'made-up', 1)).rejects.toEqual(noSuchUpload);
    await expect(store.beginPart(BUCKET, 'other-key', uploadId, 1)).rejects.toEqual(noSuchUpload);
    await expect(store.beginPart(BUCKET, KEY, '../../../etc', 1)).rejects.toEqual(noSuchUpload);
    expect(() => store.listParts(BUCKET, KEY, 'made-up')).toThrow(noSuchUpload);
    await expect(
      store.completeMultipartUpload(BUCKET, KEY, 'made-up', [{ partNumber: 1, etag: '"a"' }]),
    ).rejects.toEqual(noSuchUpload);
    await expect(store.abortMultipartUpload(BUCKET, KEY, 'made-up')).rejects.toEqual(noSuchUpload);
  });

  it('refuses a part number outside 1–10000 with InvalidArgument', async () => {
    const store = await storeWithBucket();
    const uploadId = await store.createMultipartUpload(BUCKET, KEY);

    for (const partNumber of [0, 10_001, 1.5]) {
      await expect(store.beginPart(BUCKET, KEY, uploadId, partNumber)).rejects.toMatchObject({
        code: 'InvalidArgument',
      });
    }
  });

  it('removes an aborted upload with its parts, and refuses parts still arriving', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const { uploadId } = await uploadWithParts(store, [10, 20]);
    const late = await store.beginPart(BUCKET, KEY, uploadId, 3);
    await late.write(bytes(30));

    await store.abortMultipartUpload(BUCKET, KEY, uploadId);

    await expect(late.commit({ md5Hex: md5Hex(bytes(30)) })).rejects.toMatchObject({ code: 'NoSuchUpload' });
    await store.close();
    expect(store.listMultipartUploads(BUCKET).uploads).toEqual([]);
    const bucketDir = path.join(dir, 's3', 'buckets', BUCKET);
    expect(await readdir(path.join(bucketDir, 'uploads'))).toEqual([]);
    expect(await readdir(path.join(bucketDir, 'tmp'))).toEqual([]);
  });

  it('pages through parts by part number', async () => {
    const store = await storeWithBucket();
    const { uploadId } = await uploadWithParts(store, [1, 2, 3, 4, 5]);

    const first = store.listParts(BUCKET, KEY, uploadId, { maxParts: 2 });
    const second = store.listParts(BUCKET, KEY, uploadId, {
      partNumberMarker: first.nextPartNumberMarker,
      maxParts: 2,
    });
    const last = store.listParts(BUCKET, KEY, uploadId, { partNumberMarker: 4 });

    expect(first.parts.map((part) => part.partNumber)).toEqual([1, 2]);
    expect(first).toMatchObject({ isTruncated: true, nextPartNumberMarker: 2 });
    expect(second.parts.map((part) => part.partNumber)).toEqual([3, 4]);
    expect(last).toMatchObject({ isTruncated: false, nextPartNumberMarker: 5 });
    expect(last.parts[0]).toEqual({
      partNumber: 5,
      size: 5,
      etag: `"${md5Hex(bytes(5, 14))}"`,
      lastModified: expect.any(Number),
    });
  });

  it('lists uploads by key, those of one key in order of initiation, rolled up by delimiter', async () => {
    const store = await storeWithBucket();
    const firstB = await store.createMultipartUpload(BUCKET, 'b');
    const a = await store.createMultipartUpload(BUCKET, 'a');
    const secondB = await store.createMultipartUpload(BUCKET, 'b');
    await store.createMultipartUpload(BUCKET, 'dir/x');
    await store.createMultipartUpload(BUCKET, 'dir/y');

    const all = store.listMultipartUploads(BUCKET, { delimiter: '/' });
    const page = store.listMultipartUploads(BUCKET, { maxUploads: 2 });
    const next = store.listMultipartUploads(BUCKET, {
      maxUploads: 2,
      keyMarker: page.nextKeyMarker,
      uploadIdMarker: page.nextUploadIdMarker,
    });

    expect(all.uploads.map((upload) => [upload.key, upload.uploadId])).toEqual([
      ['a', a],
      ['b', firstB],
      ['b', secondB],
    ]);
    expect(all.commonPrefixes).toEqual(['dir/']);
    expect(page).toMatchObject({ isTruncated: true, nextKeyMarker: 'b', nextUploadIdMarker: firstB });
    expect(next.uploads.map((upload) => upload.uploadId)).toEqual([secondB, expect.any(String)]);
    expect(next.uploads[1]?.key).toBe('dir/x');
  });

  it('combines the parts checksums into the object checksum through the given functions', async () => {
    const store = await storeWithBucket();
    const uploadId = await store.createMultipartUpload(BUCKET, KEY, { checksumAlgorithm: 'crc32' });
    const one = await uploadPart(store, KEY, uploadId, 1, bytes(5 * MiB), {
      algorithm: 'CRC32',
      value: 'AAAAAQ==',
    });
    const two = await uploadPart(store, KEY, uploadId, 2, bytes(1), {
      algorithm: 'CRC32',
      value: 'AAAAAg==',
    });
    const seen: unknown[] = [];

    const record = await store.completeMultipartUpload(
      BUCKET,
      KEY,
      uploadId,
      [
        { partNumber: 1, etag: one.etag },
        { partNumber: 2, etag: two.etag },
      ],
      {
        compositeChecksum: async (algorithm, checksums) => {
          seen.push(algorithm, checksums);
          return 'Y29tYg==';
        },
      },
    );

    expect(seen).toEqual(['CRC32', ['AAAAAQ==', 'AAAAAg==']]);
    expect(record.checksum).toEqual({ algorithm: 'CRC32', value: 'Y29tYg==-2', type: 'COMPOSITE' });
  });

  it('asks for a FULL_OBJECT checksum with the parts sizes when the upload declared that type', async () => {
    const store = await storeWithBucket();
    const uploadId = await store.createMultipartUpload(BUCKET, KEY, {
      checksumAlgorithm: 'CRC32',
      checksumType: 'FULL_OBJECT',
    });
    const part = await uploadPart(store, KEY, uploadId, 1, bytes(7), {
      algorithm: 'CRC32',
      value: 'AAAAAQ==',
    });

    const record = await store.completeMultipartUpload(
      BUCKET,
      KEY,
      uploadId,
      [{ partNumber: 1, etag: part.etag }],
      {
        fullObjectChecksum: (_, parts) => `${parts[0]?.checksum}:${parts[0]?.size}`,
      },
    );

    expect(record.checksum).toEqual({ algorithm: 'CRC32', value: 'AAAAAQ==:7', type: 'FULL_OBJECT' });
  });

  it('gives a copy of a multipart object the plain MD5 as ETag, as S3 does', async () => {
    const store = await storeWithBucket();
    const { uploadId, data, parts } = await uploadWithParts(store, [5 * MiB, 100]);
    await store.completeMultipartUpload(BUCKET, KEY, uploadId, parts);

    const copy = await store.copy({ bucket: BUCKET, key: KEY }, { bucket: BUCKET, key: 'copy.mp4' });

    expect(copy.etag).toBe(`"${md5Hex(Buffer.concat(data))}"`);
    expect(copy.partsCount).toBeUndefined();
    expect(copy.contentType).toBe('video/mp4');
    expect(fingerprint(await get(store, 'copy.mp4'))).toBe(fingerprint(Buffer.concat(data)));
  });

  it('replaces an object put earlier under the key', async () => {
    const store = await storeWithBucket();
    await put(store, KEY, bytes(10, 99));
    const { uploadId, data, parts } = await uploadWithParts(store, [20]);

    await store.completeMultipartUpload(BUCKET, KEY, uploadId, parts);

    expect(fingerprint(await get(store, KEY))).toBe(fingerprint(data[0] as Buffer));
  });
});
