import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import * as esbuild from 'esbuild';
import type { LocalCloudConfig } from './config.js';
import { AllowAllAuthorizer, type Authorizer } from './core/auth/authorizer.js';
import { RootCredentials } from './core/auth/caller.js';
import { CredentialStores } from './core/auth/credential-stores.js';
import { FrontDoor } from './core/server/front-door.js';
import { loadStack } from './registry/load-stack.js';
import { CloudFormationService } from './services/cloudformation/cloudformation-service.js';
import { CognitoIdentityService } from './services/cognito-identity/cognito-identity-service.js';
import { DynamoDbService } from './services/dynamodb/dynamodb-service.js';
import { ensureTables } from './services/dynamodb/ensure-tables.js';
import type { DynamoDbLocal } from './services/dynamodb/local/dynamodb-local.js';
import { OnDemandDynamoDb } from './services/dynamodb/local/on-demand.js';
import { FunctionCredentials } from './services/iam/function-credentials.js';
import { IamAuthorizer } from './services/iam/iam-authorizer.js';
import { TemporaryCredentials } from './services/iam/temporary-credentials.js';
import { EventSourceMappings } from './services/lambda/event-source-mappings/event-source-mappings.js';
import { toSyncInvokeResult } from './services/lambda/event-source-mappings/sync-invoke.js';
import { LambdaService } from './services/lambda/lambda-service.js';
import { Deployments } from './services/lambda/packaging/deployments.js';
import { EnvironmentPool } from './services/lambda/runtime/environment-pool.js';
import type { RuntimeHost } from './services/lambda/runtime/launch.js';
import { bundleRuntimeClients } from './services/lambda/runtime/runtime-clients.js';
import { LogsService } from './services/logs/logs-service.js';
import { LogStore } from './services/logs/store/store.js';
import { ensureBuckets } from './services/s3/buckets/template-buckets.js';
import type { BucketConfiguration, S3Context } from './services/s3/context.js';
import { checkNotificationPermissions } from './services/s3/notifications/notification-permissions.js';
import { S3Notifier } from './services/s3/notifications/notifications.js';
import { S3Service } from './services/s3/s3-service.js';
import { putServiceObject } from './services/s3/service-objects.js';
import { ObjectStore } from './services/s3/store/object-store.js';
import { Outbox } from './services/ses/outbox.js';
import { SesService } from './services/ses/ses-service.js';
import type { StackDefinition } from './stack/types.js';
import { startupSummary } from './startup-summary.js';

/** Creates the template's tables, talking to DynamoDB Local directly (the front door is not up yet). */
async function ensureTemplateTables(local: DynamoDbLocal, stack: StackDefinition) {
  const direct = new DynamoDBClient(local.clientConfig());
  try {
    return await ensureTables(direct, stack.tables);
  } finally {
    direct.destroy();
  }
}

const NO_IAM_WARNING =
  "!!! IAM IS OFF (--no-iam): every signed request is allowed, whatever the template's policies say. Signatures are still verified. !!!";

export interface RunningLocalCloud {
  url: string;
  stack: StackDefinition;
  /** What to print at start: the functions, what the template has that is not supported, problems. */
  summary: string;
  stop(): Promise<void>;
}

