/**
 * A process for crash-safety tests to kill: it opens the store on a state dir and runs one write,
 * printing `started` just before and `done` after, so the test can SIGKILL it at chosen moments.
 *
 *   node --import tsx crash-child.ts <stateDir> put <bucket> <key> <bytes> <seed>
 *   node --import tsx crash-child.ts <stateDir> complete <bucket> <key> <uploadId> <parts as JSON>
 */
import { ObjectStore } from '../../../../../src/services/s3/store/object-store.js';
import { bytes, md5Hex } from './store-fixtures.js';

const [stateDir, mode, bucket, key, ...rest] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  ...string[],
];
const store = new ObjectStore(stateDir);
await store.open();

if (mode === 'put') {
  const data = bytes(Number(rest[0]), Number(rest[1]));
  const pending = await store.beginPut(bucket, key);
  console.log('started');
  for (let offset = 0; offset < data.length; offset += 64 * 1024) {
    await pending.write(data.subarray(offset, offset + 64 * 1024));
  }
  await pending.commit({ etag: `"${md5Hex(data)}"` });
} else {
  const parts = JSON.parse(rest[1] as string) as Array<{ partNumber: number; etag: string }>;
  console.log('started');
  await store.completeMultipartUpload(bucket, key, rest[0] as string, parts);
}
console.log('done');
