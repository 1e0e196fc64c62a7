import { describe, expect, it } from 'vitest';
import {
  BatchRunner,
  type BatchRunnerOptions,
  type StreamEntry,
} from '../../../../../src/services/lambda/event-source-mappings/batch-runner.js';
import type { MappingSettings } from '../../../../../src/services/lambda/event-source-mappings/mapping-settings.js';
import { StopSignal } from '../../../../../src/services/lambda/event-source-mappings/signals.js';
import type { SyncInvokeResult } from '../../../../../src/services/lambda/event-source-mappings/sync-invoke.js';
import type { StreamFailureDestination } from '../../../../../src/stack/types.js';
import { defaultSettings } from './streams-fixture.js';

const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/items/stream/2026-01-01T00:00:00.000';
const MAPPING_UUID = '6b0a2f3e-2f54-4c3c-9a4b-000000000001';
const SHARD_ID = 'shardId-00000001767225600000-abcdef01';
const DESTINATION: StreamFailureDestination = {
  type: 'S3',
  arn: 'arn:aws:s3:::failed-batches',
  bucketName: 'failed-batches',
};

/** `aws/lambda/<mapping UUID>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<random UUID>` */
const FAILURE_KEY = new RegExp(
  `^aws/lambda/${MAPPING_UUID}/${SHARD_ID}/(\\d{4})/(\\d\\d)/(\\d\\d)/\\1-\\2-\\3T\\d\\d\\.\\d\\d\\.\\d\\d-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`,
);

/** A recorded S3 delivery: where it went, and its object's key and content (parsed). */
interface Delivery {
  target: StreamFailureDestination;
  key: string;
  body: string;
  record: Record<string, unknown>;
}

/** The record numbers in the failure object's `payload`, the invocation event of the failed records. */
function payloadNumbers(record: Record<string, unknown>): number[] {
  return (JSON.parse(record.payload as string) as { Records: Array<{ n: number }> }).Records.map((r) => r.n);
}

/**
 * Asserts that a failure object is about the records `numbers` (consecutive): its payload carries
 * them, its batch info spans them, and its request context has what is given.
 */
function expectFailureOf(
  record: Record<string, unknown> | undefined,
  numbers: number[],
  requestContext: Record<string, unknown>,
): void {
  expect(payloadNumbers(record ?? {})).toEqual(numbers);
  expect(record).toMatchObject({
    requestContext,
    DDBStreamBatchInfo: {
      startSequenceNumber: sequenceNumber(numbers[0] ?? 0),
      endSequenceNumber: sequenceNumber(numbers.at(-1) ?? 0),
      batchSize: numbers.length,
    },
  });
}

function sequenceNumber(n: number): string {
  return String(n).padStart(21, '0');
}

/** Records 1…count as the shard reader hands them over; the event carries `{n}` for each. */
function entries(count: number, writtenBy = Date.now()): StreamEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    sequenceNumber: sequenceNumber(i + 1),
    createdAt: 1_767_225_600 + i,
    writtenBy,
    json: JSON.stringify({ n: i + 1, dynamodb: { SequenceNumber: sequenceNumber(i + 1) } }),
  }));
}

const success = (payload: unknown = null): SyncInvokeResult => ({
  kind: 'success',
  payload: Buffer.from(JSON.stringify(payload)),
});
const functionError: SyncInvokeResult = {
  kind: 'function-error',
  errorType: 'Error',
  payload: Buffer.from('{"errorType":"Error","errorMessage":"boom"}'),
};
const failedItems = (...numbers: number[]) =>
  success({ batchItemFailures: numbers.map((n) => ({ itemIdentifier: sequenceNumber(n) })) });

/**
 * A runner around a fake function: `behave` gets the record numbers of each invocation (and how many
 * calls came before) and answers like the Lambda service would. Invocations, checkpoints and
 * OnFailure deliveries are recorded.
 */
