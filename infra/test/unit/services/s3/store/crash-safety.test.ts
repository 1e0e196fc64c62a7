import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../../../src/services/s3/store/object-store.js';
import {
  BUCKET,
  bytes,
  cleanUp,
  fingerprint,
  get,
  MiB,
  openStore,
  put,
  stateDir,
  storeWithBucket,
  uploadPart,
} from './store-fixtures.js';

afterEach(cleanUp);

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const INFRA = fileURLToPath(new URL('../../../../..', import.meta.url));

const bucketDir = (dir: string) => path.join(dir, 's3', 'buckets', BUCKET);

/** Runs crash-child.ts and SIGKILLs it `delayMs` after it printed `started` (never, if it finished first). */
async function runAndKill(args: string[], delayMs: number): Promise<'killed' | 'finished'> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: INFRA });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('started')) resolve();
    });
    child.on('exit', () => reject(new Error(`child ended before starting: ${errors}`)));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
  const code = await exited;
  clearTimeout(timer);
  if (code === 0) return 'finished';
  if (child.signalCode !== 'SIGKILL') throw new Error(`child failed: ${errors}`);
  return 'killed';
}

describe('ObjectStore crash safety', () => {
  it('shows nothing of an upload abandoned mid-write after a restart, and removes its temporary file', async () => {
    const dir = await stateDir();
    const crashed = await storeWithBucket(dir);
    const pending = await crashed.beginPut(BUCKET, 'half');
    await pending.write(bytes(3 * MiB));

    const restarted = await openStore(dir);

    expect(restarted.head(BUCKET, 'half')).toBeUndefined();
    expect(restarted.list(BUCKET).keyCount).toBe(0);
    expect(await readdir(path.join(bucketDir(dir), 'tmp'))).toEqual([]);
    expect(await readdir(path.join(bucketDir(dir), 'objects'))).toEqual([]);
    await pending.abort();
  });

  it('keeps a committed object byte for byte, with its metadata, across a restart', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const data = bytes(2 * MiB + 3);
    const record = await put(store, 'keep/me', data, {
      contentType: 'image/png',
      contentEncoding: 'gzip',
      contentLanguage: 'fr',
      expires: 'Wed, 21 Oct 2026 07:28:00 GMT',
      userMetadata: { a: 'b' },
      checksum: { algorithm: 'CRC32C', value: 'AAAAAA==', type: 'FULL_OBJECT' },
    });
    await store.close();

    const restarted = await openStore(dir);

    expect(restarted.head(BUCKET, 'keep/me')).toEqual(record);
    expect(fingerprint(await get(restarted, 'keep/me'))).toBe(fingerprint(data));
  });

  it('keeps a multipart upload and its parts across a restart, and completes it afterwards', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const uploadId = await store.createMultipartUpload(BUCKET, 'big', { contentType: 'text/csv' });
    const one = await uploadPart(store, 'big', uploadId, 1, bytes(5 * MiB, 1));
    const two = await uploadPart(store, 'big', uploadId, 2, bytes(99, 2));
    await store.close();

    const restarted = await openStore(dir);
    const record = await restarted.completeMultipartUpload(BUCKET, 'big', uploadId, [
      { partNumber: 1, etag: one.etag },
      { partNumber: 2, etag: two.etag },
    ]);

    expect(record).toMatchObject({ contentType: 'text/csv', size: 5 * MiB + 99, partsCount: 2 });
    expect(fingerprint(await get(restarted, 'big'))).toBe(
      fingerprint(Buffer.concat([bytes(5 * MiB, 1), bytes(99, 2)])),
    );
  });

  it('clears an upload whose completion was published just before a crash', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const uploadId = await store.createMultipartUpload(BUCKET, 'done');
    const part = await uploadPart(store, 'done', uploadId, 1, bytes(10));
    const uploadFolder = path.join(bucketDir(dir), 'uploads', uploadId);
    const saved = path.join(dir, 'saved-upload');
    await cp(uploadFolder, saved, { recursive: true });
    const record = await store.completeMultipartUpload(BUCKET, 'done', uploadId, [
      { partNumber: 1, etag: part.etag },
    ]);
    await store.close();
    // As if the process died between publishing the object and removing the upload's folder.
    await cp(saved, uploadFolder, { recursive: true });

    const restarted = await openStore(dir);

    expect(restarted.listMultipartUploads(BUCKET).uploads).toEqual([]);
    expect(await readdir(path.join(bucketDir(dir), 'uploads'))).toEqual([]);
    expect(restarted.head(BUCKET, 'done')).toEqual(record);
  });

  it('skips and reports a damaged object file, keeping the others', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    await put(store, 'fine', bytes(10));
    await store.close();
    const damaged = path.join(bucketDir(dir), 'objects', 'f'.repeat(64));
    await writeFile(damaged, 'not an object');
    const restarted = new ObjectStore(dir);

    const report = await restarted.open();

    expect(restarted.list(BUCKET).contents.map((object) => object.key)).toEqual(['fine']);
    expect(report.damaged).toEqual([damaged]);
  });

  it('removes the leftovers of a bucket being created or deleted when the process died', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    await store.close();
    await mkdir(path.join(dir, 's3', 'tmp', 'half-made-bucket', 'objects'), { recursive: true });

    const restarted = await openStore(dir);

    expect(await readdir(path.join(dir, 's3', 'tmp'))).toEqual([]);
    expect(restarted.listBuckets().map((bucket) => bucket.name)).toEqual([BUCKET]);
  });

  it('leaves the old object or the new one, never a mix, when a process overwriting it is killed', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const old = bytes(4 * MiB, 1);
    const fresh = bytes(8 * MiB, 2);
    await put(store, 'photo', old);
    await store.close();
    const outcomes = new Set<string>();

    for (const delayMs of [0, 5, 15, 40, 5000]) {
      const ended = await runAndKill([dir, 'put', BUCKET, 'photo', String(fresh.length), '2'], delayMs);
      const restarted = await openStore(dir);
      const served = fingerprint(await get(restarted, 'photo'));

      expect([fingerprint(old), fingerprint(fresh)]).toContain(served);
      expect(restarted.head(BUCKET, 'photo')?.size).toBe(
        served === fingerprint(old) ? old.length : fresh.length,
      );
      expect(await readdir(path.join(bucketDir(dir), 'tmp'))).toEqual([]);
      outcomes.add(`${ended}:${served === fingerprint(old) ? 'old' : 'new'}`);
      await restarted.close();
      if (served === fingerprint(fresh)) break;
    }
    expect(outcomes.has('killed:old')).toBe(true);
  });

  it('leaves the old object or the completed one, never a mix, when a completing process is killed', async () => {
    const dir = await stateDir();
    const store = await storeWithBucket(dir);
    const old = bytes(3 * MiB, 9);
    await put(store, 'movie', old);
    const uploadId = await store.createMultipartUpload(BUCKET, 'movie');
    const data = [bytes(5 * MiB, 1), bytes(5 * MiB, 2), bytes(5 * MiB, 3)];
    const parts = [];
    for (const [index, part] of data.entries()) {
      parts.push({
        partNumber: index + 1,
        etag: (await uploadPart(store, 'movie', uploadId, index + 1, part)).etag,
      });
    }
    await store.close();
    const completed = fingerprint(Buffer.concat(data));
    const outcomes = new Set<string>();

    for (const delayMs of [0, 5, 15, 30, 50, 80, 120, 5000]) {
      const ended = await runAndKill(
        [dir, 'complete', BUCKET, 'movie', uploadId, JSON.stringify(parts)],
        delayMs,
      );
      const restarted = await openStore(dir);
      const served = fingerprint(await get(restarted, 'movie'));
      const pending = restarted.listMultipartUploads(BUCKET).uploads.map((upload) => upload.uploadId);

      expect([fingerprint(old), completed]).toContain(served);
      // The upload is there exactly while its object is not: it can still be completed.
      expect(pending).toEqual(served === completed ? [] : [uploadId]);
      expect(await readdir(path.join(bucketDir(dir), 'tmp'))).toEqual([]);
      outcomes.add(`${ended}:${served === completed ? 'new' : 'old'}`);
      await restarted.close();
      if (served === completed) break;
    }
    expect(outcomes.has('killed:old')).toBe(true);
    expect([...outcomes].some((outcome) => outcome.endsWith(':new'))).toBe(true);
  });
});
