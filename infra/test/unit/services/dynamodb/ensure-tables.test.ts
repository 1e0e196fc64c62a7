import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ensureTables } from '../../../../src/services/dynamodb/ensure-tables.js';
import type { TableDefinition } from '../../../../src/stack/types.js';
import { tableInput, uniqueTableName, useDynamoDb } from './dynamodb-fixture.js';

const db = useDynamoDb();

function photosTable(tableName: string, extra: Partial<TableDefinition> = {}): TableDefinition {
  return {
    logicalId: 'PhotosTable',
    tableName,
    createTable: {
      ...tableInput(tableName, { sortKey: true }),
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'owner', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byOwner',
          KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    },
    timeToLiveAttribute: 'expiresAt',
    ...extra,
  };
}

describe('ensureTables', () => {
  it('creates missing tables as the template says, with time to live on', async () => {
    const photos = photosTable(uniqueTableName('Photos'));
    const usersName = uniqueTableName('Users');
    const plain: TableDefinition = {
      logicalId: 'UsersTable',
      tableName: usersName,
      createTable: tableInput(usersName),
    };

    const result = await ensureTables(db.dynamodb, [photos, plain]);
    const { Table } = await db.dynamodb.send(new DescribeTableCommand({ TableName: photos.tableName }));
    const ttl = await db.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: photos.tableName }));
    const plainTtl = await db.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: plain.tableName }));

    expect(result).toEqual({ created: [photos.tableName, plain.tableName], existing: [], warnings: [] });
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['byOwner']);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    expect(plainTtl.TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
  });

  it('leaves existing tables and their items alone when run again', async () => {
    const photos = photosTable(uniqueTableName('Photos'));
    await ensureTables(db.dynamodb, [photos]);
    const Item = { pk: { S: 'u1' }, sk: { S: 'p1' }, owner: { S: 'u1' } };
    await db.dynamodb.send(new PutItemCommand({ TableName: photos.tableName, Item }));

    const again = await ensureTables(db.dynamodb, [photos]);
    const kept = await db.dynamodb.send(
      new GetItemCommand({ TableName: photos.tableName, Key: { pk: { S: 'u1' }, sk: { S: 'p1' } } }),
    );

    expect(again).toEqual({ created: [], existing: [photos.tableName], warnings: [] });
    expect(kept.Item).toEqual(Item);
  });

  it('turns on time to live for an existing table that lacks it', async () => {
    const tableName = uniqueTableName('Sessions');
    await ensureTables(db.dynamodb, [photosTable(tableName, { timeToLiveAttribute: undefined })]);

    const result = await ensureTables(db.dynamodb, [photosTable(tableName)]);
    const ttl = await db.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: tableName }));

    expect(result.warnings).toEqual([]);
    expect(ttl.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
  });

  it('warns about an existing table whose keys, stream, indexes or time to live differ, and keeps it', async () => {
    const tableName = uniqueTableName('Photos');
    await ensureTables(db.dynamodb, [photosTable(tableName)]);
    const changed = photosTable(tableName, { timeToLiveAttribute: 'ttl' });
    changed.createTable = {
      ...tableInput(tableName),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    };

    const result = await ensureTables(db.dynamodb, [changed]);
    const { Table } = await db.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));

    expect(result.existing).toEqual([tableName]);
    expect(result.warnings.map((warning) => [warning.resource, warning.property])).toEqual([
      ['PhotosTable', 'Properties.KeySchema'],
      ['PhotosTable', 'Properties.StreamSpecification'],
      ['PhotosTable', 'Properties.GlobalSecondaryIndexes'],
      ['PhotosTable', 'Properties.TimeToLiveSpecification'],
    ]);
    expect(result.warnings[0]?.message).toBe(
      `table ${tableName}: key schema: pk (HASH, S), sk (RANGE, S) in DynamoDB Local, pk (HASH, S) in the template; ` +
        'the table is kept as it is, with its data (delete it to have it made from the template)',
    );
    expect(result.warnings[1]?.message).toContain(
      'stream: enabled (NEW_AND_OLD_IMAGES) in DynamoDB Local, enabled (KEYS_ONLY) in the template',
    );
    expect(result.warnings[3]?.message).toContain(
      'time to live: on expiresAt in DynamoDB Local, on ttl in the template',
    );
    expect(Table?.KeySchema).toHaveLength(2);
  });
});
