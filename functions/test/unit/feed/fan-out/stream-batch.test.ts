import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { compareSequenceNumbers, handleStreamBatch } from '../../../../src/feed/fan-out/stream-batch.js';

const ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/lambdagram-photos/stream/2026-11-24T20:00:00.000';

function record(
  photoId: string,
  sequenceNumber: string,
  eventName: 'INSERT' | 'MODIFY' = 'MODIFY',
): DynamoDBRecord {
  return {
    eventID: `${photoId}-${sequenceNumber}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      Keys: { photoId: { S: photoId } },
      SequenceNumber: sequenceNumber,
      SizeBytes: 40,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: ARN,
  };
}

describe('stream batches under ReportBatchItemFailures', () => {
  it('reports nothing when every record is handled', async () => {
    // act
    const response = await handleStreamBatch([record('a', '100'), record('b', '200')], async () => {});

    // assess
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('reports a failed record and the later records of its item, and still handles every other item', async () => {
    // prepare
    const batch = [record('a', '100'), record('b', '200'), record('a', '300'), record('c', '400')];
    const handled: string[] = [];

    // act
    const response = await handleStreamBatch(batch, async (r) => {
      if (r.eventID === 'a-100') throw new Error('throttled');
      handled.push(r.eventID ?? '');
    });

    // assess: a-300 must not overtake a-100; b and c are not held up
    expect(handled.sort()).toEqual(['b-200', 'c-400']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '100' }, { itemIdentifier: '300' }]);
  });

  it('handles one item’s records in stream order even when the batch lists them out of order', async () => {
    // prepare
    const handled: string[] = [];

    // act
    await handleStreamBatch([record('a', '300'), record('a', '100'), record('a', '200')], async (r) => {
      handled.push(r.dynamodb?.SequenceNumber ?? '');
    });

    // assess
    expect(handled).toEqual(['100', '200', '300']);
  });

  it('orders sequence numbers as numbers, not as text', () => {
    expect(['9', '100', '21'].sort(compareSequenceNumbers)).toEqual(['9', '21', '100']);
    expect(
      compareSequenceNumbers('4421584500000000017450439091', '4421584500000000017450439092'),
    ).toBeLessThan(0);
  });
});
