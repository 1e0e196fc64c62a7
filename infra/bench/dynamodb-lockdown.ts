/**
 * What keeping DynamoDB Local to ourselves costs (issue 12, hole 1), against the old way of running it
 * (`-jar DynamoDBLocal.jar -sharedDb`: every interface, one database for any key), in the same run:
 * - loopback: our main class binds 127.0.0.1 (class file), still `-sharedDb`;
 * - loopback (source): the same class compiled by `java` at each start (source-file mode, needs a JDK);
 * - private db: `-jar`, no `-sharedDb`, a random key ID names the database;
 * - loopback + private db: what the local cloud runs now.
 * For each: start-up (spawn to the first ListTables answered, JVM and database file and all) and
 * GetItem on a kept-alive connection (what the front door's forwarding pays per request). Variants
 * alternate within each round, so machine noise falls on all alike.
 * Run: `node --import tsx bench/dynamodb-lockdown.ts` (`STARTS=3 CALLS=2000 ROUNDS=3` to change it;
 * `ONLY=0,4` for some variants, by their index in the table).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { LocalConnection } from '../src/services/dynamodb/local/local-connection.js';
import { dynamoDbLocalDir, LAUNCHER_DIR } from '../src/services/dynamodb/local/local-jar.js';
import { preparePrivateDatabase } from '../src/services/dynamodb/local/private-database.js';

const STARTS = Number(process.env.STARTS ?? 3);
const CALLS = Number(process.env.CALLS ?? 2_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const jarDir = dynamoDbLocalDir();
const jar = path.join(jarDir, 'DynamoDBLocal.jar');
const common = [`-Djava.library.path=${path.join(jarDir, 'DynamoDBLocal_lib')}`];
const launcher = ['-cp', [jar, LAUNCHER_DIR].join(path.delimiter), 'LoopbackDynamoDbLocal'];
const fromSource = ['-cp', jar, path.join(LAUNCHER_DIR, 'LoopbackDynamoDbLocal.java')];

interface Variant {
  name: string;
  main: string[];
  shared: boolean;
}
const ALL_VARIANTS: Variant[] = [
  { name: 'baseline: -jar, -sharedDb', main: ['-jar', jar], shared: true },
  { name: 'loopback (class), -sharedDb', main: launcher, shared: true },
  { name: 'loopback (source mode)', main: fromSource, shared: true },
  { name: 'private db, -jar', main: ['-jar', jar], shared: false },
  { name: 'loopback + private db (chosen)', main: launcher, shared: false },
];
const only = process.env.ONLY?.split(',').map(Number);
const VARIANTS = ALL_VARIANTS.filter((_, index) => !only || only.includes(index));

interface Running {
  child: ChildProcess;
  endpoint: string;
  accessKeyId: string;
  startMs: number;
}

async function launch(variant: Variant): Promise<Running> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ddb-bench-'));
  const accessKeyId = variant.shared ? 'bench' : preparePrivateDatabase(dataDir);
  const port = await freePort();
  const args = [...common, ...variant.main, '-dbPath', dataDir, '-port', String(port), '-disableTelemetry'];
  if (variant.shared) args.push('-sharedDb');
  const began = process.hrtime.bigint();
  const child = spawn('java', args, { cwd: dataDir, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const connection = new LocalConnection({ endpoint, accessKeyId });
  try {
    while (!(await listsTables(connection))) {
      if (child.exitCode !== null) throw new Error(`${variant.name}: java exited ${child.exitCode}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    connection.close();
  }
  return { child, endpoint, accessKeyId, startMs: Number(process.hrtime.bigint() - began) / 1e6 };
}

async function stop(running: Running): Promise<void> {
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  running.child.kill('SIGKILL');
  await exited;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const TARGET = 'DynamoDB_20120810.';
const TYPE = 'application/x-amz-json-1.0';

async function prepareTable(connection: LocalConnection): Promise<void> {
  await connection.send(
    `${TARGET}CreateTable`,
    TYPE,
    json({
      TableName: 'Bench',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const Item = { pk: { S: 'photo-1' }, caption: { S: 'a photo by the sea' }, likes: { N: '42' } };
  const put = await connection.send(`${TARGET}PutItem`, TYPE, json({ TableName: 'Bench', Item }));
  if (put.status !== 200) throw new Error(`PutItem: ${put.status} ${put.body}`);
}

async function getItems(connection: LocalConnection, calls: number): Promise<number[]> {
  const body = json({ TableName: 'Bench', Key: { pk: { S: 'photo-1' } } });
  const latencies: number[] = [];
  for (let index = 0; index < calls; index++) {
    const began = process.hrtime.bigint();
    const answer = await connection.send(`${TARGET}GetItem`, TYPE, body);
    if (answer.status !== 200) throw new Error(`GetItem: ${answer.status}`);
    latencies.push(Number(process.hrtime.bigint() - began) / 1000);
  }
  return latencies;
}

const starts = new Map<string, number[]>(VARIANTS.map((variant) => [variant.name, []]));
const calls = new Map<string, number[]>(VARIANTS.map((variant) => [variant.name, []]));

for (let round = 0; round < STARTS; round++) {
  for (const variant of VARIANTS) {
    const running = await launch(variant);
    starts.get(variant.name)?.push(running.startMs);
    await stop(running);
  }
}

// Per request: all five running at once, taking turns.
const running = await Promise.all(VARIANTS.map((variant) => launch(variant)));
const connections = running.map((one) => new LocalConnection(one));
for (const connection of connections) await prepareTable(connection);
for (const connection of connections) await getItems(connection, 500); // JIT on both sides
for (let round = 0; round < ROUNDS; round++) {
  for (const [index, variant] of VARIANTS.entries()) {
    calls.get(variant.name)?.push(...(await getItems(connections[index] as LocalConnection, CALLS)));
  }
}
for (const connection of connections) connection.close();
await Promise.all(running.map(stop));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const p99 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] as number;
};
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const base = VARIANTS[0]?.name as string;
const baseStart = median(starts.get(base) as number[]);
const baseCall = median(calls.get(base) as number[]);

console.log(
  `DynamoDB Local ${path.basename(jarDir)}, ${os.cpus().length} CPUs; start-up: median of ${STARTS}; ` +
    `GetItem: ${ROUNDS} rounds of ${CALLS} sequential calls on a kept-alive connection`,
);
console.log(
  `${'variant'.padEnd(34)}${'start ms'.padStart(9)}${'vs base'.padStart(9)}` +
    `${'GetItem median µs'.padStart(19)}${'p99 µs'.padStart(8)}${'mean µs'.padStart(9)}${'vs base'.padStart(9)}`,
);
for (const variant of VARIANTS) {
  const start = median(starts.get(variant.name) as number[]);
  const latencies = calls.get(variant.name) as number[];
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(0)}`;
  console.log(
    `${variant.name.padEnd(34)}${start.toFixed(0).padStart(9)}${signed(start - baseStart).padStart(9)}` +
      `${median(latencies).toFixed(0).padStart(19)}${p99(latencies).toFixed(0).padStart(8)}` +
      `${mean(latencies).toFixed(0).padStart(9)}${signed(median(latencies) - baseCall).padStart(9)}`,
  );
}

function listsTables(connection: LocalConnection): Promise<boolean> {
  return connection.send(`${TARGET}ListTables`, TYPE, json({})).then(
    (answer) => answer.status === 200,
    () => false,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