function setUp(
  behave: (records: number[], call: number) => SyncInvokeResult,
  settings: Partial<MappingSettings> = {},
  extra: Partial<BatchRunnerOptions> = {},
) {
  const calls: number[][] = [];
  /** Each invocation's event, as the function received it. */
  const events: string[] = [];
  const commits: number[] = [];
  const failures: Delivery[] = [];
  const logs: string[] = [];
  const stop = new StopSignal();
  const current: MappingSettings = { ...defaultSettings(), failureDestination: DESTINATION, ...settings };
  const runner = new BatchRunner({
    mappingUuid: MAPPING_UUID,
    functionName: 'on-item',
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:on-item',
    shardId: SHARD_ID,
    streamArn: STREAM_ARN,
    settings: () => current,
    invoke: async (functionName, payload) => {
      expect(functionName).toBe('on-item');
      events.push(payload.toString());
      const records = (JSON.parse(payload.toString()) as { Records: Array<{ n: number }> }).Records.map(
        (r) => r.n,
      );
      calls.push(records);
      return behave(records, calls.length - 1);
    },
    deliverFailure: async (target, { key, body }) => {
      failures.push({ target, key, body: body.toString(), record: JSON.parse(body.toString()) });
    },
    commit: async (through) => {
      commits.push(Number(through.sequenceNumber));
    },
    report: () => undefined,
    stop,
    retryDelayScale: 0.001,
    log: (message) => logs.push(message),
    ...extra,
  });
  return { runner, calls, events, commits, failures, logs, stop, settings: current };
}

