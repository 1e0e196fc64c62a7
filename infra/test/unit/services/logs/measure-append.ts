/**
 * Measures what `LogStore.append` costs the caller (one event per call, as the Lambda service appends
 * each log line) and how many lines a second the store sustains including its background writes.
 * Not a test: run it with `node --import tsx test/unit/logs/measure-append.ts` (`TOTAL=5000000` for a
 * longer run, which also shows that memory does not grow with the log).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LogStore } from '../../../../src/services/logs/store/store.js';

const TOTAL = Number(process.env.TOTAL ?? 1_000_000);
const BATCH = 5_000;
const STREAMS = 8;
const group = '/aws/lambda/bench';
const streams = Array.from(
  { length: STREAMS },
  (_, index) => `2026/11/24/[$LATEST]${index.toString(16).padStart(32, '0')}`,
);
const message =
  '2026-11-24T10:00:00.000Z\t6f1c2a3b-0000-4000-8000-000000000000\tINFO\tresized photo 1024x768 in 12 ms';

const dir = await mkdtemp(path.join(os.tmpdir(), 'logs-bench-'));
const store = new LogStore(dir);
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

// Warm-up, so that the measured loop runs optimized code.
for (let index = 0; index < 50_000; index += 1)
  store.append(group, streams[index % STREAMS] as string, [{ timestamp: Date.now(), message }]);
await store.flush();

let appendNs = 0n;
const started = process.hrtime.bigint();
for (let done = 0; done < TOTAL; done += BATCH) {
  const batchStart = process.hrtime.bigint();
  for (let index = 0; index < BATCH; index += 1) {
    store.append(group, streams[(done + index) % STREAMS] as string, [{ timestamp: Date.now(), message }]);
  }
  appendNs += process.hrtime.bigint() - batchStart;
  // Let the timer and the background writes run, as they would between invocations.
  await yieldToLoop();
}
await store.flush();
const totalNs = process.hrtime.bigint() - started;
store.close();

const perAppendUs = Number(appendNs) / TOTAL / 1000;
const linesPerSecond = TOTAL / (Number(totalNs) / 1e9);
console.log(`append (caller's cost): ${perAppendUs.toFixed(3)} µs per event over ${TOTAL} events`);
console.log(
  `sustained, including writes to disk: ${Math.round(linesPerSecond).toLocaleString('en')} events/s`,
);
console.log(`heap used at the end: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MB`);
await rm(dir, { recursive: true, force: true });
