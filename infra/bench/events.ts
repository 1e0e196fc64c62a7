import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { EVENT_STACK_TEMPLATE, startCloud } from '../src/testing/index.js';
import { readRecords } from '../test/support/records.js';

/**
 * `pnpm bench:events`: how long after a change is acknowledged its triggered function starts —
 * from `PutObject` returning to the S3-notified function's handler starting, and from `PutItem`
 * returning to the stream-triggered function's handler starting — p50/p99 over BENCH_EVENTS (200)
 * events, one at a time. Baseline in the same run: from an `Invoke` of type Event returning 202 to
 * the handler starting (the asynchronous queue alone). The handlers record the time on entry
 * (`performance.timeOrigin + performance.now()`, this machine's clock, as here). A handler may start
 * before the client has even read the acknowledgement: such a latency is negative. Goal: both under
 * 50 ms p50.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);

async function main(): Promise<void> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'bench-events-state-'));
  const recordDir = mkdtempSync(path.join(os.tmpdir(), 'bench-events-records-'));
  console.log(
    `bench:events — ${EVENTS} events each, one at a time; ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  const cloud = await startCloud({
    template: EVENT_STACK_TEMPLATE,
    stateDir,
    args: ['--no-watch', '--parameter', `RecordDir=${recordDir}`],
  });
  const results: Array<[string, number[]]> = [];
  try {
    const s3 = cloud.s3();
    const dynamodb = cloud.dynamodb();
    const lambda = cloud.lambda();
    const startOf = (file: string, matches: (event: Record<string, unknown>) => boolean) =>
      waitFor(
        () =>
          readRecords(recordDir, file).find((line) => matches(line.event))?.startedAt as number | undefined,
      );

    results.push([
      'baseline: Invoke (Event) 202 → handler start',
      await measure(async (i) => {
        await lambda.send(
          new InvokeCommand({
            FunctionName: 'on-upload',
            InvocationType: 'Event',
            Payload: JSON.stringify({ bench: i }),
          }),
        );
        const acknowledged = now();
        return (await startOf('on-upload.jsonl', (event) => event.bench === i)) - acknowledged;
      }),
    ]);
    results.push([
      'PutObject → S3-notified handler start',
      await measure(async (i) => {
        const Key = `uploads/bench/${i}.jpg`;
        await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key, Body: 'x' }));
        const acknowledged = now();
        return (
          (await startOf('on-upload.jsonl', (event) =>
            JSON.stringify(event).includes(`"key":"uploads/bench/${i}.jpg"`),
          )) - acknowledged
        );
      }),
    ]);
    results.push([
      'PutItem → stream-triggered handler start',
      await measure(async (i) => {
        await dynamodb.send(
          new PutItemCommand({ TableName: 'items', Item: { pk: { S: 'bench' }, sk: { S: String(i) } } }),
        );
        const acknowledged = now();
        return (
          (await startOf('on-item-change.jsonl', (event) =>
            JSON.stringify(event).includes(`"sk":{"S":"${i}"}`),
          )) - acknowledged
        );
      }),
    ]);
  } finally {
    await cloud.stop();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(recordDir, { recursive: true, force: true });
  }
  const width = Math.max(...results.map(([name]) => name.length));
  console.log(`${'path'.padEnd(width)}   min ms   p50 ms   p99 ms   max ms`);
  for (const [name, samples] of results) {
    samples.sort((a, b) => a - b);
    const at = (q: number) =>
      (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number)
        .toFixed(1)
        .padStart(6);
    console.log(`${name.padEnd(width)}   ${at(0)}   ${at(0.5)}   ${at(0.99)}   ${at(1)}`);
  }
}

/** Epoch milliseconds with a fraction, comparable with what the handlers record. */
const now = () => performance.timeOrigin + performance.now();

/** Runs `sample` EVENTS times after 10 warm-up runs; returns the latencies in ms. */
async function measure(sample: (i: number) => Promise<number>): Promise<number[]> {
  for (let i = -10; i < 0; i++) await sample(i);
  const latencies: number[] = [];
  for (let i = 0; i < EVENTS; i++) latencies.push(await sample(i));
  return latencies;
}

/** Polls every millisecond (the handler's entry time is what is measured, not this loop's). */
async function waitFor(find: () => number | undefined, timeoutMs = 10_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('the triggered function did not start in time');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

await main();
