import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { GetEventSourceMappingCommand, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEventStack } from '../support/cloud-fixture.js';
import { ACCOUNT, REGION } from '../support/local-cloud.js';
import { pollUntil } from '../support/poll.js';
import { readRecords } from '../support/records.js';

const local = useEventStack('dynamodb');
let dynamodb: DynamoDBClient;
let documents: DynamoDBDocumentClient;
beforeAll(() => {
  dynamodb = local.dynamodb;
  documents = DynamoDBDocumentClient.from(dynamodb);
});

describe('DynamoDB through the local cloud', () => {
  it('creates the template table with its keys, stream and TTL, under the stack region and account', async () => {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: 'items' }));
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'items' }));

    expect(Table?.TableArn).toBe(`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/items`);
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.LatestStreamArn).toMatch(
      new RegExp(`^arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/items/stream/`),
    );
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('reads and writes items with the document client', async () => {
    await documents.send(
      new PutCommand({ TableName: 'items', Item: { pk: 'doc', sk: '1', tags: ['a', 'b'], n: 3 } }),
    );
    await documents.send(new PutCommand({ TableName: 'items', Item: { pk: 'doc', sk: '2', n: 4 } }));

    const one = await documents.send(new GetCommand({ TableName: 'items', Key: { pk: 'doc', sk: '1' } }));
    const all = await documents.send(
      new QueryCommand({
        TableName: 'items',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'doc' },
      }),
    );

    expect(one.Item).toEqual({ pk: 'doc', sk: '1', tags: ['a', 'b'], n: 3 });
    expect(all.Items?.map((item) => item.sk)).toEqual(['1', '2']);
  });

  it('passes DynamoDB errors through as the SDK expects them', async () => {
    const error = await dynamodb
      .send(new PutItemCommand({ TableName: 'no-such-table', Item: { pk: { S: 'x' } } }))
      .catch((caught: Error) => caught);

    expect((error as Error).name).toBe('ResourceNotFoundException');
  });

  it('refuses an unsigned request', async () => {
    const response = await fetch(local.cloud.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: '{}',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype') ?? (await response.text())).toContain(
      'MissingAuthenticationToken',
    );
  });

  it('serves the Streams API with the stack ARNs', async () => {
    await dynamodb.send(
      new PutItemCommand({ TableName: 'items', Item: { pk: { S: 'streamed' }, sk: { S: '1' } } }),
    );
    const streams = local.cloud.streams();

    const { Streams } = await streams.send(new ListStreamsCommand({ TableName: 'items' }));
    const StreamArn = Streams?.[0]?.StreamArn as string;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
    const ShardId = StreamDescription?.Shards?.[0]?.ShardId as string;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));

    expect(StreamArn).toMatch(new RegExp(`^arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/items/stream/`));
    expect(Records?.some((record) => record.dynamodb?.Keys?.pk?.S === 'streamed')).toBe(true);
  });
});

describe('DynamoDB stream → Lambda', () => {
  const EVENTUALLY = { timeoutMs: 20_000, intervalMs: 25 };
  const batches = () => readRecords(local.records, 'on-item-change.jsonl').map((line) => line.event.Records);
  const deliveredKeys = () =>
    batches()
      .flat()
      .map((record) => `${record.dynamodb.Keys.pk.S}/${record.dynamodb.Keys.sk.S}`);
  const put = (pk: string, sk: string, extra: Record<string, { S: string } | { N: string }> = {}) =>
    dynamodb.send(
      new PutItemCommand({ TableName: 'items', Item: { pk: { S: pk }, sk: { S: sk }, ...extra } }),
    );

  it('shows the template mapping through the Lambda API', async () => {
    const lambda = local.cloud.lambda();

    const { EventSourceMappings } = await lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: 'on-item-change' }),
    );
    const mapping = await lambda.send(
      new GetEventSourceMappingCommand({ UUID: EventSourceMappings?.[0]?.UUID }),
    );

    expect(EventSourceMappings).toHaveLength(1);
    expect(mapping).toMatchObject({
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:on-item-change`,
      EventSourceArn: expect.stringMatching(
        new RegExp(`^arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/items/stream/`),
      ),
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      MaximumRetryAttempts: 1,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::stream-failures' } },
      State: 'Enabled',
    });
    expect(mapping.LastModified).toBeInstanceOf(Date);
  });

  it('delivers changes in order with the contract record', async () => {
    for (let i = 0; i < 5; i++) await put('ordered', String(i));

    const keys = await pollUntil(deliveredKeys, (all) => all.includes('ordered/4'), EVENTUALLY);
    const record = batches()
      .flat()
      .find((r) => r.dynamodb.Keys.pk.S === 'ordered' && r.dynamodb.Keys.sk.S === '0');

    expect(keys.filter((key) => key.startsWith('ordered/'))).toEqual([
      'ordered/0',
      'ordered/1',
      'ordered/2',
      'ordered/3',
      'ordered/4',
    ]);
    expect(record).toMatchObject({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: REGION,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'ordered' }, sk: { S: '0' } },
        NewImage: { pk: { S: 'ordered' }, sk: { S: '0' } },
        SequenceNumber: expect.any(String),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: expect.stringMatching(
        new RegExp(`^arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/items/stream/`),
      ),
    });
  });

  it('drops records the filter criteria exclude', async () => {
    await put('ignored', '1');
    await put('after-ignored', '1');

    await pollUntil(deliveredKeys, (all) => all.includes('after-ignored/1'), EVENTUALLY);

    expect(deliveredKeys()).not.toContain('ignored/1');
  });

  it('retries a reported item failure, then keeps the batch in the OnFailure bucket, whose event reaches a function', async () => {
    await put('partial', '1', { behaviour: { S: 'report' } });

    const notified = await pollUntil(
      () =>
        readRecords(local.records, 'on-stream-failure.jsonl').map(
          (line) => line.event.Records[0].s3.object.key as string,
        ),
      (keys) => keys.length > 0,
      EVENTUALLY,
    );
    const object = await local.cloud.s3().send(
      new GetObjectCommand({
        Bucket: 'stream-failures',
        Key: decodeURIComponent(notified[0]?.replaceAll('+', ' ') ?? ''),
      }),
    );
    const failure = JSON.parse((await object.Body?.transformToString()) ?? '{}');

    expect(deliveredKeys().filter((key) => key === 'partial/1')).toHaveLength(2);
    expect(notified[0]).toMatch(/^aws\/lambda\/[0-9a-f-]{36}\/[^/]+\/\d{4}\/\d{2}\/\d{2}\//);
    expect(failure).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      version: '1.0',
      DDBStreamBatchInfo: { batchSize: 1, streamArn: expect.stringContaining('table/items/stream/') },
    });
    // Lambda keeps the failed invocation's event as a JSON string.
    expect(JSON.parse(failure.payload).Records[0].dynamodb.Keys).toEqual({
      pk: { S: 'partial' },
      sk: { S: '1' },
    });
  });

  it('removes expired items by TTL, with a REMOVE record from the DynamoDB service', async () => {
    await put('ttl', 'expired', { expiresAt: { N: String(Math.floor(Date.now() / 1000) - 60) } });

    const removed = await pollUntil(
      () =>
        batches()
          .flat()
          .filter((r) => r.eventName === 'REMOVE' && r.dynamodb.Keys.pk.S === 'ttl'),
      (found) => found.length > 0,
      EVENTUALLY,
    );

    expect(removed[0]).toMatchObject({
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      dynamodb: { OldImage: { pk: { S: 'ttl' }, sk: { S: 'expired' } } },
    });
  });
});
