import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import {
  FrameDecoder,
  type TelemetryLogEvent,
} from '../../../../../../../src/services/lambda/runtime/node-client/telemetry-frame.js';
import { RuntimeApiStub } from './runtime-api-stub.js';

const CLIENT_SOURCES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../../../src/services/lambda/runtime',
);
export const PYTHON_BOOTSTRAP = path.join(CLIENT_SOURCES, 'python-client/bootstrap.py');

/** Bundles the Node client the way the local cloud ships it: one ESM file for Node 20. */
export async function bundleNodeClient(): Promise<string> {
  const outfile = path.join(makeTempDir('node-client-'), 'client.mjs');
  await build({
    entryPoints: [path.join(CLIENT_SOURCES, 'node-client/client.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `lambdagram-${prefix}`));
}

/** Writes `files` (relative path → content) into a fresh task root. */
export function writeTaskRoot(files: Record<string, string>): string {
  const root = makeTempDir('task-');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), content);
  }
  return root;
}

export interface EnvironmentOptions {
  runtime: 'node' | 'python';
  /** The bundled client (node) — python always runs bootstrap.py. */
  clientPath?: string;
  files: Record<string, string>;
  handler: string;
  env?: Record<string, string>;
  /** Leave `_LAMBDA_TELEMETRY_LOG_FD` out, so logs go to stdout. */
  withoutTelemetryFd?: boolean;
}

/** One execution environment: a client process talking to its own Runtime API stub. */
export class ExecutionEnvironment {
  readonly frames: TelemetryLogEvent[] = [];
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly api: RuntimeApiStub,
    readonly process: ChildProcess,
    readonly taskRoot: string,
  ) {
    const decoder = new FrameDecoder();
    process.stdio[3]?.on('data', (chunk: Buffer) => this.frames.push(...decoder.push(chunk)));
    process.stdout?.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
    });
    process.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => process.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Starts a client with Lambda's environment variables against a fresh stub. */
  static async start(options: EnvironmentOptions): Promise<ExecutionEnvironment> {
    const api = new RuntimeApiStub();
    const address = await api.listen();
    const taskRoot = writeTaskRoot(options.files);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      TZ: ':UTC',
      AWS_LAMBDA_RUNTIME_API: address,
      _HANDLER: options.handler,
      LAMBDA_TASK_ROOT: taskRoot,
      AWS_LAMBDA_FUNCTION_NAME: 'fixture-fn',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fixture-fn',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: 'token',
      ...(options.withoutTelemetryFd ? {} : { _LAMBDA_TELEMETRY_LOG_FD: '3' }),
      ...options.env,
    };
    const [command, args] =
      options.runtime === 'node'
        ? [process.execPath, ['--enable-source-maps', options.clientPath ?? '']]
        : ['python3', ['-u', PYTHON_BOOTSTRAP]];
    const child = spawn(command, args, { cwd: taskRoot, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    return new ExecutionEnvironment(api, child, taskRoot);
  }

  /** Log records, in order, from the telemetry pipe. */
  get messages(): string[] {
    return this.frames.map((frame) => frame.message);
  }

  /** Waits until the telemetry pipe has delivered a record matching `pattern`. */
  async waitForMessage(pattern: RegExp, timeoutMs = 5_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const found = this.messages.find((message) => pattern.test(message));
      if (found !== undefined) return found;
      if (Date.now() - started > timeoutMs)
        throw new Error(`no log record matched ${pattern}: ${this.messages}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  stop(): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    this.api.close();
    fs.rmSync(this.taskRoot, { recursive: true, force: true });
  }
}
