import { describe, expect, it } from 'vitest';
import {
  failureObjectKey,
  s3FailureObject,
  streamFailureRecord,
} from '../../../../../src/services/lambda/event-source-mappings/failure-record.js';

const UUID = '6b0a2f3e-2f54-4c3c-9a4b-000000000001';
const SHARD = 'shardId-00000001767225600000-abcdef01';
const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/items/stream/2026-01-01T00:00:00.000';

describe('the object Lambda writes to an S3 OnFailure destination', () => {
  it('is keyed aws/lambda/<mapping UUID>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<random UUID>, in UTC', () => {
    // Late in the evening west of Greenwich is already the next day in UTC.
    const now = new Date('2026-03-04T23:59:58.999-05:00');

    expect(failureObjectKey(UUID, SHARD, now, 'f81d4fae-7dec-41d0-a765-00a0c91e6bf6')).toBe(
      `aws/lambda/${UUID}/${SHARD}/2026/03/05/2026-03-05T04.59.58-f81d4fae-7dec-41d0-a765-00a0c91e6bf6`,
    );
  });

  it('holds the failure record and, as `payload`, the invocation event text exactly as it was', () => {
    const now = new Date('2026-01-01T00:00:05.123Z');
    const record = streamFailureRecord(
      {
        requestId: 'c9b8fa9f-5a7f-4f0e-af9c-0c604cde93a5',
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:on-item',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 1,
        lastResult: { kind: 'function-error', errorType: 'Error', payload: Buffer.from('{}') },
      },
      {
        shardId: SHARD,
        streamArn: STREAM_ARN,
        records: [{ sequenceNumber: '100', createdAt: 1_767_225_600 }],
      },
      now,
    );
    // Unusual spacing and escapes survive: the text is carried, not parsed and serialized again.
    const event = Buffer.from(
      '{"Records":[{"dynamodb":{"Keys":{"pk":{"S":"caf\\u00e9 \\"x\\""}}} , "n":1}]}',
    );

    const { key, body } = s3FailureObject(record, event, { mappingUuid: UUID, shardId: SHARD }, now);

    expect(key).toMatch(
      new RegExp(`^aws/lambda/${UUID}/${SHARD}/2026/01/01/2026-01-01T00\\.00\\.05-[0-9a-f-]{36}$`),
    );
    const written = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    expect(written).toEqual({ ...record, payload: event.toString('utf8') });
    expect(Object.keys(written)).toEqual([
      'requestContext',
      'responseContext',
      'version',
      'timestamp',
      'DDBStreamBatchInfo',
      'payload',
    ]);
    expect(written.timestamp).toBe('2026-01-01T00:00:05.123Z');
    expect(JSON.parse(written.payload as string)).toMatchObject({ Records: [{ n: 1 }] });
  });
});
