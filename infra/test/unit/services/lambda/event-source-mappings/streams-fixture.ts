import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type AttributeValue,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DynamoDbLocal } from '../../../../../src/services/dynamodb/local/dynamodb-local.js';
import {
  EventSourceMappings,
  type EventSourceMappingsOptions,
} from '../../../../../src/services/lambda/event-source-mappings/event-source-mappings.js';
import type { MappingSettings } from '../../../../../src/services/lambda/event-source-mappings/mapping-settings.js';
import type { SyncInvokeResult } from '../../../../../src/services/lambda/event-source-mappings/sync-invoke.js';
import type {
  EventSourceMappingDefinition,
  StreamFailureDestination,
} from '../../../../../src/stack/types.js';

/**
 * Stream mappings against a real DynamoDB Local, addressed directly (its ARNs say `ddblocal`; the
 * records must say the stack's region all the same).
 */
export const WHERE = { region: 'eu-west-1', accountId: '123456789012' };

export interface StreamRecordEvent {
  eventID: string;
  eventName: string;
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Record<string, Record<string, unknown>>;
    NewImage?: Record<string, Record<string, unknown>>;
    OldImage?: Record<string, Record<string, unknown>>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
}

/** An object written to an OnFailure bucket: where, its key, and its content (parsed). */
export interface FailureObject {
  target: StreamFailureDestination;
  key: string;
  record: Record<string, unknown>;
}

export interface Invocation {
  functionName: string;
  requestId: string;
  /** The event's text, as the function received it. */
  event: string;
  records: StreamRecordEvent[];
  /** `pk` of each record, for short assertions. */
  keys: string[];
  startedAt: number;
}

/** The event in a failure object's `payload` (a JSON string, as Lambda writes it). */
export function failedEvent(record: Record<string, unknown>): { Records: StreamRecordEvent[] } {
  return JSON.parse(record.payload as string) as { Records: StreamRecordEvent[] };
}

/**
 * A stand-in for the Lambda service's synchronous invoke: it records each invocation's event and
 * answers as `behave` says — a result, a function error (as the runtime reports an uncaught Error), a
 * throttle — after a turn of the event loop, as a real invocation would.
 */
export class RecordingFunction {
  readonly invocations: Invocation[] = [];
  /** What `deliverFailure` was given: the S3 objects for discarded batches. */
  readonly failures: FailureObject[] = [];
  behave: (invocation: Invocation) => 'ok' | 'error' | 'throttle' | { batchItemFailures: string[] } = () =>
    'ok';

  invoke = async (functionName: string, payload: Buffer, requestId: string): Promise<SyncInvokeResult> => {
    const startedAt = performance.now();
    const text = payload.toString('utf8');
    const records = (JSON.parse(text) as { Records: StreamRecordEvent[] }).Records;
    const invocation = {
      functionName,
      requestId,
      event: text,
      records,
      keys: records.map((record) => String(record.dynamodb.Keys.pk?.S)),
      startedAt,
    };
    this.invocations.push(invocation);
    await new Promise((resolve) => setImmediate(resolve));
    const outcome = this.behave(invocation);
    if (outcome === 'throttle') return { kind: 'throttled' };
    if (outcome === 'error') {
      return {
        kind: 'function-error',
        errorType: 'Error',
        payload: Buffer.from(JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace: [] })),
      };
    }
    if (outcome === 'ok') return { kind: 'success', payload: Buffer.from('null') };
    const batchItemFailures = outcome.batchItemFailures.map((pk) => {
      const record = records.find((r) => r.dynamodb.Keys.pk?.S === pk);
      return { itemIdentifier: record?.dynamodb.SequenceNumber };
    });
    return { kind: 'success', payload: Buffer.from(JSON.stringify({ batchItemFailures })) };
  };

  readonly deliverFailure = async (
    target: StreamFailureDestination,
    delivery: { key: string; body: Buffer },
  ): Promise<void> => {
    const record = JSON.parse(delivery.body.toString('utf8')) as Record<string, unknown>;
    this.failures.push({ target, key: delivery.key, record });
  };

  /** Every key delivered, in order, across invocations. */
  delivered(): string[] {
    return this.invocations.flatMap((invocation) => invocation.keys);
  }

  /** Forgets what was recorded so far. */
  reset(): void {
    this.invocations.length = 0;
    this.failures.length = 0;
  }
}

