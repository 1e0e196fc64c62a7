import { describe, expect, it } from 'vitest';
import {
  CODE,
  dedent,
  expectTemplateError,
  functionNamed,
  loadText,
  samFunction,
  tableNamed,
  withResources,
} from '../../../stack/helpers.js';

/** The resource of an on-demand table `Photos` keyed by the string `pk`. */
const PHOTOS_TABLE = `
    Photos:
      Type: AWS::DynamoDB::Table
      Properties:
        KeySchema: [{ AttributeName: pk, KeyType: HASH }]
        AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
        BillingMode: PAY_PER_REQUEST
`;

/** The table `Photos` with more properties (YAML at any indentation), besides the function `Fn`. */
function photosTable(properties = ''): string {
  return withResources(`${PHOTOS_TABLE}${dedent(properties, 8)}\n`);
}

describe('DynamoDB tables', () => {
  it('builds the CreateTable request of a table with indexes, a stream, TTL and tags', async () => {
    const stack = await loadText(
      withResources(`
      Photos:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: photos
          KeySchema:
            - { AttributeName: ownerId, KeyType: HASH }
            - { AttributeName: photoId, KeyType: RANGE }
          AttributeDefinitions:
            - { AttributeName: ownerId, AttributeType: S }
            - { AttributeName: photoId, AttributeType: S }
            - { AttributeName: visibility, AttributeType: S }
            - { AttributeName: createdAt, AttributeType: N }
          BillingMode: PROVISIONED
          ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: "2" }
          GlobalSecondaryIndexes:
            - IndexName: byVisibility
              KeySchema:
                - { AttributeName: visibility, KeyType: HASH }
                - { AttributeName: createdAt, KeyType: RANGE }
              Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [caption] }
              ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }
          LocalSecondaryIndexes:
            - IndexName: byCreation
              KeySchema:
                - { AttributeName: ownerId, KeyType: HASH }
                - { AttributeName: createdAt, KeyType: RANGE }
              Projection: { ProjectionType: KEYS_ONLY }
          StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
          TimeToLiveSpecification: { AttributeName: expiresAt, Enabled: true }
          DeletionProtectionEnabled: true
          Tags: [{ Key: team, Value: photos }]
    `),
    );

    expect(tableNamed(stack, 'Photos')).toEqual({
      logicalId: 'Photos',
      tableName: 'photos',
      timeToLiveAttribute: 'expiresAt',
      createTable: {
        TableName: 'photos',
        KeySchema: [
          { AttributeName: 'ownerId', KeyType: 'HASH' },
          { AttributeName: 'photoId', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'ownerId', AttributeType: 'S' },
          { AttributeName: 'photoId', AttributeType: 'S' },
          { AttributeName: 'visibility', AttributeType: 'S' },
          { AttributeName: 'createdAt', AttributeType: 'N' },
        ],
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
        GlobalSecondaryIndexes: [
          {
            IndexName: 'byVisibility',
            KeySchema: [
              { AttributeName: 'visibility', KeyType: 'HASH' },
              { AttributeName: 'createdAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['caption'] },
            ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
          },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'byCreation',
            KeySchema: [
              { AttributeName: 'ownerId', KeyType: 'HASH' },
              { AttributeName: 'createdAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        DeletionProtectionEnabled: true,
        Tags: [{ Key: 'team', Value: 'photos' }],
      },
    });
    expect(stack.issues).toEqual([]);
  });

  it('names a table without TableName as CloudFormation does, the same on every load', async () => {
    const first = await loadText(photosTable());
    const second = await loadText(photosTable());

    const { tableName, createTable } = tableNamed(first, 'Photos');
    expect(tableName).toMatch(/^photos-Photos-[A-Z0-9]{12}$/);
    expect(createTable.TableName).toBe(tableName);
    expect(tableNamed(second, 'Photos').tableName).toBe(tableName);
  });

  it('leaves out the TTL attribute when TTL is disabled', async () => {
    const stack = await loadText(
      photosTable('TimeToLiveSpecification: { AttributeName: ttl, Enabled: false }'),
    );

    expect(tableNamed(stack, 'Photos')).not.toHaveProperty('timeToLiveAttribute');
  });

  it('gives Ref and Fn::GetAtt of a table its name, ARN and stream ARN with a placeholder label', async () => {
    const stack = await loadText(
      samFunction(
        [
          CODE,
          `
          Environment:
            Variables:
              TABLE: !Ref Photos
              TABLE_ARN: !GetAtt Photos.Arn
              STREAM_ARN: !GetAtt Photos.StreamArn
        `,
        ],
        '',
        `
        Photos:
          Type: AWS::DynamoDB::Table
          Properties:
            TableName: photos
            KeySchema: [{ AttributeName: pk, KeyType: HASH }]
            AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
            BillingMode: PAY_PER_REQUEST
            StreamSpecification: { StreamViewType: NEW_IMAGE }
      `,
      ),
    );

    expect(functionNamed(stack, 'Fn').environment).toEqual({
      TABLE: 'photos',
      TABLE_ARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/photos',
      STREAM_ARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/photos/stream/1970-01-01T00:00:00.000',
    });
  });

  it('fails on the StreamArn of a table without a stream, where it is asked for', async () => {
    const loading = loadText(
      samFunction(
        [CODE, 'Environment: { Variables: { STREAM: !GetAtt Photos.StreamArn } }'],
        '',
        PHOTOS_TABLE,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Environment.Variables.STREAM',
      message: /Photos has no StreamSpecification, so it has no stream/,
    });
  });

  it('reports the properties it does not honour and accepts billing-only ones silently', async () => {
    const stack = await loadText(
      photosTable(`
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }
        SSESpecification: { SSEEnabled: true }
        TableClass: STANDARD_INFREQUENT_ACCESS
        ContributorInsightsSpecification: { Enabled: true }
      `),
    );

    expect(stack.issues.map((issue) => issue.property).sort()).toEqual([
      'Properties.PointInTimeRecoverySpecification',
      'Properties.SSESpecification',
    ]);
  });

  it('fails on a key attribute that AttributeDefinitions does not define', async () => {
    const loading = loadText(
      withResources(`
      Photos:
        Type: AWS::DynamoDB::Table
        Properties:
          KeySchema: [{ AttributeName: pk, KeyType: HASH }, { AttributeName: sk, KeyType: RANGE }]
          AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
          BillingMode: PAY_PER_REQUEST
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: 'Properties.KeySchema[1].AttributeName',
      message: /sk is not in AttributeDefinitions/,
    });
  });

  it('fails on an attribute definition that no key uses', async () => {
    const loading = loadText(
      withResources(`
      Photos:
        Type: AWS::DynamoDB::Table
        Properties:
          KeySchema: [{ AttributeName: pk, KeyType: HASH }]
          AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }, { AttributeName: caption, AttributeType: S }]
          BillingMode: PAY_PER_REQUEST
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: 'Properties.AttributeDefinitions[1]',
      message: /caption is not a key of the table or of an index/,
    });
  });

  it.each([
    [
      'a KeyType DynamoDB does not know',
      'KeySchema: [{ AttributeName: pk, KeyType: PRIMARY }]',
      'Properties.KeySchema[0].KeyType',
      /one of HASH, RANGE/,
    ],
    [
      'a RANGE key first',
      'KeySchema: [{ AttributeName: pk, KeyType: RANGE }]',
      'Properties.KeySchema[0].KeyType',
      /first key must be the HASH/,
    ],
    ['no KeySchema', '', 'Properties.KeySchema', /is required/],
  ])('fails on %s', async (_, keySchema, property, message) => {
    const loading = loadText(
      withResources(`
      Photos:
        Type: AWS::DynamoDB::Table
        Properties:
          ${keySchema}
          AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
          BillingMode: PAY_PER_REQUEST
    `),
    );

    await expectTemplateError(loading, { resource: 'Photos', property, message });
  });

  it('fails on a provisioned table (the default) without ProvisionedThroughput', async () => {
    const loading = loadText(
      withResources(`
      Photos:
        Type: AWS::DynamoDB::Table
        Properties:
          KeySchema: [{ AttributeName: pk, KeyType: HASH }]
          AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: 'Properties.ProvisionedThroughput',
      message: /is required \(BillingMode is PROVISIONED, the default\)/,
    });
  });

  it('fails on ProvisionedThroughput on an on-demand table', async () => {
    const loading = loadText(
      photosTable('ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }'),
    );

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: 'Properties.ProvisionedThroughput',
      message: /cannot be set when BillingMode is PAY_PER_REQUEST/,
    });
  });

  it('fails on a global index of a provisioned table without throughput', async () => {
    const loading = loadText(
      withResources(`
      Photos:
        Type: AWS::DynamoDB::Table
        Properties:
          KeySchema: [{ AttributeName: pk, KeyType: HASH }]
          AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }, { AttributeName: g, AttributeType: S }]
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 }
          GlobalSecondaryIndexes:
            - { IndexName: byG, KeySchema: [{ AttributeName: g, KeyType: HASH }], Projection: { ProjectionType: ALL } }
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: 'Properties.GlobalSecondaryIndexes[0].ProvisionedThroughput',
      message: /is required \(the table is PROVISIONED\)/,
    });
  });

  it('fails on a local index of a table without a sort key', async () => {
    const loading = loadText(
      photosTable(`
        LocalSecondaryIndexes:
          - IndexName: byPk
            KeySchema: [{ AttributeName: pk, KeyType: HASH }, { AttributeName: pk2, KeyType: RANGE }]
            Projection: { ProjectionType: ALL }
      `),
    );

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: 'Properties.LocalSecondaryIndexes[0]',
      message: /needs a table with a RANGE \(sort\) key/,
    });
  });

  it('fails on a stream without a view type', async () => {
    const loading = loadText(photosTable('StreamSpecification: {}'));

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: 'Properties.StreamSpecification.StreamViewType',
      message: /is required/,
    });
  });

  it('fails on two tables with one name', async () => {
    const loading = loadText(
      withResources(`
      First:
        Type: AWS::Serverless::SimpleTable
        Properties: { TableName: photos }
      Second:
        Type: AWS::Serverless::SimpleTable
        Properties: { TableName: photos }
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Second',
      property: 'Properties.TableName',
      message: /already used by First/,
    });
  });
});

describe('SAM simple tables', () => {
  it('expands to an on-demand table keyed by a string id by default', async () => {
    const stack = await loadText(withResources('Users:\n  Type: AWS::Serverless::SimpleTable'));

    const table = tableNamed(stack, 'Users');

    expect(table.tableName).toMatch(/^photos-Users-[A-Z0-9]{12}$/);
    expect(table.createTable).toEqual({
      TableName: table.tableName,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('reads PrimaryKey, ProvisionedThroughput, TableName and Tags as SAM expands them', async () => {
    const stack = await loadText(
      withResources(`
      Counters:
        Type: AWS::Serverless::SimpleTable
        Properties:
          TableName: counters
          PrimaryKey: { Name: counterId, Type: Number }
          ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 }
          Tags: { team: photos }
          SSESpecification: { SSEEnabled: true }
    `),
    );

    expect(tableNamed(stack, 'Counters').createTable).toEqual({
      TableName: 'counters',
      KeySchema: [{ AttributeName: 'counterId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'counterId', AttributeType: 'N' }],
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
      Tags: [{ Key: 'team', Value: 'photos' }],
    });
    expect(stack.issues).toEqual([
      expect.objectContaining({ resource: 'Counters', property: 'Properties.SSESpecification' }),
    ]);
  });

  it('reports the SimpleTable globals, which only set encryption', async () => {
    const stack = await loadText(
      samFunction(
        CODE,
        'Globals:\n  SimpleTable:\n    SSESpecification: { SSEEnabled: true }',
        'Users:\n  Type: AWS::Serverless::SimpleTable',
      ),
    );

    expect(stack.tables).toHaveLength(1);
    expect(stack.issues).toEqual([
      {
        resource: 'Globals',
        property: 'SimpleTable',
        message: expect.stringMatching(/not encrypted locally/),
      },
    ]);
  });

  it('fails on a PrimaryKey type SAM does not know', async () => {
    const loading = loadText(
      withResources(`
      Users:
        Type: AWS::Serverless::SimpleTable
        Properties: { PrimaryKey: { Name: id, Type: S } }
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Users',
      property: 'Properties.PrimaryKey.Type',
      message: /one of String, Number, Binary/,
    });
  });
});
