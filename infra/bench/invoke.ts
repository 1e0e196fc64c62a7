import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { descendants } from '../src/testing/index.js';

/**
 * `pnpm bench:invoke`: the local Lambda service against two baselines measured in the same run —
 * a plain node:http keep-alive echo server, and a server that answers instantly (the SDK client's own
 * ceiling on this machine). Prints figures only: no threshold is asserted, timings are noisy.
 *
 * Settings: BENCH_SECONDS (per throughput sample, default 2), BENCH_REPEATS (samples, median taken,
 * default 3), BENCH_WARM_CALLS (sequential calls for p50/p99, default 2000), BENCH_LONG_SECONDS
 * (an extra long run at concurrency 8 to watch memory, default 0 = off), BENCH_WARM_SECONDS (load at
 * each concurrency before it is measured, default 1).
 */
const INFRA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const WARM_CALLS = Number(process.env.BENCH_WARM_CALLS ?? 2000);
const LONG_SECONDS = Number(process.env.BENCH_LONG_SECONDS ?? 0);
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 1);
const CONCURRENCY = [1, 8, 32];
const PAYLOAD = Buffer.from(JSON.stringify({ data: 'x'.repeat(1024 - 11) }));
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface Target {
  name: string;
  url: string;
  process: ChildProcess;
  output: () => string;
}

interface Figures {
  coldStartMs?: number;
  initDurationMs?: number;
  p50Ms: number;
  p99Ms: number;
  throughput: Record<number, number>;
  /** Per call, by concurrency. */
  serverCpuUs: Record<number, number>;
  environmentsCpuUs?: Record<number, number>;
  serverRssMb: { start: number; afterRuns: number; afterLongRun?: number };
  environmentsRssMb?: number;
}

