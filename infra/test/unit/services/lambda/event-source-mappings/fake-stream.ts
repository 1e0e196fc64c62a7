import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';

/**
 * A DynamoDB stream with shapes DynamoDB Local does not produce on demand: shards split into
 * children, records trimmed away, iterators expiring. It answers the four Streams operations and
 * DescribeTable the way DynamoDB does, through clients' `send`.
 */
export const STREAM_ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/items/stream/2026-01-01T00:00:00.000';

interface FakeShard {
  id: string;
  parent?: string;
  closed: boolean;
  records: _Record[];
}

export class FakeStream {
  readonly shards: FakeShard[] = [];
  /** Records with sequence numbers up to this one are gone (retention). */
  trimmedThrough = 0;
  /** The next GetRecords fails with ExpiredIteratorException. */
  expireNextIterator = false;
  /** DescribeStream pages hold this many shards, whatever Limit says, to exercise paging. */
  pageSize = 1;
  private sequence = 0;
  readonly calls: string[] = [];

  shard(id: string, parent?: string): this {
    this.shards.push({ id, parent, closed: false, records: [] });
    return this;
  }

  write(shardId: string, ...keys: string[]): this {
    return this.writeItems(shardId, keys);
  }

  /** Writes records whose new image carries `bytes` of text each (NEW_IMAGE records). */
  writeItems(shardId: string, keys: string[], bytes = 0): this {
    const shard = this.find(shardId);
    for (const key of keys) {
      this.sequence++;
      shard.records.push({
        eventID: `e${this.sequence}`,
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'ddblocal',
        dynamodb: {
          ApproximateCreationDateTime: new Date(),
          Keys: { pk: { S: key } },
          ...(bytes > 0 ? { NewImage: { pk: { S: key }, body: { S: 'x'.repeat(bytes) } } } : {}),
          SequenceNumber: sequenceNumber(this.sequence),
          SizeBytes: 10 + bytes,
          StreamViewType: bytes > 0 ? 'NEW_IMAGE' : 'KEYS_ONLY',
        },
      });
    }
    return this;
  }

  close(shardId: string): this {
    this.find(shardId).closed = true;
    return this;
  }

  get streams(): DynamoDBStreamsClient {
    return { send: async (command: object) => this.answer(command) } as unknown as DynamoDBStreamsClient;
  }

  get dynamodb(): DynamoDBClient {
    return {
      send: async () => ({
        Table: { LatestStreamArn: STREAM_ARN, StreamSpecification: { StreamEnabled: true } },
      }),
    } as unknown as DynamoDBClient;
  }

  private answer(command: object): unknown {
    if (command instanceof DescribeStreamCommand) {
      this.calls.push('DescribeStream');
      return this.describe(command.input.ExclusiveStartShardId);
    }
    if (command instanceof GetShardIteratorCommand) {
      this.calls.push('GetShardIterator');
      return { ShardIterator: this.iterator(command.input) };
    }
    if (command instanceof GetRecordsCommand) {
      this.calls.push('GetRecords');
      return this.getRecords(command.input.ShardIterator as string, command.input.Limit ?? 1000);
    }
    throw new Error(`unexpected command ${command.constructor.name}`);
  }

  private describe(after: string | undefined) {
    const start = after ? this.shards.findIndex((shard) => shard.id === after) + 1 : 0;
    const page = this.shards.slice(start, start + this.pageSize);
    return {
      StreamDescription: {
        StreamArn: STREAM_ARN,
        Shards: page.map((shard) => ({
          ShardId: shard.id,
          ParentShardId: shard.parent,
          SequenceNumberRange: {
            StartingSequenceNumber: shard.records[0]?.dynamodb?.SequenceNumber ?? sequenceNumber(1),
            EndingSequenceNumber: shard.closed ? shard.records.at(-1)?.dynamodb?.SequenceNumber : undefined,
          },
        })),
        LastEvaluatedShardId: start + this.pageSize < this.shards.length ? page.at(-1)?.id : undefined,
      },
    };
  }

  /** Iterators are `<shard>|<position in the shard's records>`. */
  private iterator(input: GetShardIteratorCommand['input']): string {
    const shard = this.find(input.ShardId as string);
    if (input.ShardIteratorType === 'TRIM_HORIZON') return `${shard.id}|${this.firstKept(shard)}`;
    if (input.ShardIteratorType === 'LATEST') return `${shard.id}|${shard.records.length}`;
    const after = Number(input.SequenceNumber);
    if (after < this.trimmedThrough) throw named('TrimmedDataAccessException', 'trimmed');
    const index = shard.records.findIndex((record) => Number(record.dynamodb?.SequenceNumber) > after);
    return `${shard.id}|${index < 0 ? shard.records.length : index}`;
  }

  private getRecords(iterator: string, limit: number) {
    if (this.expireNextIterator) {
      this.expireNextIterator = false;
      throw named('ExpiredIteratorException', 'Iterator expired');
    }
    const [id, at] = iterator.split('|') as [string, string];
    const shard = this.find(id);
    const from = Math.max(Number(at), this.firstKept(shard));
    const records = shard.records.slice(from, from + limit);
    const next = from + records.length;
    const exhausted = shard.closed && next >= shard.records.length;
    return { Records: records, NextShardIterator: exhausted ? undefined : `${id}|${next}` };
  }

  private firstKept(shard: FakeShard): number {
    const index = shard.records.findIndex(
      (record) => Number(record.dynamodb?.SequenceNumber) > this.trimmedThrough,
    );
    return index < 0 ? shard.records.length : index;
  }

  private find(id: string): FakeShard {
    const shard = this.shards.find((candidate) => candidate.id === id);
    if (!shard) throw named('ResourceNotFoundException', `no shard ${id}`);
    return shard;
  }
}

export function sequenceNumber(n: number): string {
  return String(n).padStart(21, '0');
}

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
