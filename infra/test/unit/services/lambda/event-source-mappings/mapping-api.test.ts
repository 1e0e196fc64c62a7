import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { EventSourceMappings } from '../../../../../src/services/lambda/event-source-mappings/event-source-mappings.js';
import type { EventSourceMappingDefinition } from '../../../../../src/stack/types.js';
import { mapping } from './streams-fixture.js';

const WHERE = { region: 'us-east-1', accountId: '123456789012' };

function definition(overrides: Partial<EventSourceMappingDefinition> = {}): EventSourceMappingDefinition {
  return mapping('items', {
    logicalId: 'OnItemChangeStream',
    uuid: '6b0a2f3e-2f54-4c3c-9a4b-000000000001',
    functionName: 'on-item-change',
    ...overrides,
  });
}

/** The API side only: never started, so the clients are never called. */
function mappings(definitions: EventSourceMappingDefinition[], stateDir = freshDir()): EventSourceMappings {
  return new EventSourceMappings({
    ...WHERE,
    stateDir,
    mappings: definitions,
    streams: {} as DynamoDBStreamsClient,
    dynamodb: {} as DynamoDBClient,
    invoke: async () => ({ kind: 'missing' }),
    deliverFailure: async () => undefined,
  });
}

function freshDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'esm-api-'));
}

async function error(promise: Promise<unknown> | (() => unknown)): Promise<unknown> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (caught) {
    return caught;
  }
  throw new Error('expected an error');
}

