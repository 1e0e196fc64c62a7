import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  ObjectStore,
  type ObjectStoreOptions,
  type PutMetadata,
} from '../../../../../src/services/s3/store/object-store.js';

export const BUCKET = 'photos';
export const REGION = 'eu-west-1';
export const MiB = 1024 * 1024;

const dirs: string[] = [];
const stores: ObjectStore[] = [];

export async function stateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 's3-store-'));
  dirs.push(dir);
  return dir;
}

/** A store opened on `dir` (a new temp dir by default), closed and removed after the test. */
export async function openStore(dir?: string, options?: ObjectStoreOptions): Promise<ObjectStore> {
  const store = new ObjectStore(dir ?? (await stateDir()), options);
  stores.push(store);
  await store.open();
  return store;
}

/** A store with the bucket `photos`. */
export async function storeWithBucket(dir?: string): Promise<ObjectStore> {
  const store = await openStore(dir);
  await store.createBucket(BUCKET, { region: REGION });
  return store;
}

export async function cleanUp(): Promise<void> {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export function md5Hex(data: Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/** Bytes that differ by seed and position, so a mix of two versions cannot pass for either. */
export function bytes(length: number, seed = 1): Buffer {
  const data = Buffer.allocUnsafe(length + 3);
  let state = seed * 2654435761;
  for (let index = 0; index < length; index += 4) {
    state = (state * 1103515245 + 12345) >>> 0;
    data.writeUInt32LE(state, index);
  }
  return data.subarray(0, length);
}

/** Length and MD5: compares large buffers quickly (vitest's deep equality walks them byte by byte). */
export function fingerprint(data: Buffer): string {
  return `${data.length} bytes, md5 ${md5Hex(data)}`;
}

/** PutObject as the service does it: chunks written, then committed with the body's MD5. */
export async function put(
  store: ObjectStore,
  key: string,
  data: Buffer,
  metadata: Partial<PutMetadata> = {},
  { bucket = BUCKET, chunkBytes = 64 * 1024 } = {},
) {
  const pending = await store.beginPut(bucket, key);
  for (let offset = 0; offset < data.length; offset += chunkBytes) {
    await pending.write(data.subarray(offset, offset + chunkBytes));
  }
  return pending.commit({ etag: `"${md5Hex(data)}"`, ...metadata });
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The whole object as GetObject would stream it. */
export async function get(store: ObjectStore, key: string, bucket = BUCKET): Promise<Buffer> {
  const { stream } = await store.openRead(bucket, key);
  return readAll(stream);
}

/** Uploads a part as UploadPart does. */
export async function uploadPart(
  store: ObjectStore,
  key: string,
  uploadId: string,
  partNumber: number,
  data: Buffer,
  checksum?: { algorithm: string; value: string },
) {
  const pending = await store.beginPart(BUCKET, key, uploadId, partNumber);
  await pending.write(data);
  return pending.commit({ md5Hex: md5Hex(data), checksum });
}
