import { crc32 } from 'node:zlib';
import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ExecuteStatementCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  type DynamoDbFixture,
  REGION,
  rawCall,
  tableInput,
  uniqueTableName,
  useDynamoDb,
} from './dynamodb-fixture.js';

const db: DynamoDbFixture = useDynamoDb();
const ARN_PREFIX = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/`;

async function createTable(name: string, extra: Parameters<typeof tableInput>[1] = {}): Promise<void> {
  await db.dynamodb.send(new CreateTableCommand(tableInput(name, extra)));
}

/** The table names `onTableWrite` reports while `act` runs. */
async function writesDuring(act: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const unsubscribe = db.service.onTableWrite((table) => seen.push(table));
  try {
    await act();
  } finally {
    unsubscribe();
  }
  return seen;
}

describe('DynamoDB through the front door', () => {
  it('creates a table, then puts, gets and queries its items', async () => {
    const TableName = uniqueTableName();
    await createTable(TableName, { sortKey: true });

    await db.dynamodb.send(
      new PutItemCommand({ TableName, Item: { pk: { S: 'u1' }, sk: { S: 'p1' }, caption: { S: 'sea' } } }),
    );
    await db.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'u1' }, sk: { S: 'p2' } } }));
    const got = await db.dynamodb.send(
      new GetItemCommand({ TableName, Key: { pk: { S: 'u1' }, sk: { S: 'p1' } } }),
    );
    const queried = await db.dynamodb.send(
      new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'u1' } },
        ScanIndexForward: false,
      }),
    );

    expect(got.Item).toEqual({ pk: { S: 'u1' }, sk: { S: 'p1' }, caption: { S: 'sea' } });
    expect(queried.Items?.map((item) => item.sk?.S)).toEqual(['p2', 'p1']);
  });

  it("shows the stack's region and account in table and stream ARNs, and takes them back", async () => {
    const TableName = uniqueTableName();
    await createTable(TableName, {
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });

    const { Table } = await db.dynamodb.send(new DescribeTableCommand({ TableName }));
    const byArn = await db.dynamodb.send(
      new DescribeTableCommand({ TableName: `${ARN_PREFIX}${TableName}` }),
    );

    expect(Table?.TableArn).toBe(`${ARN_PREFIX}${TableName}`);
    expect(Table?.LatestStreamArn).toMatch(new RegExp(`^${ARN_PREFIX}${TableName}/stream/`));
    expect(byArn.Table?.TableName).toBe(TableName);
  });

  it('serves the Streams API: ListStreams, DescribeStream, GetShardIterator, GetRecords', async () => {
    const TableName = uniqueTableName();
    await createTable(TableName, {
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    await db.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, n: { N: '1' } } }));
    await db.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, n: { N: '2' } } }));

    const { Streams } = await db.streams.send(new ListStreamsCommand({ TableName }));
    const StreamArn = Streams?.[0]?.StreamArn as string;
    const { StreamDescription } = await db.streams.send(new DescribeStreamCommand({ StreamArn }));
    const ShardId = StreamDescription?.Shards?.[0]?.ShardId as string;
    const { ShardIterator } = await db.streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const page = await db.streams.send(new GetRecordsCommand({ ShardIterator }));
    const next = await db.streams.send(new GetRecordsCommand({ ShardIterator: page.NextShardIterator }));

    expect(StreamArn).toMatch(new RegExp(`^${ARN_PREFIX}${TableName}/stream/`));
    expect(StreamDescription?.StreamArn).toBe(StreamArn);
    expect(StreamDescription?.TableName).toBe(TableName);
    expect(page.Records?.map((record) => [record.eventName, record.awsRegion])).toEqual([
      ['INSERT', REGION],
      ['MODIFY', REGION],
    ]);
    expect(page.Records?.[1]?.dynamodb?.OldImage).toEqual({ pk: { S: 'a' }, n: { N: '1' } });
    expect(page.NextShardIterator).toContain(ARN_PREFIX);
    expect(next.Records).toEqual([]);
  });

  it("passes DynamoDB Local's errors through as AWS's", async () => {
    const TableName = uniqueTableName();
    await createTable(TableName);
    await db.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' } } }));

    const missing = await db.dynamodb
      .send(new GetItemCommand({ TableName: 'NoSuchTable', Key: { pk: { S: 'a' } } }))
      .catch((error: unknown) => error);
    const conditional = await db.dynamodb
      .send(
        new PutItemCommand({
          TableName,
          Item: { pk: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error: unknown) => error);

    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((missing as ResourceNotFoundException).$metadata.httpStatusCode).toBe(400);
    expect(conditional).toBeInstanceOf(ConditionalCheckFailedException);
  });

  it("answers with the front door's request id and a CRC32 that matches the rewritten body", async () => {
    const TableName = uniqueTableName();
    await createTable(TableName);

    const answer = await rawCall(db.url, 'DynamoDB_20120810.DescribeTable', { TableName });

    expect(answer.status).toBe(200);
    expect(answer.body).toContain(ARN_PREFIX);
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers.get('x-amz-crc32')).toBe(String(crc32(answer.body)));
  });

  it('refuses an unsigned request with MissingAuthenticationTokenException', async () => {
    const answer = await rawCall(db.url, 'DynamoDB_20120810.ListTables', {}, { unsigned: true });

    expect(answer.status).toBe(400);
    expect(answer.json.__type).toBe('MissingAuthenticationTokenException');
  });

  it('refuses an unsigned Streams request the same way', async () => {
    const answer = await rawCall(db.url, 'DynamoDBStreams_20120810.ListStreams', {}, { unsigned: true });

    expect(answer.status).toBe(400);
    expect(answer.json.__type).toBe('MissingAuthenticationTokenException');
  });

  it('refuses a request signed with the wrong secret', async () => {
    const client = new DynamoDBClient({
      endpoint: db.url,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });

    const error = await client
      .send(new GetItemCommand({ TableName: 'Any', Key: { pk: { S: 'a' } } }))
      .catch((e: unknown) => e);

    expect((error as Error).name).toBe('InvalidSignatureException');
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
  });

  it('answers an unknown operation with UnknownOperationException', async () => {
    const ofDynamoDb = await rawCall(db.url, 'DynamoDB_20120810.DropEverything', {});
    const ofNobody = await rawCall(db.url, 'Nobody_20200101.ListTables', {});

    expect(ofDynamoDb.status).toBe(400);
    expect(ofDynamoDb.json.__type).toMatch(/#UnknownOperationException$/);
    expect(ofNobody.status).toBe(400);
    expect(ofNobody.json.__type).toBe('UnknownOperationException');
  });

  it('tells table-write listeners about each table a write went to', async () => {
    const first = uniqueTableName('First');
    const second = uniqueTableName('Second');
    await createTable(first);
    await createTable(second);

    const put = await writesDuring(() =>
      db.dynamodb.send(new PutItemCommand({ TableName: `${ARN_PREFIX}${first}`, Item: { pk: { S: 'a' } } })),
    );
    const batch = await writesDuring(() =>
      db.dynamodb.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [first]: [{ PutRequest: { Item: { pk: { S: 'b' } } } }],
            [second]: [{ DeleteRequest: { Key: { pk: { S: 'x' } } } }],
          },
        }),
      ),
    );
    const transaction = await writesDuring(() =>
      db.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: first,
                Key: { pk: { S: 'a' } },
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            {
              Update: {
                TableName: second,
                Key: { pk: { S: 'y' } },
                UpdateExpression: 'SET n = :n',
                ExpressionAttributeValues: { ':n': { N: '1' } },
              },
            },
          ],
        }),
      ),
    );
    const partiql = await writesDuring(() =>
      db.dynamodb.send(
        new ExecuteStatementCommand({ Statement: `INSERT INTO "${second}" VALUE {'pk': 'z'}` }),
      ),
    );

    expect(put).toEqual([first]);
    expect(batch.sort()).toEqual([first, second].sort());
    expect(transaction).toEqual([second]);
    expect(partiql).toEqual([second]);
  });

  it('tells table-write listeners nothing about reads and failed writes', async () => {
    const TableName = uniqueTableName();
    await createTable(TableName);
    await db.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' } } }));

    const seen = await writesDuring(async () => {
      await db.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'a' } } }));
      await db.dynamodb.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "${TableName}"` }));
      const failed = db.dynamodb.send(
        new PutItemCommand({
          TableName,
          Item: { pk: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      await expect(failed).rejects.toThrow(ConditionalCheckFailedException);
    });

    expect(seen).toEqual([]);
  });
});