async function main(): Promise<void> {
  console.log(
    `bench:invoke — 1 KB echo through @aws-sdk/client-lambda; ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(
    `throughput: ${SECONDS}s samples × ${REPEATS} (median); latency: ${WARM_CALLS} sequential warm calls\n`,
  );
  const results: Record<string, Figures> = {};

  const cloud = await startProcess(
    'local cloud',
    [
      '--import',
      'tsx',
      path.join(INFRA, 'src', 'cli.ts'),
      '--port',
      '0',
      '--no-watch',
      '--state-dir',
      mkdtempSync(path.join(os.tmpdir(), 'bench-state-')),
      '--template',
      path.join(INFRA, 'bench', 'echo-stack', 'template.yaml'),
    ],
    /local cloud ready at (\S+)/,
  );
  try {
    results['local cloud'] = await measure(cloud, 'bench-echo', true);
    // The same process, the same function; the caller now holds a guest's identity-pool credentials,
    // so every call looks up a role session and is decided by the role's policy.
    results['local cloud, Cognito + IAM'] = await measure(
      cloud,
      'bench-echo',
      false,
      await guestCredentials(cloud),
    );
  } finally {
    await stop(cloud);
  }

  for (const kind of ['echo', 'instant'] as const) {
    const target = await startProcess(
      `node:http ${kind}`,
      ['--import', 'tsx', path.join(INFRA, 'bench', 'baseline-servers.ts'), kind],
      /baseline ready at (\S+)/,
    );
    try {
      results[kind === 'echo' ? 'node:http echo server' : 'instant server (SDK ceiling)'] = await measure(
        target,
        'bench-echo',
        false,
      );
    } finally {
      await stop(target);
    }
  }
  report(results);
}

async function measure(
  target: Target,
  functionName: string,
  isCloud: boolean,
  credentials: AwsCredentialIdentity = ROOT,
): Promise<Figures> {
  const pid = target.process.pid as number;
  const rssStart = rssMb(pid);
  let coldStartMs: number | undefined;
  let initDurationMs: number | undefined;
  if (isCloud) {
    const colds: number[] = [];
    const inits: number[] = [];
    for (const name of ['bench-cold-a', 'bench-cold-b', 'bench-cold-c']) {
      const client = makeClient(target.url, 1);
      const started = performance.now();
      const response = await client.send(
        new InvokeCommand({ FunctionName: name, Payload: PAYLOAD, LogType: 'Tail' }),
      );
      colds.push(performance.now() - started);
      const tail = Buffer.from(response.LogResult ?? '', 'base64').toString();
      inits.push(Number(/Init Duration: ([\d.]+) ms/.exec(tail)?.[1] ?? Number.NaN));
      client.destroy();
    }
    coldStartMs = median(colds);
    initDurationMs = median(inits);
  }

  const client = makeClient(target.url, 64, credentials);
  const invoke = () => client.send(new InvokeCommand({ FunctionName: functionName, Payload: PAYLOAD }));
  // Warm the environment, the sockets and the JIT of both sides (V8 optimises after thousands of calls).
  for (let i = 0; i < 3000; i++) await invoke();

  const latencies: number[] = [];
  for (let i = 0; i < WARM_CALLS; i++) {
    const started = performance.now();
    await invoke();
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);

  // CPU is read around each concurrency level after its environments are started, so that cold
  // starts (process spawns) are not charged to the warm calls.
  const throughput: Record<number, number> = {};
  const serverCpuUs: Record<number, number> = {};
  const environmentsCpuUs: Record<number, number> = {};
  for (const concurrency of CONCURRENCY) {
    // Start this level's environments, then let their JIT settle before anything is measured.
    for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: concurrency }, invoke));
    await run(invoke, concurrency, WARM_SECONDS);
    const envPids = isCloud ? descendants(pid) : [];
    const serverBefore = cpuSeconds([pid]);
    const envBefore = cpuSeconds(envPids);
    let calls = 0;
    const samples: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const done = await run(invoke, concurrency, SECONDS);
      calls += done;
      samples.push(done / SECONDS);
    }
    throughput[concurrency] = median(samples);
    serverCpuUs[concurrency] = ((cpuSeconds([pid]) - serverBefore) / calls) * 1e6;
    environmentsCpuUs[concurrency] = ((cpuSeconds(envPids) - envBefore) / calls) * 1e6;
  }
  const rssAfterRuns = rssMb(pid);
  let rssLong: number | undefined;
  if (LONG_SECONDS > 0) {
    await run(invoke, 8, LONG_SECONDS);
    rssLong = rssMb(pid);
  }
  const envPids = isCloud ? descendants(pid) : [];
  client.destroy();
  return {
    coldStartMs,
    initDurationMs,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    throughput,
    serverCpuUs,
    environmentsCpuUs: isCloud ? environmentsCpuUs : undefined,
    serverRssMb: { start: rssStart, afterRuns: rssAfterRuns, afterLongRun: rssLong },
    environmentsRssMb: isCloud ? envPids.reduce((sum, p) => sum + rssMb(p), 0) : undefined,
  };
}

/** Keeps `concurrency` calls in flight for `seconds`; returns how many completed. */
async function run(invoke: () => Promise<unknown>, concurrency: number, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await invoke();
        done++;
      }
    }),
  );
  return done;
}

/** Static credentials: the root keys, or a guest's temporary ones resolved once before measuring. */
type AwsCredentialIdentity = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const ROOT: AwsCredentialIdentity = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A guest's credentials from the bench stack's identity pool (its id is in the start-up summary). */
async function guestCredentials(cloud: Target): Promise<AwsCredentialIdentity> {
  const identityPoolId = /identity pool bench_pool (\S+)/.exec(cloud.output())?.[1];
  if (!identityPoolId) throw new Error('the bench stack printed no identity pool');
  const clientConfig = { endpoint: cloud.url, region: 'us-east-1' };
  return fromCognitoIdentityPool({ identityPoolId, clientConfig })();
}

function makeClient(
  endpoint: string,
  sockets: number,
  credentials: AwsCredentialIdentity = ROOT,
): LambdaClient {
  return new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: sockets }) }),
  });
}

async function startProcess(name: string, args: string[], readyLine: RegExp): Promise<Target> {
  const child = spawn(process.execPath, args, {
    cwd: INFRA,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, INIT_CWD: INFRA },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = readyLine.exec(output);
      if (match) resolve(match[1] as string);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
  return { name, url, process: child, output: () => output };
}

async function stop(target: Target): Promise<void> {
  if (target.process.exitCode !== null) return;
  const exited = new Promise((resolve) => target.process.once('exit', resolve));
  target.process.kill('SIGTERM');
  await exited;
}

function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // The process is gone; its time can no longer be read.
    }
  }
  return ticks / CLOCK_TICKS;
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

function report(results: Record<string, Figures>): void {
  const names = Object.keys(results);
  const rows: Array<[string, ...string[]]> = [
    ['', ...names],
    ['cold start (ms)', ...names.map((n) => fmt(results[n]?.coldStartMs, 1))],
    ['  Init Duration (ms)', ...names.map((n) => fmt(results[n]?.initDurationMs, 1))],
    ['warm p50, c=1 (ms)', ...names.map((n) => fmt(results[n]?.p50Ms, 3))],
    ['warm p99, c=1 (ms)', ...names.map((n) => fmt(results[n]?.p99Ms, 3))],
    ...CONCURRENCY.map((c): [string, ...string[]] => [
      `throughput c=${c} (/s)`,
      ...names.map((n) => fmt(results[n]?.throughput[c], 0)),
    ]),
    ...CONCURRENCY.map((c): [string, ...string[]] => [
      `server CPU / call, c=${c} (µs)`,
      ...names.map((n) => fmt(results[n]?.serverCpuUs[c], 0)),
    ]),
    ...CONCURRENCY.map((c): [string, ...string[]] => [
      `environments CPU / call, c=${c} (µs)`,
      ...names.map((n) => fmt(results[n]?.environmentsCpuUs?.[c], 0)),
    ]),
    [
      'server RSS start → after runs (MB)',
      ...names.map(
        (n) => `${fmt(results[n]?.serverRssMb.start, 0)} → ${fmt(results[n]?.serverRssMb.afterRuns, 0)}`,
      ),
    ],
    ['server RSS after long run (MB)', ...names.map((n) => fmt(results[n]?.serverRssMb.afterLongRun, 0))],
    ['environments RSS (MB)', ...names.map((n) => fmt(results[n]?.environmentsRssMb, 0))],
  ];
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
        .join('  '),
    );
  const cloud = results['local cloud'];
  const ceiling = results['instant server (SDK ceiling)'];
  const withIam = results['local cloud, Cognito + IAM'];
  if (cloud && withIam) {
    for (const c of [1, 8]) {
      const cost = 1 - (withIam.throughput[c] ?? 0) / (cloud.throughput[c] ?? 1);
      console.log(
        `Cognito credentials + IAM at c=${c}: ${(cost * 100).toFixed(1)}% less throughput, ${fmt((withIam.serverCpuUs[c] ?? 0) - (cloud.serverCpuUs[c] ?? 0), 0)} µs more server CPU per call than root in this run`,
      );
    }
  }
  if (cloud && ceiling) {
    console.log(
      `\nlocal cloud at c=8: ${((cloud.throughput[8] ?? 0) / (ceiling.throughput[8] ?? 1)).toFixed(2)}× the SDK client's ceiling measured in this run`,
    );
  }
}

function fmt(value: number | undefined, digits: number): string {
  return value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
