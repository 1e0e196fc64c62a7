import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { FIXTURE_TEMPLATE, INFRA_DIR } from './templates.js';

export const ROOT_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

export interface StartedCloud {
  url: string;
  stateDir: string;
  process: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  lambda(options?: { credentials?: { accessKeyId: string; secretAccessKey: string } }): LambdaClient;
  logs(): CloudWatchLogsClient;
  s3(options?: Omit<S3ClientConfig, 'region'>): S3Client;
  dynamodb(): DynamoDBClient;
  streams(): DynamoDBStreamsClient;
  /** Sends SIGTERM (or the given signal), then waits for the exit; resolves to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * How long start-up may take unless told otherwise. Generous on purpose: building the product's
 * functions and starting DynamoDB Local's JVM on a busy 2-core machine (load average 8) takes
 * minutes, not seconds, and nothing is wrong then. A cloud that never gets ready is stopped, and
 * the error says what it printed.
 */
export const DEFAULT_READY_TIMEOUT_MS = 300_000;
/** How long `stop()` waits for an orderly stop before it kills the process. */
const STOP_TIMEOUT_MS = 30_000;

export interface StartCloudOptions {
  /** The SAM template (default: the lambda-stack fixture; `PRODUCT_TEMPLATE` for the product). */
  template?: string;
  /** Where its state goes (default: a fresh temporary folder). */
  stateDir?: string;
  /** More CLI options (`--no-watch`, `--parameter K=V`, …). */
  args?: string[];
  env?: Record<string, string>;
  /** How long start-up may take (default `DEFAULT_READY_TIMEOUT_MS`). */
  readyTimeoutMs?: number;
}

/**
 * Starts the local cloud as users do (its CLI, a real process) on a free port and waits for the
 * ready line. Tests talk to it only over HTTP with the real SDK clients. The process stops, with
 * DynamoDB Local and every execution environment, on `stop()`, and also when the process that
 * started it dies in any way, SIGKILL included (see cloud-process.ts): a killed test runner leaves
 * nothing behind.
 *
 * @example
 * const cloud = await startCloud({ template: PRODUCT_TEMPLATE, args: ['--no-watch'] });
 * try {
 *   await cloud.lambda().send(new InvokeCommand({ FunctionName: 'add', Payload: encode({ value1: 2, value2: 3 }) }));
 * } finally {
 *   await cloud.stop();
 * }
 */
export async function startCloud(options: StartCloudOptions = {}): Promise<StartedCloud> {
  const stateDir = options.stateDir ?? mkdtempSync(path.join(os.tmpdir(), 'local-cloud-test-'));
  const args = ['--import', 'tsx', path.join(INFRA_DIR, 'src', 'testing', 'cloud-process.ts')];
  args.push('--port', '0', '--state-dir', stateDir);
  args.push('--template', options.template ?? FIXTURE_TEMPLATE, ...(options.args ?? []));
  const child = spawn(process.execPath, args, {
    cwd: INFRA_DIR,
    env: { ...process.env, INIT_CWD: INFRA_DIR, ...options.env },
    // stdin: a pipe we never write to; its closing tells the cloud we are gone.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.on('error', () => {}); // never written; an EPIPE after the child's exit means nothing
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stopProcess = (signal: NodeJS.Signals) => stopChild(child, signal);
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `local cloud did not start within ${readyTimeoutMs / 1000} s (stopped it; a slower machine may need a larger readyTimeoutMs). It printed:\n${output}`,
            ),
          ),
        readyTimeoutMs,
      );
      const check = () => {
        const match = /local cloud ready at (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1] as string);
        }
      };
      child.stdout.on('data', check);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`local cloud exited with ${signal ?? code} before it was ready:\n${output}`));
      });
    });
  } catch (error) {
    await stopProcess('SIGTERM');
    throw error;
  }
  const clients: Array<{ destroy(): void }> = [];
  const track = <T extends { destroy(): void }>(client: T): T => {
    clients.push(client);
    return client;
  };
  return {
    url,
    stateDir,
    process: child,
    output: () => output,
    lambda: (clientOptions = {}) => {
      const client = new LambdaClient({
        endpoint: url,
        region: REGION,
        credentials: clientOptions.credentials ?? ROOT_CREDENTIALS,
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    logs: () => {
      const client = new CloudWatchLogsClient({
        endpoint: url,
        region: REGION,
        credentials: ROOT_CREDENTIALS,
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    s3: (clientOptions = {}) =>
      track(
        new S3Client({
          endpoint: url,
          region: REGION,
          credentials: ROOT_CREDENTIALS,
          forcePathStyle: true,
          maxAttempts: 1,
          ...clientOptions,
        }),
      ),
    dynamodb: () =>
      track(
        new DynamoDBClient({ endpoint: url, region: REGION, credentials: ROOT_CREDENTIALS, maxAttempts: 1 }),
      ),
    streams: () =>
      track(
        new DynamoDBStreamsClient({
          endpoint: url,
          region: REGION,
          credentials: ROOT_CREDENTIALS,
          maxAttempts: 1,
        }),
      ),
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      for (const client of clients) client.destroy();
      return stopProcess(signal);
    },
  };
}

/** Sends `signal`, waits for the exit (killing it after STOP_TIMEOUT_MS) and resolves to the exit code. */
async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  child.stdin?.destroy();
  return code;
}

/** Parses an Invoke response's payload as JSON. */
export function payloadOf(response: { Payload?: Uint8Array }): unknown {
  const text = Buffer.from(response.Payload ?? new Uint8Array()).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export function encode(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value));
}
