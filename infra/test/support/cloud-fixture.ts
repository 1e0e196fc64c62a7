import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { EVENT_STACK_TEMPLATE, type StartedCloud, startCloud } from './local-cloud.js';

/** A local cloud shared by one test file: started before its tests, stopped after them. */
export interface CloudFixture {
  readonly cloud: StartedCloud;
  /** A Lambda client signed with the root credentials, made once. */
  readonly lambda: LambdaClient;
  /** A CloudWatch Logs client, made once. */
  readonly logs: CloudWatchLogsClient;
  /** An S3 client (path-style), made once. */
  readonly s3: S3Client;
  /** A DynamoDB client, made once. */
  readonly dynamodb: DynamoDBClient;
}

export function useCloud(
  options: Parameters<typeof startCloud>[0] | (() => Parameters<typeof startCloud>[0]) = {},
): CloudFixture {
  let started: StartedCloud | undefined;
  let lambda: LambdaClient | undefined;
  let logs: CloudWatchLogsClient | undefined;
  let s3: S3Client | undefined;
  let dynamodb: DynamoDBClient | undefined;
  beforeAll(async () => {
    started = await startCloud(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get cloud() {
      if (!started) throw new Error('the local cloud is not started: use the fixture inside a test');
      return started;
    },
    get lambda() {
      lambda ??= this.cloud.lambda();
      return lambda;
    },
    get logs() {
      logs ??= this.cloud.logs();
      return logs;
    },
    get s3() {
      s3 ??= this.cloud.s3();
      return s3;
    },
    get dynamodb() {
      dynamodb ??= this.cloud.dynamodb();
      return dynamodb;
    },
  };
}

/**
 * The event stack (fixtures/event-stack: buckets, a table, functions that record their events) for
 * one test file, with the folder where its functions write what they received.
 */
export function useEventStack(name: string, args: string[] = []): CloudFixture & { records: string } {
  const records = mkdtempSync(path.join(os.tmpdir(), `${name}-records-`));
  const fixture = useCloud({
    template: EVENT_STACK_TEMPLATE,
    args: ['--parameter', `RecordDir=${records}`, ...args],
  });
  return Object.assign(fixture, { records });
}
