/**
 * Measures what going through the local cloud's front door costs a GetItem, against calling
 * DynamoDB Local directly with the same SDK client settings, in the same process. Rounds alternate
 * (direct, proxied, direct, …) so that JIT warm-up and machine noise fall on both alike.
 * Not a test: run it with `node --import tsx test/unit/services/dynamodb/measure-proxy.ts`
 * (`CALLS=5000 ROUNDS=6` to change the run).
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDb, tableInput } from './dynamodb-fixture.js';

const CALLS = Number(process.env.CALLS ?? 2_000);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const CONCURRENCY = 16;

const running = await startDynamoDb();
const direct = new DynamoDBClient(running.local.clientConfig());
const proxied = running.dynamodb;
const TableName = 'Bench';
await proxied.send(new CreateTableCommand(tableInput(TableName)));
const Item = {
  pk: { S: 'photo-1' },
  owner: { S: 'u1' },
  caption: { S: 'a photo by the sea' },
  likes: { N: '42' },
};
await proxied.send(new PutItemCommand({ TableName, Item }));
const getItem = new GetItemCommand({ TableName, Key: { pk: { S: 'photo-1' } } });

/** `calls` GetItems, one after the other: each call's latency, and the CPU this process spent. */
async function sequential(client: DynamoDBClient, calls: number) {
  const latenciesUs: number[] = [];
  const cpu = process.cpuUsage();
  for (let index = 0; index < calls; index += 1) {
    const start = process.hrtime.bigint();
    await client.send(getItem);
    latenciesUs.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  const used = process.cpuUsage(cpu);
  return { latenciesUs, cpuUs: (used.user + used.system) / calls };
}

/** `calls` GetItems, `CONCURRENCY` at a time: calls per second. */
async function concurrent(client: DynamoDBClient, calls: number): Promise<number> {
  const start = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < calls) await client.send(getItem);
    }),
  );
  return calls / (Number(process.hrtime.bigint() - start) / 1e9);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] as number;
};

// Warm-up: JIT, kept-alive sockets, DynamoDB Local's own JIT.
for (const client of [direct, proxied, direct, proxied]) await sequential(client, 500);

const results = {
  direct: { latencies: [] as number[], cpu: [] as number[], rate: [] as number[] },
  proxied: { latencies: [] as number[], cpu: [] as number[], rate: [] as number[] },
};
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [name, client] of [
    ['direct', direct],
    ['proxied', proxied],
  ] as const) {
    const run = await sequential(client, CALLS);
    results[name].latencies.push(...run.latenciesUs);
    results[name].cpu.push(run.cpuUs);
    results[name].rate.push(await concurrent(client, CALLS));
  }
}

const row = (name: 'direct' | 'proxied') => {
  const { latencies, cpu, rate } = results[name];
  const mean = latencies.reduce((sum, value) => sum + value, 0) / latencies.length;
  return {
    median: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean,
    cpu: cpu.reduce((sum, value) => sum + value, 0) / cpu.length,
    rate: rate.reduce((sum, value) => sum + value, 0) / rate.length,
  };
};
const d = row('direct');
const p = row('proxied');
const fmt = (value: number) => value.toFixed(0).padStart(7);
console.log(
  `GetItem, ${ROUNDS} rounds of ${CALLS} sequential calls (+ ${CALLS} at concurrency ${CONCURRENCY}) each`,
);
console.log('                      median µs    p99 µs   mean µs  CPU µs/call (this process)  calls/s @16');
console.log(
  `direct to Local        ${fmt(d.median)}   ${fmt(d.p99)}   ${fmt(d.mean)}   ${fmt(d.cpu)}                     ${fmt(d.rate)}`,
);
console.log(
  `through front door     ${fmt(p.median)}   ${fmt(p.p99)}   ${fmt(p.mean)}   ${fmt(p.cpu)}                     ${fmt(p.rate)}`,
);
console.log(
  `overhead per call: median +${(p.median - d.median).toFixed(0)} µs, mean +${(p.mean - d.mean).toFixed(0)} µs, ` +
    `CPU +${(p.cpu - d.cpu).toFixed(0)} µs (front door: SigV4 check + service: forward)`,
);
direct.destroy();
await running.stop();
