/**
 * Entry point of the Node runtime interface client, bundled to one `.mjs` file and started as
 * `node --enable-source-maps [--max-old-space-size=N] client.mjs` inside each execution environment.
 */
import { patchConsole } from './console-patch.js';
import { loadHandler } from './handler-loader.js';
import { createLogSink } from './log-sink.js';
import { provideSdk } from './provide-sdk.js';
import { Runtime } from './runtime.js';
import { RuntimeApi } from './runtime-api.js';

const env = process.env;
patchConsole(createLogSink(env), env.AWS_LAMBDA_LOG_LEVEL);

const runtime = new Runtime(
  new RuntimeApi(env.AWS_LAMBDA_RUNTIME_API ?? '', env._LOCAL_CLOUD_RUNTIME_API_SOCKET),
  {
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
  },
);
runtime.installProcessListeners();
if (env._LOCAL_CLOUD_SDK_FALLBACK)
  provideSdk(env._LOCAL_CLOUD_SDK_FALLBACK, env.LAMBDA_TASK_ROOT ?? process.cwd());
void runtime.start(() => loadHandler(env.LAMBDA_TASK_ROOT ?? process.cwd(), env._HANDLER ?? ''));
