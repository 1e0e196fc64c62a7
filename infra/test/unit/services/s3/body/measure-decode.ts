/**
 * Measures what decoding an upload costs next to the MD5 every upload pays for its ETag: 64 MB as a
 * plain body, aws-chunked with each trailing checksum (what the SDK sends for stream bodies), and
 * signed chunks, fed in 64 KB socket-sized reads that do not line up with the chunks.
 * Not a test: run it with `node --import tsx test/unit/s3-body/measure-decode.ts` (`MB=256` for more).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { VerifiedRequest } from '../../../../../src/core/sigv4/verify.js';
import { type ChecksumAlgorithm, checksumOf } from '../../../../../src/services/s3/body/checksums.js';
import { readObjectBody } from '../../../../../src/services/s3/body/object-body.js';
import { frameSigned, frameUnsigned, piecesOf, type SigningScope, verifiedFor } from './support.js';

const SIZE = Number(process.env.MB ?? 64) * 1024 * 1024;
const READ = 65_536;
const ROUNDS = 5;
const data = randomBytes(SIZE);

/**
 * Best of a few rounds, in ms of CPU time (user + system) rather than wall time: this runs on shared
 * cores, where wall time mostly measures the neighbours. The first rounds also warm up the JIT.
 */
async function best(run: () => Promise<unknown> | unknown): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.cpuUsage();
    await run();
    const used = process.cpuUsage(start);
    fastest = Math.min(fastest, (used.user + used.system) / 1000);
  }
  return fastest;
}

async function decodeAll(wire: Buffer, headers: IncomingHttpHeaders, signature?: VerifiedRequest) {
  const body = readObjectBody(piecesOf(wire, READ), { headers, signature, maxBytes: 5 * 1024 ** 3 });
  for await (const _ of body.chunks) {
    // The S3 service writes each piece to a file; measured here is the decoding alone.
  }
  return body.digest();
}

const md5 = await best(() => {
  const hash = createHash('md5');
  for (let offset = 0; offset < SIZE; offset += READ) hash.update(data.subarray(offset, offset + READ));
  return hash.digest();
});
const rows: Array<[string, number]> = [['MD5 alone (the floor)', md5]];

rows.push(['plain body', await best(() => decodeAll(data, { 'content-length': String(SIZE) }))]);

const chunkedHeaders = {
  'content-encoding': 'aws-chunked',
  'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'x-amz-decoded-content-length': String(SIZE),
};
const bareWire = frameUnsigned(data, READ);
rows.push([
  'aws-chunked, no checksum (framing alone)',
  await best(() => decodeAll(bareWire, chunkedHeaders)),
]);

for (const algorithm of ['CRC32', 'CRC32C', 'SHA1', 'SHA256', 'CRC64NVME'] as ChecksumAlgorithm[]) {
  const field = `x-amz-checksum-${algorithm.toLowerCase()}`;
  const wire = frameUnsigned(data, READ, [`${field}:${await checksumOf(algorithm, data)}`]);
  const headers = { ...chunkedHeaders, 'x-amz-trailer': field };
  rows.push([`aws-chunked, trailing ${algorithm}`, await best(() => decodeAll(wire, headers))]);
}

const scope: SigningScope = {
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  date: '20260115',
  region: 'us-east-1',
  amzDate: '20260115T120000Z',
  seed: '0'.repeat(64),
};
const signedWire = frameSigned(data, READ, scope);
rows.push([
  'signed chunks (SHA-256 + HMAC per chunk)',
  await best(() =>
    decodeAll(
      signedWire,
      {
        'content-encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-decoded-content-length': String(SIZE),
      },
      verifiedFor(scope, 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'),
    ),
  ),
]);

console.log(
  `${SIZE / 1024 / 1024} MB in ${READ / 1024} KB reads, best of ${ROUNDS} (CPU time), Node ${process.version}`,
);
for (const [name, ms] of rows) {
  const overMd5 = name === rows[0]?.[0] ? '' : `  (+${(ms - md5).toFixed(0)} ms over MD5)`;
  console.log(
    `${name.padEnd(42)} ${ms.toFixed(0).padStart(5)} ms  ${((SIZE / 1024 / 1024 / ms) * 1000).toFixed(0).padStart(5)} MB/s${overMd5}`,
  );
}