/**
 * Starts the local cloud: reads the template, starts DynamoDB Local and builds the functions side by
 * side, makes the template's buckets and tables exist, serves every service on one endpoint, then
 * starts the stream pollers. Resolves once requests are accepted.
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
    // A free port (0, for tests) is known only once listening: buckets' WebsiteURL then keeps AWS's form.
    ...(config.port !== 0 && { websitePort: config.port }),
  });
  const database = new OnDemandDynamoDb(path.join(config.stateDir, 'dynamodb'));
  // The JVM takes a second or two to start: when the stack needs it, it does so while the functions are built.
  const databaseStarting = stack.tables.length > 0 ? database.start() : undefined;
  databaseStarting?.catch(() => {});
  const stopping: Array<() => Promise<void> | void> = [() => database.stop()];
  try {
    return await assemble(config, stack, where, database, databaseStarting, stopping);
  } catch (error) {
    for (const stop of stopping.reverse()) await stop();
    throw error;
  }
}

async function assemble(
  config: LocalCloudConfig,
  stack: StackDefinition,
  where: { region: string; accountId: string; endpointUrl: string },
  database: OnDemandDynamoDb,
  databaseStarting: Promise<DynamoDbLocal> | undefined,
  stopping: Array<() => Promise<void> | void>,
): Promise<RunningLocalCloud> {
  const clients = await bundleRuntimeClients(
    path.join(config.stateDir, 'runtime'),
    path.join(config.stateDir, 'build'),
  );
  const logs = new LogStore(config.stateDir);
  stopping.push(() => logs.close());
  const rootCredentials = config.rootCredentials;
  // Who may sign: the account's root user, and the role sessions Cognito hands out.
  const temporaryCredentials = new TemporaryCredentials({
    stateDir: config.stateDir,
    accountId: config.accountId,
  });
  const credentials = new CredentialStores(
    new RootCredentials(rootCredentials, config.accountId),
    temporaryCredentials,
  );
  const iam = new IamAuthorizer({ roles: stack.roles, resourcePolicies: stack.resourcePolicies });
  if (config.iam) checkNotificationPermissions(stack.buckets, iam, config.accountId);
  const authorizer: Authorizer = config.iam ? iam : new AllowAllAuthorizer();
  // Functions call the local cloud with their own role's credentials, so their policies decide.
  const functionCredentials = new FunctionCredentials(temporaryCredentials, stack.roles);
  await functionCredentials.prepare(stack.functions);
  const host: RuntimeHost = {
    region: config.region,
    accountId: config.accountId,
    get endpointUrl() {
      return where.endpointUrl;
    },
    nodeClientPath: clients.nodeClientPath,
    pythonClientPath: clients.pythonClientPath,
    credentialsFor: (fn) => functionCredentials.for(fn),
  };
  const pool = new EnvironmentPool({
    host,
    logs,
    idleTimeoutMs: config.idleTimeoutMs,
    maxEnvironments: config.maxEnvironments,
  });
  stopping.push(() => pool.close());
  const deployments = new Deployments(path.join(config.stateDir, 'build'), config.watch, {
    onChanged: (fn, state) => {
      pool.retire(fn.functionName);
      const status = state.buildFailure
        ? `build failed:\n${state.buildFailure.message}`
        : 'rebuilt; new code runs from the next invocation';
      console.log(`[local-cloud] ${fn.functionName}: ${status}`);
    },
  });
  stopping.push(async () => {
    await deployments.close();
    // esbuild's service process would otherwise outlive us for a moment, unreaped.
    await esbuild.stop();
  });
  await deployments.deployAll(stack.functions);

  const lambda = new LambdaService({
    where,
    deployments,
    pool,
    authorizer,
    stateDir: config.stateDir,
    retryDelayScale: config.retryDelayScale,
  });
  stopping.push(() => lambda.async.close());

  const store = new ObjectStore<BucketConfiguration>(config.stateDir);
  await store.open();
  stopping.push(() => store.close());
  const s3: S3Context = {
    store,
    notifier: new S3Notifier(
      (functionName, payload) => lambda.async.accept(functionName, payload),
      config.region,
      config.accountId,
    ),
    credentials,
    authorizer,
    region: config.region,
    accountId: config.accountId,
  };
  await ensureBuckets(s3, stack.buckets);

  const dynamodb = new DynamoDbService({
    database: () => database.forRequest(),
    region: config.region,
    accountId: config.accountId,
    authorizer,
  });
  stopping.push(() => dynamodb.close());
  const tables = databaseStarting ? await ensureTemplateTables(await databaseStarting, stack) : undefined;

  const cognito = new CognitoIdentityService({
    pools: stack.identityPools,
    roles: stack.roles,
    region: config.region,
    accountId: config.accountId,
    stateDir: config.stateDir,
    credentials: temporaryCredentials,
    authorizer,
  });

  // Sent mail is kept here instead of being delivered; tests and the web app read it over HTTP.
  const ses = new SesService({
    identities: stack.emailIdentities,
    outbox: await Outbox.open(path.join(config.stateDir, 'ses', 'outbox')),
    authorizer,
    region: config.region,
    accountId: config.accountId,
  });

  const front = new FrontDoor({
    host: config.host,
    port: config.port,
    // S3 last: it claims the unsigned requests no other service recognises (SES's outbox route is
    // claimed before it gets the chance).
    services: [
      lambda,
      new LogsService(logs, where, authorizer),
      dynamodb,
      cognito,
      ses,
      new CloudFormationService({ ...stack, createdAt: new Date() }, authorizer),
      new S3Service(s3),
    ],
    credentials,
    region: config.region,
  });
  where.endpointUrl = await front.listen();
  stopping.push(() => front.close());
  const replayed = await lambda.async.open();

  // The pollers read streams as Lambda's do, through the public endpoint (ARNs and records as AWS shows them).
  const viaEndpoint = { endpoint: where.endpointUrl, region: config.region, credentials: rootCredentials };
  const streamsClient = new DynamoDBStreamsClient(viaEndpoint);
  const tablesClient = new DynamoDBClient(viaEndpoint);
  const mappings = new EventSourceMappings({
    stateDir: config.stateDir,
    region: config.region,
    accountId: config.accountId,
    mappings: stack.eventSourceMappings,
    streams: streamsClient,
    dynamodb: tablesClient,
    invoke: (name, payload, requestId) =>
      lambda.invokeInternally(name, payload, requestId).then(toSyncInvokeResult),
    deliverFailure: (target, delivery) =>
      putServiceObject(s3, target.bucketName, delivery.key, delivery.body),
    retryDelayScale: config.retryDelayScale,
  });
  dynamodb.onTableWrite((tableName) => mappings.nudge(tableName));
  await mappings.start();
  lambda.eventSourceMappings = mappings;
  stopping.push(async () => {
    await mappings.close();
    streamsClient.destroy();
    tablesClient.destroy();
  });

  let stopped: Promise<void> | undefined;
  return {
    url: where.endpointUrl,
    stack,
    summary:
      (config.iam ? '' : `${NO_IAM_WARNING}\n`) +
      startupSummary(stack, deployments, replayed, where.endpointUrl, tables?.warnings),
    stop: () => {
      // Last started, first stopped: the front door closes before what it routes to.
      stopped ??= (async () => {
        for (const stop of stopping.reverse()) await stop();
      })();
      return stopped;
    },
  };
}
