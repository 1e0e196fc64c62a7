import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll } from 'vitest';
import { RootCredentials } from '../../../../src/core/auth/caller.js';
import { FrontDoor } from '../../../../src/core/server/front-door.js';
import { DynamoDbService } from '../../../../src/services/dynamodb/dynamodb-service.js';
import { DynamoDbLocal } from '../../../../src/services/dynamodb/local/dynamodb-local.js';
import { type PostAnswer, signedPost } from '../../../support/http.js';

export const REGION = 'eu-west-3';
export const ACCOUNT = '123456789012';
export const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** DynamoDB Local behind a front door that holds only the DynamoDB service. */
export interface DynamoDbFixture {
  readonly local: DynamoDbLocal;
  readonly service: DynamoDbService;
  /** The front door's endpoint. */
  readonly url: string;
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
}

export interface RunningDynamoDb extends DynamoDbFixture {
  stop(): Promise<void>;
}

/** Starts DynamoDB Local on `dataDir` (a new temporary folder by default) behind a front door. */
export async function startDynamoDb(
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'ddb-proxy-')),
): Promise<RunningDynamoDb> {
  const local = await DynamoDbLocal.start({ dataDir });
  const service = new DynamoDbService({ database: local, region: REGION, accountId: ACCOUNT });
  const front = new FrontDoor({
    host: '127.0.0.1',
    port: 0,
    services: [service],
    credentials: new RootCredentials(CREDENTIALS, ACCOUNT),
    region: REGION,
  });
  const url = await front.listen();
  const config = { endpoint: url, region: REGION, credentials: CREDENTIALS };
  const dynamodb = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  return {
    local,
    service,
    url,
    dynamodb,
    streams,
    async stop() {
      await front.close();
      service.close();
      dynamodb.destroy();
      streams.destroy();
      await local.stop();
    },
  };
}

/** A running DynamoDB for one test file: started before its tests, stopped after them. */
export function useDynamoDb(): DynamoDbFixture {
  let running: RunningDynamoDb | undefined;
  beforeAll(async () => {
    running = await startDynamoDb();
  });
  afterAll(async () => {
    await running?.stop();
  });
  const get = () => {
    if (!running) throw new Error('DynamoDB is not started: use the fixture inside a test');
    return running;
  };
  return {
    get local() {
      return get().local;
    },
    get service() {
      return get().service;
    },
    get url() {
      return get().url;
    },
    get dynamodb() {
      return get().dynamodb;
    },
    get streams() {
      return get().streams;
    },
  };
}

/** A table name no other test of the file uses. */
export function uniqueTableName(prefix = 'Table'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A CreateTable input with a string hash key `pk` (and a sort key `sk` when asked). */
export function tableInput(
  TableName: string,
  extra: Partial<CreateTableCommandInput> & { sortKey?: boolean } = {},
): CreateTableCommandInput {
  const { sortKey, ...rest } = extra;
  return {
    TableName,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      ...(sortKey ? [{ AttributeName: 'sk', KeyType: 'RANGE' as const }] : []),
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      ...(sortKey ? [{ AttributeName: 'sk', AttributeType: 'S' as const }] : []),
    ],
    BillingMode: 'PAY_PER_REQUEST',
    ...rest,
  };
}

export type RawAnswer = PostAnswer;

/**
 * Sends an awsJson request as the SDK would, signed (with `secret`, default the right one) or not
 * (`unsigned`), to see what goes over the wire.
 */
export function rawCall(
  url: string,
  target: string,
  input: unknown,
  options: { unsigned?: boolean; secret?: string } = {},
): Promise<RawAnswer> {
  return signedPost(url, {
    service: 'dynamodb',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
    body: JSON.stringify(input),
    credentials: options.unsigned
      ? undefined
      : { ...CREDENTIALS, secretAccessKey: options.secret ?? CREDENTIALS.secretAccessKey },
    region: REGION,
  });
}
