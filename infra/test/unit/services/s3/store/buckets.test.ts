import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUCKET,
  bytes,
  cleanUp,
  openStore,
  put,
  REGION,
  stateDir,
  storeWithBucket,
} from './store-fixtures.js';

afterEach(cleanUp);

describe('ObjectStore buckets', () => {
  it('creates a bucket with its region, creation time and configuration', async () => {
    const store = await openStore();
    const before = Date.now();

    const record = await store.createBucket(BUCKET, { region: REGION, configuration: { cors: [] } });

    expect(record).toMatchObject({ name: BUCKET, region: REGION, configuration: { cors: [] } });
    expect(record.createdAt).toBeGreaterThanOrEqual(before);
    expect(store.bucket(BUCKET)).toEqual(record);
    expect(store.requireBucket(BUCKET)).toEqual(record);
  });

  it('refuses a bucket that exists with BucketAlreadyOwnedByYou', async () => {
    const store = await storeWithBucket();

    await expect(store.createBucket(BUCKET, { region: REGION })).rejects.toMatchObject({
      code: 'BucketAlreadyOwnedByYou',
      status: 409,
    });
  });

  it('refuses a bucket name that could escape its folder', async () => {
    const store = await openStore();

    for (const name of ['..', '../etc', 'a/b', 'UPPER', 'a..b']) {
      await expect(store.createBucket(name, { region: REGION })).rejects.toMatchObject({
        code: 'InvalidBucketName',
      });
    }
  });

  it('lists buckets sorted by name', async () => {
    const store = await openStore();

    for (const name of ['zebra', 'alpha', 'middle']) await store.createBucket(name, { region: REGION });

    expect(store.listBuckets().map((bucket) => bucket.name)).toEqual(['alpha', 'middle', 'zebra']);
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    const store = await openStore();

    expect(store.bucket('missing')).toBeUndefined();
    expect(() => store.requireBucket('missing')).toThrow(expect.objectContaining({ code: 'NoSuchBucket' }));
    await expect(store.beginPut('missing', 'key')).rejects.toMatchObject({
      code: 'NoSuchBucket',
      status: 404,
    });
    await expect(store.deleteBucket('missing')).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });

  it('deletes an empty bucket and its folder, and allows the name again', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);

    await store.deleteBucket(BUCKET);
    await store.close();

    expect(store.bucket(BUCKET)).toBeUndefined();
    expect(await readdir(path.join(dir, 's3', 'buckets'))).toEqual([]);
    expect(await readdir(path.join(dir, 's3', 'tmp'))).toEqual([]);
    await store.createBucket(BUCKET, { region: REGION });
    expect(store.head(BUCKET, 'anything')).toBeUndefined();
  });

  it('refuses to delete a bucket with objects or multipart uploads (BucketNotEmpty)', async () => {
    const store = await storeWithBucket();
    await put(store, 'a', bytes(10));

    await expect(store.deleteBucket(BUCKET)).rejects.toMatchObject({ code: 'BucketNotEmpty', status: 409 });
    await store.delete(BUCKET, 'a');
    const uploadId = await store.createMultipartUpload(BUCKET, 'b');
    await expect(store.deleteBucket(BUCKET)).rejects.toMatchObject({ code: 'BucketNotEmpty' });
    await store.abortMultipartUpload(BUCKET, 'b', uploadId);
    await store.deleteBucket(BUCKET);
  });

  it('merges configuration patches, removing keys set to undefined', async () => {
    const store = await openStore();
    await store.createBucket(BUCKET, { region: REGION, configuration: { cors: [], notifications: [] } });

    await store.updateBucketConfiguration(BUCKET, { website: { indexDocument: 'index.html' } });
    await store.updateBucketConfiguration(BUCKET, { cors: [{ allowedOrigins: ['*'] }] });
    await store.updateBucketConfiguration(BUCKET, { notifications: undefined });

    expect(store.bucket(BUCKET)?.configuration).toEqual({
      cors: [{ allowedOrigins: ['*'] }],
      website: { indexDocument: 'index.html' },
    });
  });

  it('keeps buckets and their configuration across a restart', async () => {
    const dir = await stateDir();
    const store = await openStore(dir);
    const created = await store.createBucket(BUCKET, { region: REGION });
    await store.createBucket('other', { region: 'us-east-1' });
    const updated = await store.updateBucketConfiguration(BUCKET, { cors: [{ allowedOrigins: ['*'] }] });
    await store.close();

    const reopened = await openStore(dir);

    expect(reopened.listBuckets()).toEqual([expect.objectContaining({ name: 'other' }), updated]);
    expect(reopened.bucket(BUCKET)?.createdAt).toBe(created.createdAt);
  });

  it('answers NoSuchBucket to an upload still being written when its bucket is deleted, leaving no file', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const pending = await store.beginPut(BUCKET, 'late');
    await pending.write(bytes(1000));

    await store.deleteBucket(BUCKET);
    await store.createBucket(BUCKET, { region: REGION });

    await expect(pending.commit({ etag: '"x"' })).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await store.close();
    expect(store.head(BUCKET, 'late')).toBeUndefined();
    const bucketDir = path.join(dir, 's3', 'buckets', BUCKET);
    expect(await readdir(path.join(bucketDir, 'objects'))).toEqual([]);
    expect(await readdir(path.join(bucketDir, 'tmp'))).toEqual([]);
    expect(await readdir(path.join(dir, 's3', 'tmp'))).toEqual([]);
  });

  it('never leaves an object behind when a deletion races the commits of many uploads', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const pendings = await Promise.all(
      Array.from({ length: 20 }, (_, index) => store.beginPut(BUCKET, `key-${index}`)),
    );
    for (const pending of pendings) await pending.write(bytes(100));

    const commits = pendings.map((pending) =>
      pending.commit({ etag: '"x"' }).then(
        () => 'committed',
        (error: { code?: string }) => error.code,
      ),
    );
    const deletion = store.deleteBucket(BUCKET).then(
      () => 'deleted',
      (error: { code?: string }) => error.code,
    );
    const outcomes = await Promise.all(commits);
    const deleted = await deletion;
    await store.close();

    if (deleted === 'deleted') {
      expect(outcomes.every((outcome) => outcome === 'NoSuchBucket')).toBe(true);
      expect(await readdir(path.join(dir, 's3', 'buckets'))).toEqual([]);
    } else {
      // The deletion came after some commit: those objects are there, and listed.
      expect(deleted).toBe('BucketNotEmpty');
      const committed = outcomes.filter((outcome) => outcome === 'committed').length;
      expect(store.list(BUCKET).keyCount).toBe(committed);
      const files = await readdir(path.join(dir, 's3', 'buckets', BUCKET, 'objects'));
      expect(files).toHaveLength(committed);
    }
    expect(await readdir(path.join(dir, 's3', 'tmp'))).toEqual([]);
  });
});
