import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { ensureTables } from '../../../../src/services/dynamodb/ensure-tables.js';
import { pollUntil } from '../../../support/poll.js';
import {
  type DynamoDbFixture,
  REGION,
  startDynamoDb,
  tableInput,
  uniqueTableName,
  useDynamoDb,
} from './dynamodb-fixture.js';

const shared = useDynamoDb();

const TTL_IDENTITY = { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' };

/** Every record of the table's stream so far, read through the front door. */
async function streamRecords(TableName: string, db: DynamoDbFixture = shared): Promise<StreamRecord[]> {
  const { Streams } = await db.streams.send(new ListStreamsCommand({ TableName }));
  const StreamArn = Streams?.[0]?.StreamArn;
  const { StreamDescription } = await db.streams.send(new DescribeStreamCommand({ StreamArn }));
  const records: StreamRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator } = await db.streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (ShardIterator) {
      const page = await db.streams.send(new GetRecordsCommand({ ShardIterator }));
      records.push(...(page.Records ?? []));
      if (!page.Records?.length) break;
      ShardIterator = page.NextShardIterator;
    }
  }
  return records;
}

/**
 * DynamoDB Local 3.3.1 deletes expired items by itself (a job per TTL-enabled table scans 20 items
 * every 10 s): the local cloud relies on it and only corrects how the deletions read in the stream.
 */
/** A table with a stream and time to live on `expiresAt`. */
async function sessionsTable(db: DynamoDbFixture): Promise<string> {
  const TableName = uniqueTableName('Sessions');
  await ensureTables(db.dynamodb, [
    {
      logicalId: 'SessionsTable',
      tableName: TableName,
      createTable: tableInput(TableName, {
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
      timeToLiveAttribute: 'expiresAt',
    },
  ]);
  return TableName;
}

/** Waits until DynamoDB Local's TTL job has deleted the item (it runs every 10 s). */
function deletedByTtl(db: DynamoDbFixture, TableName: string, pk: string) {
  return pollUntil(
    async () => (await db.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: pk } } }))).Item,
    (item) => item === undefined,
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}

describe('time to live', () => {
  it('deletes expired items, which the stream shows as REMOVE records by the DynamoDB service', async () => {
    const db = shared;
    const TableName = await sessionsTable(db);
    const now = Math.floor(Date.now() / 1000);
    const expired = { pk: { S: 'expired' }, expiresAt: { N: String(now - 60) } };
    await db.dynamodb.send(new PutItemCommand({ TableName, Item: expired }));
    await db.dynamodb.send(
      new PutItemCommand({ TableName, Item: { pk: { S: 'later' }, expiresAt: { N: String(now + 3600) } } }),
    );
    await db.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'deleted' } } }));
    await db.dynamodb.send(new DeleteItemCommand({ TableName, Key: { pk: { S: 'deleted' } } }));

    const gone = await pollUntil(
      async () =>
        (await db.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'expired' } } }))).Item,
      (item) => item === undefined,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const later = await db.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'later' } } }));
    const removals = (await streamRecords(TableName)).filter((record) => record.eventName === 'REMOVE');

    expect(gone).toBeUndefined();
    expect(later.Item).toBeDefined();
    expect(removals).toHaveLength(2);
    const byUser = removals.find((record) => record.dynamodb?.Keys?.pk?.S === 'deleted');
    const byTtl = removals.find((record) => record.dynamodb?.Keys?.pk?.S === 'expired');
    expect(byUser?.userIdentity).toBeUndefined();
    expect(byTtl).toMatchObject({
      eventName: 'REMOVE',
      awsRegion: REGION,
      userIdentity: TTL_IDENTITY,
      dynamodb: { Keys: { pk: { S: 'expired' } }, OldImage: expired },
    });
    expect(byTtl?.dynamodb?.NewImage).toBeUndefined();
  }, 45_000);

  it("still shows a TTL deletion as the service's after a restart", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ddb-ttl-restart-'));
    const first = await startDynamoDb(dataDir);
    let TableName: string;
    try {
      TableName = await sessionsTable(first);
      const past = String(Math.floor(Date.now() / 1000) - 60);
      await first.dynamodb.send(
        new PutItemCommand({ TableName, Item: { pk: { S: 'old' }, expiresAt: { N: past } } }),
      );
      await deletedByTtl(first, TableName, 'old');
    } finally {
      await first.stop();
    }

    const second = await startDynamoDb(dataDir);
    try {
      const removal = (await streamRecords(TableName, second)).find(
        (record) => record.eventName === 'REMOVE',
      );

      expect(removal?.dynamodb?.Keys).toEqual({ pk: { S: 'old' } });
      expect(removal?.userIdentity).toEqual(TTL_IDENTITY);
    } finally {
      await second.stop();
    }
  }, 60_000);
});