describe('event source mappings through the Lambda API', () => {
  it('shows a template mapping as GetEventSourceMapping does', () => {
    const api = mappings([
      definition({
        failureDestination: { type: 'S3', arn: 'arn:aws:s3:::failed-batches', bucketName: 'failed-batches' },
        filterPatterns: ['{"eventName":["INSERT"]}'],
      }),
    ]);

    const shown = api.get('6b0a2f3e-2f54-4c3c-9a4b-000000000001');

    expect(shown).toEqual({
      UUID: '6b0a2f3e-2f54-4c3c-9a4b-000000000001',
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      EventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/items',
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:on-item-change',
      LastModified: expect.any(Number),
      LastProcessingResult: 'No records processed',
      State: 'Enabled',
      StateTransitionReason: 'User action',
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::failed-batches' } },
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      EventSourceMappingArn:
        'arn:aws:lambda:us-east-1:123456789012:event-source-mapping:6b0a2f3e-2f54-4c3c-9a4b-000000000001',
    });
    // Epoch seconds on the wire, not an ISO date.
    expect(Math.abs((shown.LastModified as number) - Date.now() / 1000)).toBeLessThan(60);
  });

  it('answers an unknown UUID with Lambda’s 404', async () => {
    const api = mappings([definition()]);

    expect(await error(() => api.get('nope'))).toMatchObject({
      code: 'ResourceNotFoundException',
      status: 404,
      message: 'The resource you requested does not exist.',
    });
    expect(await error(api.update('nope', { Enabled: false }))).toMatchObject({
      code: 'ResourceNotFoundException',
    });
  });

  it('lists by function and by stream, in pages', () => {
    const api = mappings([
      definition(),
      definition({ uuid: 'u2', logicalId: 'B', functionName: 'other' }),
      definition({ uuid: 'u3', logicalId: 'C', tableName: 'photos' }),
    ]);

    const byFunction = api.list({
      functionName: 'arn:aws:lambda:us-east-1:123456789012:function:on-item-change',
    });
    const byTable = api.list({ eventSourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/photos' });
    const first = api.list({ maxItems: 2 });
    const second = api.list({ maxItems: 2, marker: first.NextMarker });

    expect(byFunction.EventSourceMappings.map((m) => m.UUID)).toEqual([
      '6b0a2f3e-2f54-4c3c-9a4b-000000000001',
      'u3',
    ]);
    expect(byTable.EventSourceMappings.map((m) => m.UUID)).toEqual(['u3']);
    expect(first.EventSourceMappings.map((m) => m.UUID)).toEqual([
      '6b0a2f3e-2f54-4c3c-9a4b-000000000001',
      'u2',
    ]);
    expect(second).toEqual({ EventSourceMappings: [expect.objectContaining({ UUID: 'u3' })] });
  });

  it('applies an update and shows the transition, as Lambda answers UpdateEventSourceMapping', async () => {
    const api = mappings([definition()]);
    /** Every setting the update changes, which the answer shows as it was sent. */
    const changed = {
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 2,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["REMOVE"]}' }] },
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::dlq-bucket' } },
    };

    const answer = await api.update('6b0a2f3e-2f54-4c3c-9a4b-000000000001', { Enabled: false, ...changed });

    expect(answer).toMatchObject({ State: 'Disabling', ...changed });
    await expect.poll(() => api.get('6b0a2f3e-2f54-4c3c-9a4b-000000000001').State).toBe('Disabled');
  });

  it('removes filters and the destination when given empty ones', async () => {
    const api = mappings([
      definition({
        filterPatterns: ['{"eventName":["INSERT"]}'],
        failureDestination: { type: 'S3', arn: 'arn:aws:s3:::f-bucket', bucketName: 'f-bucket' },
      }),
    ]);

    const answer = await api.update('6b0a2f3e-2f54-4c3c-9a4b-000000000001', {
      FilterCriteria: {},
      DestinationConfig: { OnFailure: {} },
    });

    expect(answer.FilterCriteria).toBeUndefined();
    expect(answer.DestinationConfig).toEqual({ OnFailure: {} });
    expect(answer.State).toBe('Updating');
  });

  it.each([
    [
      { BatchSize: 0 },
      'ValidationException',
      /Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    ],
    [
      { BatchSize: 10_001, MaximumRetryAttempts: -2 },
      'ValidationException',
      /^2 validation errors detected: /,
    ],
    [{ MaximumBatchingWindowInSeconds: 301 }, 'ValidationException', /maximumBatchingWindowInSeconds/],
    [
      { FunctionResponseTypes: ['Everything'] },
      'ValidationException',
      /enum value set: \[ReportBatchItemFailures\]/,
    ],
    [{ MaximumRecordAgeInSeconds: 30 }, 'InvalidParameterValueException', /between 60 and 604800/],
    [{ BatchSize: 'ten' }, 'InvalidParameterValueException', /BatchSize/],
    [
      { FilterCriteria: { Filters: [{ Pattern: '{"a":' }] } },
      'InvalidParameterValueException',
      /^Invalid filter pattern definition\.$/,
    ],
    [
      { DestinationConfig: { OnSuccess: { Destination: 'arn:aws:sqs:us-east-1:123456789012:q' } } },
      'InvalidParameterValueException',
      /Unsupported DestinationConfig/,
    ],
    [
      {
        DestinationConfig: { OnFailure: { Destination: 'arn:aws:lambda:us-east-1:123456789012:function:f' } },
      },
      'InvalidParameterValueException',
      /^The destination ARN arn:aws:lambda:us-east-1:123456789012:function:f is invalid\.$/,
    ],
    [
      { DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::Not_A_Bucket' } } },
      'InvalidParameterValueException',
      /^The destination ARN arn:aws:s3:::Not_A_Bucket is invalid\.$/,
    ],
    [
      { DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::bucket/prefix' } } },
      'InvalidParameterValueException',
      /is invalid/,
    ],
    [
      { DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:us-east-1:123456789012:bucket' } } },
      'InvalidParameterValueException',
      /is invalid/,
    ],
    [
      {
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:events:us-east-1:123456789012:event-bus/b' },
        },
      },
      'InvalidParameterValueException',
      /is invalid/,
    ],
    [
      { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:q' } } },
      'InvalidParameterValueException',
      /^The local cloud does not deliver OnFailure records to SQS queues .*S3 bucket/,
    ],
    [
      { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sns:us-east-1:123456789012:t' } } },
      'InvalidParameterValueException',
      /^The local cloud does not deliver OnFailure records to SNS topics /,
    ],
    [{ ParallelizationFactor: 2 }, 'InvalidParameterValueException', /ParallelizationFactor/],
    [{ FunctionName: 'another-function' }, 'InvalidParameterValueException', /template/],
  ])('refuses %j', async (patch, code, message) => {
    const api = mappings([definition()]);

    const caught = await error(api.update('6b0a2f3e-2f54-4c3c-9a4b-000000000001', patch));

    expect(caught).toMatchObject({ code, status: 400 });
    expect((caught as Error).message).toMatch(message);
    expect(api.get('6b0a2f3e-2f54-4c3c-9a4b-000000000001').BatchSize).toBe(100);
  });

  it('keeps an update across restarts while the template says the same', async () => {
    const stateDir = freshDir();
    await mappings([definition()], stateDir).update('6b0a2f3e-2f54-4c3c-9a4b-000000000001', {
      Enabled: false,
      BatchSize: 7,
    });

    const restarted = mappings([definition()], stateDir).get('6b0a2f3e-2f54-4c3c-9a4b-000000000001');

    expect(restarted).toMatchObject({ State: 'Disabled', BatchSize: 7 });
  });

  it('keeps a destination set through the API across restarts', async () => {
    const stateDir = freshDir();
    await mappings([definition()], stateDir).update('6b0a2f3e-2f54-4c3c-9a4b-000000000001', {
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::kept-bucket' } },
    });

    const restarted = mappings([definition()], stateDir).get('6b0a2f3e-2f54-4c3c-9a4b-000000000001');

    expect(restarted.DestinationConfig).toEqual({ OnFailure: { Destination: 'arn:aws:s3:::kept-bucket' } });
  });

  it('drops a Lambda function destination stored by an earlier version, keeping the rest', async () => {
    const stateDir = freshDir();
    // Disabled, so that starting polls nothing: start() only stores what was loaded.
    const disabled = definition({ enabled: false });
    await mappings([disabled], stateDir).update('6b0a2f3e-2f54-4c3c-9a4b-000000000001', { BatchSize: 7 });
    const file = path.join(stateDir, 'events', 'mappings.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { settings: object }>;
    const entry = stored['6b0a2f3e-2f54-4c3c-9a4b-000000000001'] as { settings: Record<string, unknown> };
    entry.settings.onFailure = {
      type: 'Lambda',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:failures',
      functionName: 'failures',
    };
    writeFileSync(file, JSON.stringify(stored));

    const api = mappings([disabled], stateDir);
    await api.start();
    const restarted = api.get('6b0a2f3e-2f54-4c3c-9a4b-000000000001');
    await api.close();

    expect(restarted).toMatchObject({
      State: 'Disabled',
      BatchSize: 7,
      DestinationConfig: { OnFailure: {} },
    });
    const rewritten = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { settings: object }>;
    expect(rewritten['6b0a2f3e-2f54-4c3c-9a4b-000000000001']?.settings).not.toHaveProperty('onFailure');
  });

  it('lets a changed template definition win over a stored update', async () => {
    const stateDir = freshDir();
    await mappings([definition()], stateDir).update('6b0a2f3e-2f54-4c3c-9a4b-000000000001', {
      Enabled: false,
      BatchSize: 7,
    });

    const redeployed = mappings([definition({ batchSize: 25 })], stateDir).get(
      '6b0a2f3e-2f54-4c3c-9a4b-000000000001',
    );

    expect(redeployed).toMatchObject({ State: 'Enabled', BatchSize: 25 });
  });
});
