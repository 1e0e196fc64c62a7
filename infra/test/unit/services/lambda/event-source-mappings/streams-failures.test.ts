import { describe, expect, it } from 'vitest';
import type { EventSourceMappings } from '../../../../../src/services/lambda/event-source-mappings/event-source-mappings.js';
import {
  failedEvent,
  mapping,
  RecordingFunction,
  sleep,
  streamsSuite,
  tempDir,
  until,
} from './streams-fixture.js';

const suite = streamsSuite();

const ON_FAILURE = {
  type: 'S3' as const,
  arn: 'arn:aws:s3:::failed-batches',
  bucketName: 'failed-batches',
};
const UUID_PATTERN = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Writes the keys, then starts the mapping, so that they arrive as one batch. */
async function deliver(
  keys: string[],
  fn: RecordingFunction,
  overrides: Parameters<typeof mapping>[1] = {},
): Promise<{ table: string; mappings: EventSourceMappings; streamArn: string; uuid: string }> {
  const table = await suite.ddb.table();
  for (const key of keys) await suite.ddb.put(table, key);
  const definition = mapping(table, overrides);
  const mappings = await suite.started(suite.ddb.mappings([definition], fn, tempDir()));
  return { table, mappings, streamArn: await suite.ddb.streamArn(table), uuid: definition.uuid };
}

describe('DynamoDB stream → Lambda failures, against DynamoDB Local', () => {
  it('retries a failing batch, then writes it to the OnFailure bucket after MaximumRetryAttempts and moves on', async () => {
    const fn = new RecordingFunction();
    fn.behave = (invocation) => (invocation.keys.includes('poison') ? 'error' : 'ok');
    const { table, mappings, streamArn, uuid } = await deliver(['poison'], fn, {
      maximumRetryAttempts: 2,
      failureDestination: ON_FAILURE,
    });

    await until(() => fn.failures.length === 1);
    await suite.ddb.put(table, 'next');
    mappings.nudge(table);
    await until(() => fn.delivered().includes('next'));

    expect(fn.delivered()).toEqual(['poison', 'poison', 'poison', 'next']);
    const [{ target, key, record }] = fn.failures as [(typeof fn.failures)[0]];
    expect(target).toEqual(ON_FAILURE);
    const shardId = (record.DDBStreamBatchInfo as { shardId: string }).shardId;
    expect(key).toMatch(
      new RegExp(
        `^aws/lambda/${uuid}/${shardId}/\\d{4}/\\d\\d/\\d\\d/\\d{4}-\\d\\d-\\d\\dT\\d\\d\\.\\d\\d\\.\\d\\d-${UUID_PATTERN}$`,
      ),
    );
    // The whole event of the last failed invocation, as the function received it.
    expect(record.payload).toBe(fn.invocations[2]?.event);
    expect(failedEvent(record).Records.map((r) => r.dynamodb.Keys.pk?.S)).toEqual(['poison']);
    const sequenceNumber = fn.invocations[0]?.records[0]?.dynamodb.SequenceNumber;
    expect(record).toMatchObject({
      requestContext: {
        functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:on-change',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      DDBStreamBatchInfo: {
        shardId: expect.stringMatching(/^shardId-/),
        startSequenceNumber: sequenceNumber,
        endSequenceNumber: sequenceNumber,
        approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        batchSize: 1,
        streamArn,
      },
    });
    expect(mappings.list({}).EventSourceMappings[0]?.LastProcessingResult).toBe('OK');
  });

  it('bisects a failing batch so that only the bad record is given up', async () => {
    const fn = new RecordingFunction();
    fn.behave = (invocation) => (invocation.keys.includes('k2') ? 'error' : 'ok');

    await deliver(['k0', 'k1', 'k2', 'k3'], fn, {
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 0,
      failureDestination: ON_FAILURE,
    });
    await until(() => fn.delivered().includes('k3') && fn.invocations.at(-1)?.keys.join() === 'k3');

    expect(fn.invocations.map((invocation) => invocation.keys)).toEqual([
      ['k0', 'k1', 'k2', 'k3'],
      ['k0', 'k1'],
      ['k2', 'k3'],
      ['k2'],
      ['k3'],
    ]);
    expect(fn.failures.map((failure) => failure.record.DDBStreamBatchInfo)).toEqual([
      expect.objectContaining({ batchSize: 1 }),
    ]);
    const [failure] = fn.failures as [(typeof fn.failures)[0]];
    expect(failedEvent(failure.record).Records.map((r) => r.dynamodb.Keys.pk?.S)).toEqual(['k2']);
    expect(failure.record.payload).toBe(fn.invocations[3]?.event);
  });

  it('resumes at the earliest failed item a function reports, without redelivering the ones before', async () => {
    const fn = new RecordingFunction();
    let reported = false;
    fn.behave = () => {
      if (reported) return 'ok';
      reported = true;
      return { batchItemFailures: ['k3', 'k2'] };
    };

    await deliver(['k0', 'k1', 'k2', 'k3', 'k4'], fn, { reportBatchItemFailures: true });
    await until(() => fn.invocations.length >= 2);
    await sleep(300);

    expect(fn.invocations.map((invocation) => invocation.keys)).toEqual([
      ['k0', 'k1', 'k2', 'k3', 'k4'],
      ['k2', 'k3', 'k4'],
    ]);
  });

  it('retries throttled batches without counting them against MaximumRetryAttempts', async () => {
    const fn = new RecordingFunction();
    fn.behave = () => (fn.invocations.length <= 3 ? 'throttle' : 'ok');

    const { mappings } = await deliver(['k0'], fn, {
      maximumRetryAttempts: 0,
      failureDestination: ON_FAILURE,
    });
    await until(() => fn.invocations.length >= 4);
    await sleep(200);

    expect(fn.invocations).toHaveLength(4);
    expect(fn.failures).toEqual([]);
    expect(mappings.list({}).EventSourceMappings[0]?.LastProcessingResult).toBe('OK');
  });

  it('stops retrying a batch once an update allows no more attempts', async () => {
    const fn = new RecordingFunction();
    fn.behave = () => 'error';
    const { mappings } = await deliver(['k0'], fn, { failureDestination: ON_FAILURE });
    await until(() => fn.invocations.length >= 2);
    expect(mappings.list({}).EventSourceMappings[0]?.LastProcessingResult).toBe(
      'PROBLEM: Function call failed',
    );

    const uuid = mappings.list({}).EventSourceMappings[0]?.UUID as string;
    await mappings.update(uuid, { MaximumRetryAttempts: 0 });
    await until(() => fn.failures.length === 1);

    expect(fn.failures[0]?.record).toMatchObject({ requestContext: { condition: 'RetryAttemptsExhausted' } });
    expect(fn.failures[0]?.record.payload).toBe(fn.invocations.at(-1)?.event);
  });
});
