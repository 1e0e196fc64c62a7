import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

const INFRA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURE_TEMPLATE = path.join(INFRA, 'test', 'fixtures', 'lambda-stack', 'template.yaml');
export const EVENT_STACK_TEMPLATE = path.join(INFRA, 'test', 'fixtures', 'event-stack', 'template.yaml');
export const IDENTITY_STACK_TEMPLATE = path.join(
  INFRA,
  'test',
  'fixtures',
  'identity-stack',
  'template.yaml',
);
export const EMAIL_STACK_TEMPLATE = path.join(INFRA, 'test', 'fixtures', 'email-stack', 'template.yaml');
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
 * Starts the local cloud as users do (its CLI, a real process) on a free port and waits for the
 * ready line. Tests talk to it only over HTTP with the real SDK clients.
 */
export async function startCloud(
  options: {
    template?: string;
    stateDir?: string;
    args?: string[];
    env?: Record<string, string>;
    /** How long start-up may take: building many functions on a loaded machine takes a while. */
    readyTimeoutMs?: number;
  } = {},
): Promise<StartedCloud> {
  const stateDir = options.stateDir ?? mkdtempSync(path.join(os.tmpdir(), 'local-cloud-test-'));
  const args = ['--import', 'tsx', 'src/cli.ts', '--port', '0', '--state-dir', stateDir];
  args.push('--template', options.template ?? FIXTURE_TEMPLATE, ...(options.args ?? []));
  const child = spawn(process.execPath, args, {
    cwd: INFRA,
    env: { ...process.env, INIT_CWD: INFRA, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`local cloud did not start in time:\n${output}`)),
      options.readyTimeoutMs ?? 60_000,
    );
    const check = () => {
      const match = /local cloud ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local cloud exited with ${code} before it was ready:\n${output}`));
    });
  });
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
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill(signal);
      return exited;
    },
  };
}

/** Parses an Invoke response's payload as JSON. */
export function payloadOf(response: { Payload?: Uint8Array }): unknown {
  const text = Buffer.from(response.Payload ?? new Uint8Array()).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export function encode(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value));
}
