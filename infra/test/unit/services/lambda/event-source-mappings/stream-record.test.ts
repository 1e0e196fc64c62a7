import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { toLambdaRecord } from '../../../../../src/services/lambda/event-source-mappings/stream-record.js';

const STREAM_ARN = 'arn:aws:dynamodb:eu-west-1:123456789012:table/photos/stream/2026-01-01T00:00:00.000';

/** What the DynamoDB Streams SDK client returns: binaries as Uint8Array, the creation time as a Date. */
function sdkRecord(overrides: Partial<_Record> = {}): _Record {
  return {
    eventID: 'c4ca4238a0b923820dcc509a6f75849b',
    eventName: 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'ddblocal',
    dynamodb: {
      ApproximateCreationDateTime: new Date('2026-01-01T10:20:00.000Z'),
      Keys: { pk: { S: 'photo#1' } },
      NewImage: {
        pk: { S: 'photo#1' },
        thumb: { B: new Uint8Array([0xff, 0xd8, 0xff]) },
        chunks: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
        size: { N: '1024' },
        sizes: { NS: ['1', '2.5'] },
        tags: { SS: ['cat'] },
        meta: { M: { raw: { B: new Uint8Array([0]) }, ok: { BOOL: true } } },
        list: { L: [{ NULL: true }, { S: 'x' }] },
      },
      OldImage: { pk: { S: 'photo#1' }, size: { N: '12' } },
      SequenceNumber: '000000000000000000042',
      SizeBytes: 93,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    ...overrides,
  };
}

describe('the Lambda record of a stream record', () => {
  it('carries the contract fields in the wire form: base64 binaries, epoch-second creation time', () => {
    const converted = toLambdaRecord(sdkRecord(), { region: 'eu-west-1', streamArn: STREAM_ARN });

    expect(converted).toEqual({
      eventID: 'c4ca4238a0b923820dcc509a6f75849b',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: 1767262800,
        Keys: { pk: { S: 'photo#1' } },
        NewImage: {
          pk: { S: 'photo#1' },
          thumb: { B: '/9j/' },
          chunks: { BS: ['AQ==', 'AgM='] },
          size: { N: '1024' },
          sizes: { NS: ['1', '2.5'] },
          tags: { SS: ['cat'] },
          meta: { M: { raw: { B: 'AA==' }, ok: { BOOL: true } } },
          list: { L: [{ NULL: true }, { S: 'x' }] },
        },
        OldImage: { pk: { S: 'photo#1' }, size: { N: '12' } },
        SequenceNumber: '000000000000000000042',
        SizeBytes: 93,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: STREAM_ARN,
    });
    // The order of fields is Lambda's, for readers of raw events.
    expect(Object.keys(converted)).toEqual([
      'eventID',
      'eventName',
      'eventVersion',
      'eventSource',
      'awsRegion',
      'dynamodb',
      'eventSourceARN',
    ]);
    expect(JSON.stringify(converted)).toContain('"ApproximateCreationDateTime":1767262800,');
  });

  it('omits the images the stream view does not carry', () => {
    const record = sdkRecord({
      eventName: 'REMOVE',
      dynamodb: {
        Keys: { pk: { S: 'a' } },
        SequenceNumber: '000000000000000000043',
        SizeBytes: 5,
        StreamViewType: 'KEYS_ONLY',
      },
    });

    const converted = toLambdaRecord(record, { region: 'eu-west-1', streamArn: STREAM_ARN });

    expect(converted.dynamodb).toEqual({
      Keys: { pk: { S: 'a' } },
      SequenceNumber: '000000000000000000043',
      SizeBytes: 5,
      StreamViewType: 'KEYS_ONLY',
    });
  });

  it("names a TTL deletion's user identity with Lambda's lower-case keys", () => {
    const record = sdkRecord({
      eventName: 'REMOVE',
      userIdentity: { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' },
    });

    const converted = toLambdaRecord(record, { region: 'eu-west-1', streamArn: STREAM_ARN });

    expect(converted.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  });
});