export class StreamsFixture {
  private constructor(
    private readonly local: DynamoDbLocal,
    readonly dynamodb: DynamoDBClient,
    readonly streams: DynamoDBStreamsClient,
  ) {}

  static async start(): Promise<StreamsFixture> {
    const local = await DynamoDbLocal.start({ dataDir: tempDir('ddb-data-') });
    const config = {
      endpoint: local.endpoint,
      region: WHERE.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    return new StreamsFixture(local, new DynamoDBClient(config), new DynamoDBStreamsClient(config));
  }

  async stop(): Promise<void> {
    this.dynamodb.destroy();
    this.streams.destroy();
    await this.local.stop();
  }

  /** A new table `pk` (string) with a stream; returns its name. */
  async table(
    viewType: StreamViewType = 'NEW_AND_OLD_IMAGES',
    name = `t-${randomUUID().slice(0, 8)}`,
  ): Promise<string> {
    await this.dynamodb.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
      }),
    );
    return name;
  }

  async streamArn(table: string): Promise<string> {
    const output = await this.dynamodb.send(new DescribeTableCommand({ TableName: table }));
    return output.Table?.LatestStreamArn as string;
  }

  async put(table: string, pk: string, attributes: Record<string, AttributeValue> = {}): Promise<void> {
    await this.dynamodb.send(
      new PutItemCommand({ TableName: table, Item: { pk: { S: pk }, ...attributes } }),
    );
  }

  async delete(table: string, pk: string): Promise<void> {
    await this.dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: pk } } }));
  }

  /** Mappings on this DynamoDB Local, with fast retries; closed by the caller. */
  mappings(
    definitions: EventSourceMappingDefinition[],
    fn: RecordingFunction,
    stateDir: string,
    options: Partial<EventSourceMappingsOptions> = {},
  ): EventSourceMappings {
    return new EventSourceMappings({
      ...WHERE,
      stateDir,
      mappings: definitions,
      streams: this.streams,
      dynamodb: this.dynamodb,
      invoke: fn.invoke,
      deliverFailure: fn.deliverFailure,
      retryDelayScale: 0.001,
      refreshIntervalMs: 500,
      log: () => undefined,
      ...options,
    });
  }
}

/** A test file's DynamoDB Local and the mappings its tests start, closed after each test. */
export interface StreamsSuite {
  /** Started before the file's first test, stopped after its last. */
  readonly ddb: StreamsFixture;
  /** Starts the mappings; they are closed after the test unless `closed` closes them first. */
  started(mappings: EventSourceMappings): Promise<EventSourceMappings>;
  closed(mappings: EventSourceMappings): Promise<void>;
}

/** Registers the hooks of a test file of stream mappings against one DynamoDB Local. */
export function streamsSuite(): StreamsSuite {
  let ddb: StreamsFixture | undefined;
  const open: EventSourceMappings[] = [];
  beforeAll(async () => {
    ddb = await StreamsFixture.start();
  });
  afterAll(async () => {
    await ddb?.stop();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((mappings) => mappings.close()));
  });
  return {
    get ddb() {
      if (!ddb) throw new Error('DynamoDB Local is started in beforeAll');
      return ddb;
    },
    async started(mappings) {
      open.push(mappings);
      await mappings.start();
      return mappings;
    },
    async closed(mappings) {
      open.splice(open.indexOf(mappings), 1);
      await mappings.close();
    },
  };
}

/** The settings of a mapping that leaves every one of them at Lambda's default. */
export function defaultSettings(): MappingSettings {
  return {
    enabled: true,
    batchSize: 100,
    maximumBatchingWindowInSeconds: 0,
    maximumRetryAttempts: -1,
    maximumRecordAgeInSeconds: -1,
    bisectBatchOnFunctionError: false,
    reportBatchItemFailures: false,
    filterPatterns: [],
  };
}

/** A mapping of the table's stream to `on-change`, from the start, with Lambda's defaults. */
export function mapping(
  tableName: string,
  overrides: Partial<EventSourceMappingDefinition> = {},
): EventSourceMappingDefinition {
  return {
    logicalId: 'OnChange',
    uuid: randomUUID(),
    functionName: 'on-change',
    tableName,
    startingPosition: 'TRIM_HORIZON',
    ...defaultSettings(),
    ...overrides,
  };
}

export function tempDir(prefix = 'esm-state-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Waits until `check` holds (or 10 s pass); the test's own assertions then say what was expected. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