describe('running a batch of stream records', () => {
  it('invokes once with the batch and checkpoints its last record', async () => {
    const { runner, calls, commits } = setUp(() => success());

    const end = await runner.run(entries(3));

    expect(end).toEqual({ kind: 'done' });
    expect(calls).toEqual([[1, 2, 3]]);
    expect(commits).toEqual([3]);
  });

  it('retries the same batch after a function error until it succeeds', async () => {
    const { runner, calls, commits, failures } = setUp((_, call) => (call < 2 ? functionError : success()));

    await runner.run(entries(2));

    expect(calls).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    expect(commits).toEqual([2]);
    expect(failures).toEqual([]);
  });

  it('gives up after MaximumRetryAttempts and writes Lambda’s object to the OnFailure bucket', async () => {
    const { runner, calls, events, commits, failures } = setUp(() => functionError, {
      maximumRetryAttempts: 2,
    });

    const end = await runner.run(entries(3));

    expect(end).toEqual({ kind: 'done' });
    expect(calls).toHaveLength(3);
    expect(commits).toEqual([3]);
    expect(failures).toHaveLength(1);
    const [{ target, key, record }] = failures as [Delivery];
    expect(target).toEqual(DESTINATION);
    // The key's time is the record's timestamp, to the second, in UTC.
    const timestamp = record.timestamp as string;
    expect(key).toMatch(FAILURE_KEY);
    expect(key).toContain(
      `/${timestamp.slice(0, 10).replaceAll('-', '/')}/${timestamp.slice(0, 19).replaceAll(':', '.')}-`,
    );
    // The payload is the failed invocation's event, byte for byte, as a JSON string.
    expect(record.payload).toBe(events.at(-1));
    expect(payloadNumbers(record)).toEqual([1, 2, 3]);
    expect(record).toEqual({
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:on-item',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      DDBStreamBatchInfo: {
        shardId: 'shardId-00000001767225600000-abcdef01',
        startSequenceNumber: sequenceNumber(1),
        endSequenceNumber: sequenceNumber(3),
        approximateArrivalOfFirstRecord: '2026-01-01T00:00:00Z',
        approximateArrivalOfLastRecord: '2026-01-01T00:00:02Z',
        batchSize: 3,
        streamArn: STREAM_ARN,
      },
      payload: expect.any(String),
    });
  });

  it('writes each failure to its own object', async () => {
    const { runner, failures } = setUp(() => functionError, { maximumRetryAttempts: 0 });

    await runner.run(entries(1));
    await runner.run(entries(1));

    expect(failures).toHaveLength(2);
    expect(failures[0]?.key).toMatch(FAILURE_KEY);
    expect(failures[1]?.key).toMatch(FAILURE_KEY);
    expect(failures[0]?.key).not.toBe(failures[1]?.key);
  });

  it('does not count throttles as attempts', async () => {
    const { runner, calls, failures } = setUp((_, call) => (call < 3 ? { kind: 'throttled' } : success()), {
      maximumRetryAttempts: 0,
    });

    await runner.run(entries(1));

    expect(calls).toHaveLength(4);
    expect(failures).toEqual([]);
  });

  it('bisects a failing batch down to the bad record, first half first', async () => {
    const { runner, calls, commits, failures } = setUp(
      (records) => (records.includes(3) ? functionError : success()),
      { bisectBatchOnFunctionError: true, maximumRetryAttempts: 1 },
    );

    await runner.run(entries(4));

    expect(calls).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3], [3], [4]]);
    expect(commits).toEqual([2, 3, 4]);
    expect(failures).toHaveLength(1);
    expectFailureOf(failures[0]?.record, [3], { approximateInvokeCount: 2 });
  });

  it('does not spend the retry quota on splitting', async () => {
    const { runner, calls } = setUp((records) => (records.includes(3) ? functionError : success()), {
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 0,
    });

    await runner.run(entries(4));

    // With no retries at all the bad record is still isolated and tried once on its own.
    expect(calls).toEqual([[1, 2, 3, 4], [1, 2], [3, 4], [3], [4]]);
  });

  it('checkpoints before the earliest reported failure and resumes there (ReportBatchItemFailures)', async () => {
    const { runner, calls, commits } = setUp(() => failedItems(4, 3), { reportBatchItemFailures: true });

    const end = await runner.run(entries(5));

    expect(calls).toEqual([[1, 2, 3, 4, 5]]);
    expect(commits).toEqual([2]);
    // Lambda reads the next batch from the failed record on; that retry counts as an attempt.
    expect(end).toEqual({ kind: 'resume', attempts: 1 });
  });

  it('with bisection too, retries only the records from the reported failure on', async () => {
    const { runner, calls, commits } = setUp((_, call) => (call === 0 ? failedItems(3) : success()), {
      reportBatchItemFailures: true,
      bisectBatchOnFunctionError: true,
    });

    const end = await runner.run(entries(5));

    expect(end).toEqual({ kind: 'done' });
    expect(calls).toEqual([
      [1, 2, 3, 4, 5],
      [3, 4, 5],
    ]);
    expect(commits).toEqual([2, 5]);
  });

  it('gives up only the records from the reported failure on once retries are exhausted', async () => {
    const { runner, calls, commits, failures } = setUp(() => failedItems(3), {
      reportBatchItemFailures: true,
      maximumRetryAttempts: 0,
    });

    const end = await runner.run(entries(5));

    expect(end).toEqual({ kind: 'done' });
    expect(calls).toEqual([[1, 2, 3, 4, 5]]);
    expect(commits).toEqual([2, 5]);
    expectFailureOf(failures[0]?.record, [3, 4, 5], {
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 1,
    });
  });

  it('treats an invalid item failure response as a failure of the whole batch', async () => {
    const { runner, calls } = setUp(
      (_, call) => (call === 0 ? success({ batchItemFailures: [{ itemIdentifier: '' }] }) : success()),
      { reportBatchItemFailures: true },
    );

    await runner.run(entries(2));

    expect(calls).toEqual([
      [1, 2],
      [1, 2],
    ]);
  });

  it('ignores item failures unless the mapping asks for them', async () => {
    const { runner, calls, commits } = setUp(() => failedItems(1));

    await runner.run(entries(2));

    expect(calls).toEqual([[1, 2]]);
    expect(commits).toEqual([2]);
  });

  it('discards records older than MaximumRecordAgeInSeconds without invoking for them', async () => {
    const now = Date.now();
    const batch = [...entries(2, now - 120_000), ...entries(3, now).slice(2)];
    const { runner, calls, commits, failures } = setUp(() => success(), { maximumRecordAgeInSeconds: 60 });

    await runner.run(batch);

    expect(calls).toEqual([[3]]);
    expect(commits).toEqual([2, 3]);
    // Never invoked: the payload is the event they would have been invoked with.
    const expired = batch.slice(0, 2).map((entry) => entry.json);
    expect(failures[0]?.record.payload).toBe(`{"Records":[${expired.join(',')}]}`);
    expectFailureOf(failures[0]?.record, [1, 2], {
      condition: 'RecordAgeExceeded',
      approximateInvokeCount: 0,
    });
  });

  it('gives up a failing batch once its records grow too old', async () => {
    let now = Date.now();
    const { runner, events, failures, commits } = setUp(
      () => {
        now += 61_000;
        return functionError;
      },
      { maximumRecordAgeInSeconds: 60 },
      { now: () => now },
    );

    await runner.run(entries(2, now));

    expect(failures[0]?.record).toMatchObject({
      requestContext: { condition: 'RecordAgeExceeded', approximateInvokeCount: 1 },
      responseContext: { functionError: 'Unhandled' },
    });
    expect(failures[0]?.record.payload).toBe(events[0]);
    expect(commits).toEqual([2]);
  });

  it('skips exhausted records with a log line when there is no OnFailure destination', async () => {
    const { runner, commits, logs } = setUp(() => functionError, {
      maximumRetryAttempts: 0,
      failureDestination: undefined,
    });

    await runner.run(entries(2));

    expect(commits).toEqual([2]);
    expect(logs.join('\n')).toMatch(/RetryAttemptsExhausted: skipped 2 record/);
  });

  it('keeps offering the failure record until the destination accepts it, and only then moves on', async () => {
    let refusals = 2;
    const commits: number[] = [];
    const { runner, failures } = setUp(
      () => functionError,
      { maximumRetryAttempts: 0 },
      {
        deliverFailure: async (target, { key, body }) => {
          if (refusals-- > 0) throw new Error('disk full');
          failures.push({ target, key, body: body.toString(), record: {} });
        },
        commit: async (through) => {
          expect(failures).toHaveLength(1);
          commits.push(Number(through.sequenceNumber));
        },
      },
    );

    await runner.run(entries(1));

    expect(commits).toEqual([1]);
  });

  it('offers the same object again after a refusal, to the bucket the mapping names by then', async () => {
    const offered: Array<{ bucket: string; key: string; body: string }> = [];
    const logs: string[] = [];
    const other: StreamFailureDestination = { type: 'S3', arn: 'arn:aws:s3:::other', bucketName: 'other' };
    const { runner, settings } = setUp(
      () => functionError,
      { maximumRetryAttempts: 0 },
      {
        deliverFailure: async (target, { key, body }) => {
          offered.push({ bucket: target.bucketName, key, body: body.toString() });
          if (target.bucketName === 'failed-batches') {
            settings.failureDestination = other;
            throw new Error('The specified bucket does not exist');
          }
        },
        log: (message) => logs.push(message),
      },
    );

    await runner.run(entries(1));

    expect(offered.map((o) => o.bucket)).toEqual(['failed-batches', 'other']);
    expect(offered[1]?.key).toBe(offered[0]?.key);
    expect(offered[1]?.body).toBe(offered[0]?.body);
    expect(logs[0]).toMatch(/cannot deliver to OnFailure arn:aws:s3:::failed-batches: The specified bucket/);
  });

  it('skips the records when the destination is removed while its bucket refuses them', async () => {
    const logs: string[] = [];
    const { runner, commits, settings } = setUp(
      () => functionError,
      { maximumRetryAttempts: 0 },
      {
        deliverFailure: async () => {
          settings.failureDestination = undefined;
          throw new Error('The specified bucket does not exist');
        },
        log: (message) => logs.push(message),
      },
    );

    await runner.run(entries(1));

    expect(commits).toEqual([1]);
    expect(logs.join('\n')).toMatch(/RetryAttemptsExhausted: skipped 1 record.*no OnFailure destination/);
  });

  it('stops during a retry backoff without checkpointing the failed batch', async () => {
    const { runner, commits, stop } = setUp(() => functionError);
    const ran = runner.run(entries(2));

    await new Promise((resolve) => setTimeout(resolve, 20));
    stop.stop();

    expect(await ran).toEqual({ kind: 'stopped' });
    expect(commits).toEqual([]);
  });
});
