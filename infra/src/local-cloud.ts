import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { Deployments } from './build/deployments.js';
import type { LocalCloudConfig } from './config.js';
import { RootOnlyAuthorizer } from './iam/authorizer.js';
import { RootCredentials } from './iam/caller.js';
import { LambdaService } from './lambda/lambda-service.js';
import { LogsService } from './logs/logs-service.js';
import { LogStore } from './logs/store.js';
import { EnvironmentPool } from './runtime/environment-pool.js';
import type { RuntimeHost } from './runtime/launch.js';
import { bundleRuntimeClients } from './runtime/runtime-clients.js';
import { FrontDoor } from './server/front-door.js';
import { startupSummary } from './startup-summary.js';
import { loadStack } from './template/load.js';
import type { StackDefinition } from './template/types.js';

export interface RunningLocalCloud {
  url: string;
  stack: StackDefinition;
  /** What to print at start: the functions, what the template has that is not supported, problems. */
  summary: string;
  stop(): Promise<void>;
}

/**
 * Starts the local cloud: reads the template, builds the functions, and serves every service on one
 * endpoint. Resolves once requests are accepted.
 */
export async function startLocalCloud(config: LocalCloudConfig): Promise<RunningLocalCloud> {
  mkdirSync(config.stateDir, { recursive: true });
  const where = { region: config.region, accountId: config.accountId, endpointUrl: '' };
  const stack = await loadStack(config.templatePath, {
    region: config.region,
    accountId: config.accountId,
    stackName: config.stackName,
    parameterOverrides: config.parameterOverrides,
    codeDir: path.join(config.stateDir, 'inline-code'),
  });
  const clients = await bundleRuntimeClients(path.join(config.stateDir, 'runtime'));
  const logs = new LogStore(config.stateDir);
  const rootCredentials = config.rootCredentials;
  const host: RuntimeHost = {
    region: config.region,
    accountId: config.accountId,
    get endpointUrl() {
      return where.endpointUrl;
    },
    nodeClientPath: clients.nodeClientPath,
    pythonClientPath: clients.pythonClientPath,
    // Until IAM roles are enforced, functions call the local cloud with the root credentials.
    credentialsFor: () => rootCredentials,
  };
  const pool = new EnvironmentPool({
    host,
    logs,
    idleTimeoutMs: config.idleTimeoutMs,
    maxEnvironments: config.maxEnvironments,
  });
  const deployments = new Deployments(path.join(config.stateDir, 'build'), config.watch, {
    onChanged: (fn, state) => {
      pool.retire(fn.functionName);
      const status = state.buildFailure
        ? `build failed:\n${state.buildFailure.message}`
        : 'rebuilt; new code runs from the next invocation';
      console.log(`[local-cloud] ${fn.functionName}: ${status}`);
    },
  });
  await deployments.deployAll(stack.functions);

  const lambda = new LambdaService({
    where,
    deployments,
    pool,
    authorizer: new RootOnlyAuthorizer(),
    stateDir: config.stateDir,
    retryDelayScale: config.retryDelayScale,
  });
  const front = new FrontDoor({
    host: config.host,
    port: config.port,
    services: [lambda, new LogsService(logs, where)],
    credentials: new RootCredentials(rootCredentials, config.accountId),
    region: config.region,
  });
  where.endpointUrl = await front.listen();
  const replayed = await lambda.async.open();

  let stopping: Promise<void> | undefined;
  return {
    url: where.endpointUrl,
    stack,
    summary: startupSummary(stack, deployments, replayed),
    stop: () => {
      stopping ??= (async () => {
        await front.close();
        await pool.close();
        await lambda.async.close();
        await deployments.close();
        // esbuild's service process would otherwise outlive us for a moment, unreaped.
        await esbuild.stop();
        logs.close();
      })();
      return stopping;
    },
  };
}
