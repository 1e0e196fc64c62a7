import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { EVENT_STACK_TEMPLATE, startCloud } from '../src/testing/index.js';

/**
 * `pnpm bench:s3`: PUT and GET throughput of 1 MiB and 64 MiB objects through @aws-sdk/client-s3
 * against the local cloud, beside the floor measured in the same run on the same disk: a plain
 * `fs.writeFile` / `fs.readFile` of the same bytes. Also a 64 MiB multipart upload (lib-storage,
 * 4 parts in parallel), and the same 64 MiB PUT to a server that only reads the body: what the SDK
 * client itself costs. Prints figures only; the goal is within 2× of the floor for 64 MiB.
 *
 * Settings: BENCH_REPEATS (rounds per size, median taken; default 5).
 */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);
const MiB = 1024 * 1024;
const SIZES = [
  { label: '1 MiB', bytes: MiB, perRound: 20 },
  { label: '64 MiB', bytes: 64 * MiB, perRound: 1 },
];

interface Row {
  what: string;
  floor: number;
  cloud: number;
}

async function main(): Promise<void> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'bench-s3-state-'));
  const recordDir = mkdtempSync(path.join(os.tmpdir(), 'bench-s3-records-'));
  const floorDir = mkdtempSync(path.join(os.tmpdir(), 'bench-s3-floor-'));
  console.log(
    `bench:s3 — @aws-sdk/client-s3 against the local cloud; ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(
    `each figure: the median of ${REPEATS} rounds; floor = fs.writeFile/readFile of the same bytes in ${os.tmpdir()}\n`,
  );
  const cloud = await startCloud({
    template: EVENT_STACK_TEMPLATE,
    stateDir,
    args: ['--no-watch', '--parameter', `RecordDir=${recordDir}`],
  });
  const rows: Row[] = [];
  try {
    const s3 = cloud.s3({ maxAttempts: 1 });
    for (const size of SIZES) {
      const data = randomBytes(size.bytes);
      const floorFile = path.join(floorDir, 'object');
      const bytes = size.bytes * size.perRound;
      const floorWrite = await rate(bytes, async () => {
        for (let i = 0; i < size.perRound; i++) await writeFile(floorFile, data);
      });
      const floorRead = await rate(bytes, async () => {
        for (let i = 0; i < size.perRound; i++) await readFile(floorFile);
      });
      const put = await rate(bytes, async () => {
        for (let i = 0; i < size.perRound; i++) await putObject(s3, `bench/${size.label}`, data);
      });
      const get = await rate(bytes, async () => {
        for (let i = 0; i < size.perRound; i++) await getObject(s3, `bench/${size.label}`, size.bytes);
      });
      rows.push({ what: `PUT ${size.label}`, floor: floorWrite, cloud: put });
      rows.push({ what: `GET ${size.label}`, floor: floorRead, cloud: get });
      if (size.bytes === 64 * MiB) {
        const sink = await startSink();
        const ceiling = await rate(bytes, async () => {
          await sink.client.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'sink', Body: data }));
        });
        await sink.close();
        rows.push({
          what: 'PUT 64 MiB to a server that only reads it (SDK ceiling)',
          floor: floorWrite,
          cloud: ceiling,
        });
        const multipart = await rate(size.bytes, async () => {
          await new Upload({
            client: s3,
            params: { Bucket: 'uploads', Key: 'bench/multipart', Body: data },
            partSize: 16 * MiB,
            queueSize: 4,
          }).done();
        });
        rows.push({
          what: 'multipart PUT 64 MiB (4 × 16 MiB in parallel)',
          floor: floorWrite,
          cloud: multipart,
        });
      }
    }
  } finally {
    await cloud.stop();
    for (const dir of [stateDir, recordDir, floorDir]) rmSync(dir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((row) => row.what.length));
  console.log(`${'operation'.padEnd(width)}   floor MB/s   local cloud MB/s   floor ÷ cloud`);
  for (const row of rows) {
    console.log(
      `${row.what.padEnd(width)}   ${row.floor.toFixed(0).padStart(10)}   ${row.cloud.toFixed(0).padStart(16)}   ${(row.floor / row.cloud).toFixed(2).padStart(12)}×`,
    );
  }
}

/**
 * A server that reads each request body and answers 200 with an ETag, doing nothing else: the
 * SDK client's own cost (signing, hashing, sending) on this machine, measured in the same run.
 */
async function startSink(): Promise<{ client: S3Client; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { etag: '"0"', 'content-length': '0' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return {
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function putObject(s3: S3Client, Key: string, Body: Buffer): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key, Body }));
}

async function getObject(s3: S3Client, Key: string, size: number): Promise<void> {
  const response = await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key }));
  let received = 0;
  for await (const chunk of response.Body as AsyncIterable<Uint8Array>) received += chunk.length;
  if (received !== size) throw new Error(`GET returned ${received} bytes, expected ${size}`);
}

/** MB/s (10^6 bytes) of `round`, the median of REPEATS rounds after one warm-up round. */
async function rate(bytes: number, round: () => Promise<void>): Promise<number> {
  await round();
  const rates: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = process.hrtime.bigint();
    await round();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    rates.push(bytes / 1e6 / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] as number;
}

await main();
