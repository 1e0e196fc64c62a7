import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FunctionDefinition } from '../../../stack/types.js';
import type { RuntimeApiEndpoints } from './runtime-api-server.js';

/** What every environment of the local cloud needs to know about where it runs. */
export interface RuntimeHost {
  region: string;
  accountId: string;
  /** The local cloud's endpoint, given to functions as `AWS_ENDPOINT_URL` so their SDK calls stay local. */
  endpointUrl: string;
  /** Bundled Node runtime interface client (`node-client.mjs`). */
  nodeClientPath: string;
  /** Python runtime interface client (`bootstrap.py`). */
  pythonClientPath: string;
  /** The credentials functions run with (their role's, once IAM is in place). */
  credentialsFor(fn: FunctionDefinition): {
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
  };
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  runtimeVersion: string;
}

/** Headroom below the memory size left to V8's old space: the rest is code, stacks and buffers. */
const V8_HEAP_SHARE = 0.85;

/**
 * How to start an execution environment for a function: the runtime's own client (Node, Python) or
 * the function's `bootstrap` (custom runtimes), with the variables Lambda sets.
 */
export function launchSpec(
  fn: FunctionDefinition,
  codeDir: string,
  runtimeApi: RuntimeApiEndpoints,
  logStreamName: string,
  host: RuntimeHost,
): LaunchSpec {
  const credentials = host.credentialsFor(fn);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    HOME: process.env.HOME ?? '/tmp',
    LAMBDA_TASK_ROOT: codeDir,
    LAMBDA_RUNTIME_DIR: path.dirname(fn.kind === 'python' ? host.pythonClientPath : host.nodeClientPath),
    _HANDLER: fn.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_LAMBDA_RUNTIME_API: runtimeApi.address,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: host.region,
    AWS_DEFAULT_REGION: host.region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL: host.endpointUrl,
    _LAMBDA_TELEMETRY_LOG_FD: '3',
  };
  if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
  // The template's variables come last: Lambda lets them override the non-reserved ones above.
  Object.assign(env, fn.environment);

  switch (fn.kind) {
    case 'nodejs': {
      const heapMb = Math.max(32, Math.floor(fn.memorySize * V8_HEAP_SHARE));
      // The AWS SDK the runtime provides (see node-client/provide-sdk.ts): `require` finds it here;
      // an unbundled handler's `import` needs the resolve hook.
      env.NODE_PATH = path.join(path.dirname(host.nodeClientPath), 'node_modules');
      if (!fn.build) env._LOCAL_CLOUD_SDK_FALLBACK = path.dirname(host.nodeClientPath);
      // Our Node client talks to the same Runtime API over a Unix socket: cheaper than loopback TCP.
      if (runtimeApi.socketPath) env._LOCAL_CLOUD_RUNTIME_API_SOCKET = runtimeApi.socketPath;
      return {
        command: process.execPath,
        args: ['--enable-source-maps', `--max-old-space-size=${heapMb}`, host.nodeClientPath],
        env,
        cwd: codeDir,
        runtimeVersion: `nodejs:${process.versions.node.split('.')[0]}.v${process.versions.node.replaceAll('.', '')}`,
      };
    }
    case 'python':
      env.PYTHONUNBUFFERED = '1';
      env.PYTHONDONTWRITEBYTECODE = '1';
      return {
        command: process.env.LOCAL_CLOUD_PYTHON ?? 'python3',
        args: ['-u', host.pythonClientPath],
        env,
        cwd: codeDir,
        runtimeVersion: `${fn.runtime.replace('python', 'python:')}.local`,
      };
    case 'provided':
      return {
        command: path.join(codeDir, 'bootstrap'),
        args: [],
        env,
        cwd: codeDir,
        runtimeVersion:
          fn.runtime === 'provided' ? 'provided:al1' : fn.runtime.replace('provided.', 'provided:'),
      };
  }
}

/** A custom runtime without a `bootstrap` fails at init, worded as Lambda words it. */
export function missingBootstrap(fn: FunctionDefinition, codeDir: string): string | undefined {
  if (fn.kind !== 'provided' || existsSync(path.join(codeDir, 'bootstrap'))) return undefined;
  return `Couldn't find valid bootstrap(s): [${path.join(codeDir, 'bootstrap')} /opt/bootstrap]`;
}
