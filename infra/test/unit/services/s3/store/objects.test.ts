import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BUCKET,
  bytes,
  cleanUp,
  fingerprint,
  get,
  md5Hex,
  openStore,
  put,
  REGION,
  readAll,
  stateDir,
  storeWithBucket,
} from './store-fixtures.js';

afterEach(cleanUp);

describe('ObjectStore objects', () => {
  it('stores a put with its metadata, and HEAD describes it', async () => {
    const store = await storeWithBucket();
    const data = bytes(300_000);
    const before = Date.now();

    const record = await put(store, 'cats/tom.jpg', data, {
      contentType: 'image/jpeg',
      cacheControl: 'max-age=60',
      contentDisposition: 'inline',
      userMetadata: { Author: 'Ann' },
      checksum: { algorithm: 'CRC32', value: 'AAAAAA==', type: 'FULL_OBJECT' },
    });

    expect(record).toEqual({
      key: 'cats/tom.jpg',
      size: data.length,
      etag: `"${md5Hex(data)}"`,
      lastModified: expect.any(Number),
      contentType: 'image/jpeg',
      cacheControl: 'max-age=60',
      contentDisposition: 'inline',
      userMetadata: { author: 'Ann' },
      checksum: { algorithm: 'CRC32', value: 'AAAAAA==', type: 'FULL_OBJECT' },
    });
    expect(record.lastModified).toBeGreaterThanOrEqual(before);
    expect(store.head(BUCKET, 'cats/tom.jpg')).toEqual(record);
    expect(fingerprint(await get(store, 'cats/tom.jpg'))).toBe(fingerprint(data));
  });

  it('stores binary/octet-stream, as S3 does, for an upload without a content type', async () => {
    const store = await storeWithBucket();

    const record = await put(store, 'blob', bytes(10));

    expect(record.contentType).toBe('binary/octet-stream');
    expect(record.userMetadata).toEqual({});
  });

  it('stores and serves an empty object', async () => {
    const store = await storeWithBucket();

    const record = await put(store, 'empty', Buffer.alloc(0));
    const opened = await store.openRead(BUCKET, 'empty');

    expect(record).toMatchObject({ size: 0, etag: '"d41d8cd98f00b204e9800998ecf8427e"' });
    expect(fingerprint(await readAll(opened.stream))).toBe(fingerprint(Buffer.alloc(0)));
  });

  it('serves byte ranges, cutting the end to the object', async () => {
    const store = await storeWithBucket();
    const data = bytes(2 * 1024 * 1024 + 7);
    await put(store, 'big', data);

    const middle = await store.openRead(BUCKET, 'big', { start: 1000, end: 1_500_000 });
    const tail = await store.openRead(BUCKET, 'big', { start: data.length - 10, end: data.length + 100 });

    expect(fingerprint(await readAll(middle.stream))).toBe(fingerprint(data.subarray(1000, 1_500_001)));
    expect(middle).toMatchObject({ start: 1000, end: 1_500_000 });
    expect(fingerprint(await readAll(tail.stream))).toBe(fingerprint(data.subarray(data.length - 10)));
    expect(tail.end).toBe(data.length - 1);
  });

  it('answers InvalidRange when the object opened is shorter than the range asked', async () => {
    const store = await storeWithBucket();
    await put(store, 'shrinks', bytes(10));

    await expect(store.openRead(BUCKET, 'shrinks', { start: 50, end: 99 })).rejects.toMatchObject({
      code: 'InvalidRange',
      status: 416,
    });
  });

  it('keeps streaming the version a GET opened while the key is overwritten', async () => {
    const store = await storeWithBucket();
    const first = bytes(3 * 1024 * 1024, 1);
    const second = bytes(1024, 2);
    await put(store, 'photo', first);

    const opened = await store.openRead(BUCKET, 'photo');
    const replaced = await put(store, 'photo', second);

    expect(opened.record.etag).toBe(`"${md5Hex(first)}"`);
    expect(fingerprint(await readAll(opened.stream))).toBe(fingerprint(first));
    expect(store.head(BUCKET, 'photo')).toEqual(replaced);
    expect(fingerprint(await get(store, 'photo'))).toBe(fingerprint(second));
  });

  it('deletes an object, saying whether it existed', async () => {
    const store = await storeWithBucket();
    await put(store, 'a', bytes(10));

    expect(await store.delete(BUCKET, 'a')).toBe(true);
    expect(await store.delete(BUCKET, 'a')).toBe(false);
    expect(store.head(BUCKET, 'a')).toBeUndefined();
    await expect(store.openRead(BUCKET, 'a')).rejects.toMatchObject({ code: 'NoSuchKey', status: 404 });
  });

  it('deletes many keys, returning those that existed', async () => {
    const store = await storeWithBucket();
    await put(store, 'a', bytes(1));
    await put(store, 'c', bytes(1));

    expect(await store.deleteMany(BUCKET, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(store.list(BUCKET).keyCount).toBe(0);
  });

  it('stores keys of any UTF-8, with slashes and dots, under hashed file names', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const keys = [
      '../../escape',
      'a/./b/../c',
      '/leading',
      'ünïcødé/日本/😀',
      'k'.repeat(1024),
      'sp ace\ttab\nline',
    ];

    for (const [index, key] of keys.entries()) await put(store, key, bytes(100, index));

    for (const [index, key] of keys.entries())
      expect(fingerprint(await get(store, key))).toBe(fingerprint(bytes(100, index)));
    const files = await readdir(path.join(dir, 's3', 'buckets', BUCKET, 'objects'));
    expect(files).toHaveLength(keys.length);
    for (const file of files) expect(file).toMatch(/^[0-9a-f]{64}$/);
  });

  it('counts the bytes written so far', async () => {
    const store = await storeWithBucket();
    const pending = await store.beginPut(BUCKET, 'counted');

    await pending.write(bytes(1000));
    await pending.write(bytes(24));

    expect(pending.bytesWritten).toBe(1024);
    await pending.abort();
  });

  it('publishes nothing and leaves no temporary file when an upload is aborted', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const pending = await store.beginPut(BUCKET, 'dropped');
    await pending.write(bytes(2 * 1024 * 1024));

    await pending.abort();

    expect(store.head(BUCKET, 'dropped')).toBeUndefined();
    expect(await readdir(path.join(dir, 's3', 'buckets', BUCKET, 'tmp'))).toEqual([]);
  });

  it('ignores an abort after a commit, and refuses a second commit', async () => {
    const store = await storeWithBucket();
    const pending = await store.beginPut(BUCKET, 'kept');
    await pending.write(bytes(10));
    await pending.commit({ etag: `"${md5Hex(bytes(10))}"` });

    await pending.abort();

    expect(store.head(BUCKET, 'kept')).toBeDefined();
    await expect(pending.commit({ etag: '"x"' })).rejects.toThrow(/already committed/);
  });

  it('lets the last commit win when many uploads of one key run at once', async () => {
    const store = await storeWithBucket();
    const versions = Array.from({ length: 12 }, (_, index) => bytes(200_000 + index * 1000, index + 1));
    const pendings = await Promise.all(versions.map(() => store.beginPut(BUCKET, 'contested')));
    await Promise.all(pendings.map((pending, index) => pending.write(versions[index] as Buffer)));

    const records = await Promise.all(
      pendings.map((pending, index) => pending.commit({ etag: `"${md5Hex(versions[index] as Buffer)}"` })),
    );

    const head = store.head(BUCKET, 'contested');
    const served = await get(store, 'contested');
    expect(records.map((record) => record.etag)).toContain(head?.etag);
    expect(`"${md5Hex(served)}"`).toBe(head?.etag);
    expect(served.length).toBe(head?.size);
  });

  it('writes the same way when asked to fsync each object', async () => {
    const store = await openStore(undefined, { syncWrites: true });
    await store.createBucket(BUCKET, { region: REGION });
    const data = bytes(3 * 1024 * 1024);

    await put(store, 'synced', data);

    expect(fingerprint(await get(store, 'synced'))).toBe(fingerprint(data));
  });

  it('runs many uploads of different keys at once', async () => {
    const store = await storeWithBucket();

    await Promise.all(
      Array.from({ length: 40 }, (_, index) => put(store, `k/${index}`, bytes(50_000, index))),
    );

    expect(store.list(BUCKET).keyCount).toBe(40);
    for (let index = 0; index < 40; index += 1)
      expect(fingerprint(await get(store, `k/${index}`))).toBe(fingerprint(bytes(50_000, index)));
  });
});

