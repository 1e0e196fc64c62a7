/**
 * Measures the store's write and read paths against the floor of plain file calls on the same disk,
 * in the same run: 64 MiB through beginPut/write/commit (1 MiB and 64 KiB chunks, with and without
 * fsync) vs `fs.writeFile`; openRead streamed to the end vs `fs.readFile`; a 64 MiB multipart
 * completion and a copy vs `fs.copyFile`; and how long `open` takes to index a bucket.
 * Not a test: run it with `node --import tsx test/unit/s3-store/measure-speed.ts`
 * (REPEATS=9 for steadier medians, OBJECTS=20000 for a larger index).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ObjectStore } from '../../../../../src/services/s3/store/object-store.js';
import { md5Hex } from './store-fixtures.js';

const REPEATS = Number(process.env.REPEATS ?? 5);
const OBJECTS = Number(process.env.OBJECTS ?? 5000);
const MiB = 1024 * 1024;
const SIZE = 64 * MiB;

const dir = await mkdtemp(path.join(os.tmpdir(), 's3-store-speed-'));
const data = randomBytes(SIZE);
const etag = `"${md5Hex(data)}"`;
const store = new ObjectStore(path.join(dir, 'state'));
await store.open();
await store.createBucket('bench', { region: 'us-east-1' });
const synced = new ObjectStore(path.join(dir, 'state-synced'), { syncWrites: true });
await synced.open();
await synced.createBucket('bench', { region: 'us-east-1' });

/** Median seconds of `REPEATS` runs. */
async function median(task: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < REPEATS; round += 1) {
    const started = process.hrtime.bigint();
    await task();
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

async function putChunks(target: ObjectStore, key: string, chunkBytes: number): Promise<void> {
  const pending = await target.beginPut('bench', key);
  for (let offset = 0; offset < SIZE; offset += chunkBytes)
    await pending.write(data.subarray(offset, offset + chunkBytes));
  await pending.commit({ etag });
}

/** Median seconds of the completion alone (the parts' uploads are put's figures). */
async function completionTime(): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < REPEATS; round += 1) {
    const uploadId = await store.createMultipartUpload('bench', 'multipart');
    const parts = [];
    for (let index = 0; index < 4; index += 1) {
      const part = data.subarray(index * 16 * MiB, (index + 1) * 16 * MiB);
      const pending = await store.beginPart('bench', 'multipart', uploadId, index + 1);
      await pending.write(part);
      parts.push({ partNumber: index + 1, etag: (await pending.commit({ md5Hex: md5Hex(part) })).etag });
    }
    const started = process.hrtime.bigint();
    await store.completeMultipartUpload('bench', 'multipart', uploadId, parts);
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

async function putSmall(target: ObjectStore): Promise<void> {
  for (let index = 0; index < 64; index += 1) {
    const pending = await target.beginPut('bench', `small/${index}`);
    for (let offset = 0; offset < MiB; offset += 64 * 1024) {
      await pending.write(data.subarray(offset, offset + 64 * 1024));
    }
    await pending.commit({ etag });
  }
}

async function drain(key: string): Promise<void> {
  const { stream } = await store.openRead('bench', key);
  for await (const _ of stream) {
    // Only the reading is measured.
  }
}

const rows: Array<[string, number, number | undefined]> = [];
const floorFile = path.join(dir, 'floor');
const floorWrite = await median(() => writeFile(floorFile, data));
const floorRead = await median(() => readFile(floorFile));
const floorCopy = await median(() => copyFile(floorFile, path.join(dir, 'floor-copy')));

rows.push(['fs.writeFile 64 MiB (floor)', floorWrite, undefined]);
rows.push(['put 64 MiB in 1 MiB chunks', await median(() => putChunks(store, 'big', MiB)), floorWrite]);
rows.push([
  'put 64 MiB in 64 KiB chunks',
  await median(() => putChunks(store, 'big', 64 * 1024)),
  floorWrite,
]);
rows.push([
  'put 64 MiB in 64 KiB chunks, fsync',
  await median(() => putChunks(synced, 'big', 64 * 1024)),
  floorWrite,
]);
const smallFloor = await median(async () => {
  for (let index = 0; index < 64; index += 1) {
    await writeFile(path.join(dir, `floor-${index}`), data.subarray(0, MiB));
  }
});
rows.push(['fs.writeFile 1 MiB × 64 files (floor)', smallFloor, undefined]);
rows.push(['put 1 MiB × 64 objects, 64 KiB chunks', await median(() => putSmall(store)), smallFloor]);
rows.push(['put 1 MiB × 64 objects, fsync', await median(() => putSmall(synced)), smallFloor]);
rows.push(['fs.readFile 64 MiB (floor)', floorRead, undefined]);
rows.push(['openRead 64 MiB, streamed to the end', await median(() => drain('big')), floorRead]);
for (const highWaterMark of [64 * 1024, 512 * 1024]) {
  const pieces = async () => {
    for await (const _ of createReadStream(floorFile, { highWaterMark })) {
      // Only the reading is measured.
    }
  };
  rows.push([`fs.createReadStream, ${highWaterMark / 1024} KiB pieces`, await median(pieces), floorRead]);
}

rows.push(['fs.copyFile 64 MiB (floor)', floorCopy, undefined]);
rows.push(['complete multipart 4 × 16 MiB', await completionTime(), floorCopy]);
rows.push([
  'copy 64 MiB (single-part source)',
  await median(() => store.copy({ bucket: 'bench', key: 'big' }, { bucket: 'bench', key: 'big-copy' })),
  floorCopy,
]);
rows.push([
  'copy 64 MiB (multipart source: + MD5)',
  await median(() => store.copy({ bucket: 'bench', key: 'multipart' }, { bucket: 'bench', key: 'mp-copy' })),
  floorCopy,
]);

console.log(
  `s3 store speed — Node ${process.version}, ${os.cpus().length} cores, ${dir}; median of ${REPEATS}`,
);
for (const [what, seconds, floor] of rows) {
  const rate = `${(SIZE / MiB / seconds).toFixed(0).padStart(6)} MiB/s`;
  const ratio = floor === undefined ? '' : `  ${(seconds / floor).toFixed(2)}× the floor`;
  console.log(`${what.padEnd(42)} ${(seconds * 1000).toFixed(1).padStart(8)} ms ${rate}${ratio}`);
}

// Index rebuild: OBJECTS small objects, then a fresh store opens the same folder.
await store.createBucket('many', { region: 'us-east-1' });
const small = Buffer.alloc(100);
for (let index = 0; index < OBJECTS; index += 50) {
  await Promise.all(
    Array.from({ length: Math.min(50, OBJECTS - index) }, async (_, offset) => {
      const pending = await store.beginPut('many', `dir/${index + offset}`);
      await pending.write(small);
      await pending.commit({ etag: '"x"' });
    }),
  );
}
const started = process.hrtime.bigint();
const reopened = new ObjectStore(path.join(dir, 'state'));
await reopened.open();
const openMs = Number(process.hrtime.bigint() - started) / 1e6;
console.log(
  `open() indexing ${OBJECTS} objects: ${openMs.toFixed(0)} ms (${((openMs * 1000) / OBJECTS).toFixed(0)} µs each)`,
);

await Promise.all([store.close(), synced.close(), reopened.close()]);
await rm(dir, { recursive: true, force: true });
