import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EchoRuntimeApi, processCpuMs } from './support/echo-runtime-api.js';
import { bundleNodeClient, PYTHON_BOOTSTRAP, writeTaskRoot } from './support/execution-environment.js';

/**
 * Measures what one warm invocation costs the client process (user + system CPU), against a Runtime
 * API that does next to nothing. Opt-in: `RUNTIME_CLIENT_BENCH=1 pnpm exec vitest run test/unit/runtime-clients`.
 */
const EVENT = JSON.stringify({
  httpMethod: 'GET',
  path: '/items/42',
  headers: { accept: 'application/json' },
  body: null,
});

async function measure(
  runtime: 'node' | 'python',
  invocations: number,
): Promise<{ cpuUs: number; wallUs: number }> {
  const api = new EchoRuntimeApi(EVENT);
  const address = await api.listen();
  const clientPath = runtime === 'node' ? await bundleNodeClient() : PYTHON_BOOTSTRAP;
  const taskRoot = writeTaskRoot({
    'app.mjs': 'export const handler = async (event) => ({ statusCode: 200, body: event.path });',
    'app.py': 'def handler(event, context):\n    return {"statusCode": 200, "body": event["path"]}\n',
  });
  const [command, args] =
    runtime === 'node'
      ? [process.execPath, ['--enable-source-maps', clientPath]]
      : ['python3', ['-u', clientPath]];
  const child = spawn(command, args, {
    cwd: taskRoot,
    env: {
      PATH: process.env.PATH,
      AWS_LAMBDA_RUNTIME_API: address,
      _HANDLER: 'app.handler',
      LAMBDA_TASK_ROOT: taskRoot,
      AWS_LAMBDA_FUNCTION_NAME: 'bench',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      _LAMBDA_TELEMETRY_LOG_FD: '3',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
  });
  (child.stdio[3] as NodeJS.ReadableStream | null)?.resume();
  try {
    await api.serve(Math.ceil(invocations / 5));
    const cpuBefore = processCpuMs(child.pid as number);
    const started = process.hrtime.bigint();
    await api.serve(invocations);
    const wallUs = Number(process.hrtime.bigint() - started) / 1000 / invocations;
    const cpuUs = ((processCpuMs(child.pid as number) - cpuBefore) * 1000) / invocations;
    return { cpuUs, wallUs };
  } finally {
    child.kill('SIGKILL');
    api.close();
    fs.rmSync(taskRoot, { recursive: true, force: true });
    if (runtime === 'node') fs.rmSync(path.dirname(clientPath), { recursive: true, force: true });
  }
}

describe.skipIf(!process.env.RUNTIME_CLIENT_BENCH)('runtime clients: CPU per warm invocation', () => {
  it('measures the Node client', async () => {
    const { cpuUs, wallUs } = await measure('node', 50_000);

    console.info(`node client: ${cpuUs.toFixed(1)} µs CPU, ${wallUs.toFixed(1)} µs wall per invocation`);
    expect(cpuUs).toBeGreaterThan(0);
  }, 120_000);

  it('measures the Python client', async () => {
    const { cpuUs, wallUs } = await measure('python', 10_000);

    console.info(`python client: ${cpuUs.toFixed(1)} µs CPU, ${wallUs.toFixed(1)} µs wall per invocation`);
    expect(cpuUs).toBeGreaterThan(0);
  }, 120_000);
});