describe('ObjectStore copy', () => {
  it('copies the body and metadata (COPY) with a new time', async () => {
    const store = await storeWithBucket();
    const data = bytes(1_000_000);
    const source = await put(store, 'source', data, {
      contentType: 'text/plain',
      userMetadata: { a: '1' },
      checksum: { algorithm: 'SHA256', value: 'abc=', type: 'FULL_OBJECT' },
    });

    const copy = await store.copy({ bucket: BUCKET, key: 'source' }, { bucket: BUCKET, key: 'copy' });

    expect(copy).toEqual({ ...source, key: 'copy', lastModified: expect.any(Number) });
    expect(copy.lastModified).toBeGreaterThanOrEqual(source.lastModified);
    expect(fingerprint(await get(store, 'copy'))).toBe(fingerprint(data));
    expect(store.head(BUCKET, 'copy')).toEqual(copy);
  });

  it('replaces the metadata (REPLACE), also in place, keeping the body and ETag', async () => {
    const store = await storeWithBucket();
    const data = bytes(5000);
    const source = await put(store, 'doc', data, { contentType: 'text/plain', userMetadata: { old: 'x' } });

    const replaced = await store.copy(
      { bucket: BUCKET, key: 'doc' },
      { bucket: BUCKET, key: 'doc' },
      {
        contentType: 'text/html',
        userMetadata: { New: 'y' },
      },
    );

    expect(replaced).toMatchObject({ etag: source.etag, size: data.length, contentType: 'text/html' });
    expect(replaced.userMetadata).toEqual({ new: 'y' });
    expect(fingerprint(await get(store, 'doc'))).toBe(fingerprint(data));
  });

  it('copies between buckets', async () => {
    const store = await storeWithBucket();
    await store.createBucket('archive', { region: REGION });
    const data = bytes(77_777);
    await put(store, 'x', data);

    await store.copy({ bucket: BUCKET, key: 'x' }, { bucket: 'archive', key: 'y/x' });

    expect(fingerprint(await get(store, 'y/x', 'archive'))).toBe(fingerprint(data));
  });

  it('answers NoSuchKey and NoSuchBucket for a missing source, leaving no temporary file', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);

    await expect(
      store.copy({ bucket: BUCKET, key: 'nope' }, { bucket: BUCKET, key: 'to' }),
    ).rejects.toMatchObject({
      code: 'NoSuchKey',
    });
    await expect(
      store.copy({ bucket: 'nope', key: 'a' }, { bucket: BUCKET, key: 'to' }),
    ).rejects.toMatchObject({
      code: 'NoSuchBucket',
    });
    expect(await readdir(path.join(dir, 's3', 'buckets', BUCKET, 'tmp'))).toEqual([]);
  });
});
