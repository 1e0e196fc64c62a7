import { describe, expect, it } from 'vitest';
import { CODE, dedent, expectTemplateError, loadText, samFunction } from '../../../stack/helpers.js';

/** A table `Photos` with a stream, and one without (`Plain`). */
const TABLES = `
  Photos:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: photos
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      BillingMode: PAY_PER_REQUEST
      StreamSpecification: { StreamViewType: NEW_AND_OLD_IMAGES }
  Plain:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: plain
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      BillingMode: PAY_PER_REQUEST
`;

/** The function `Fn` with one DynamoDB event `Stream` whose properties are given (YAML), plus resources. */
function streamEvent(properties: string, resources = TABLES): string {
  const indented = dedent(properties, 6);
  return samFunction(
    [CODE, `Events:\n  Stream:\n    Type: DynamoDB\n    Properties:\n${indented}`],
    '',
    resources,
  );
}

/** An `AWS::Lambda::EventSourceMapping` named `Mapping` with the given properties (YAML), beside `Fn`. */
function mappingResource(properties: string): string {
  const indented = dedent(properties, 6);
  return samFunction(
    CODE,
    '',
    `${TABLES}\n  Mapping:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n${indented}`,
  );
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('DynamoDB stream event source mappings', () => {
  it("turns a SAM DynamoDB event into a mapping named as SAM names it, with Lambda's defaults", async () => {
    const stack = await loadText(
      streamEvent(`
        Stream: !GetAtt Photos.StreamArn
        StartingPosition: TRIM_HORIZON
      `),
    );

    expect(stack.eventSourceMappings).toEqual([
      {
        logicalId: 'FnStream',
        uuid: expect.stringMatching(UUID_V4),
        functionName: 'Fn',
        tableName: 'photos',
        startingPosition: 'TRIM_HORIZON',
        batchSize: 100,
        maximumBatchingWindowInSeconds: 0,
        maximumRetryAttempts: -1,
        maximumRecordAgeInSeconds: -1,
        bisectBatchOnFunctionError: false,
        reportBatchItemFailures: false,
        filterPatterns: [],
        enabled: true,
      },
    ]);
    expect(stack.issues).toEqual([]);
  });

  it('keeps the uuid of a mapping across loads and gives each mapping its own', async () => {
    const template = samFunction(
      [
        CODE,
        `
        Events:
          Stream: { Type: DynamoDB, Properties: { Stream: !GetAtt Photos.StreamArn, StartingPosition: LATEST } }
      `,
      ],
      '',
      `${TABLES}
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      Events:
        Stream: { Type: DynamoDB, Properties: { Stream: !GetAtt Photos.StreamArn, StartingPosition: LATEST } }
`,
    );

    const first = await loadText(template);
    const second = await loadText(template);

    const uuids = first.eventSourceMappings.map((mapping) => mapping.uuid);
    expect(new Set(uuids).size).toBe(2);
    expect(second.eventSourceMappings.map((mapping) => mapping.uuid)).toEqual(uuids);
  });

  it('reads every setting of an AWS::Lambda::EventSourceMapping', async () => {
    const stack = await loadText(
      mappingResource(`
        FunctionName: !GetAtt Fn.Arn
        EventSourceArn: !GetAtt Photos.StreamArn
        StartingPosition: LATEST
        BatchSize: 25
        MaximumBatchingWindowInSeconds: 5
        MaximumRetryAttempts: 3
        MaximumRecordAgeInSeconds: 3600
        BisectBatchOnFunctionError: true
        FunctionResponseTypes: [ReportBatchItemFailures]
        FilterCriteria:
          Filters:
            - Pattern: '{"eventName": ["INSERT"]}'
        Enabled: "false"
        Tags: [{ Key: team, Value: photos }]
      `),
    );

    expect(stack.eventSourceMappings).toEqual([
      {
        logicalId: 'Mapping',
        uuid: expect.stringMatching(UUID_V4),
        functionName: 'Fn',
        tableName: 'photos',
        startingPosition: 'LATEST',
        batchSize: 25,
        maximumBatchingWindowInSeconds: 5,
        maximumRetryAttempts: 3,
        maximumRecordAgeInSeconds: 3600,
        bisectBatchOnFunctionError: true,
        reportBatchItemFailures: true,
        filterPatterns: ['{"eventName": ["INSERT"]}'],
        enabled: false,
      },
    ]);
    expect(stack.issues).toEqual([]);
  });

  it('reports the stream settings the local poller does not apply', async () => {
    const stack = await loadText(
      streamEvent(`
        Stream: !GetAtt Photos.StreamArn
        StartingPosition: LATEST
        StartingPositionTimestamp: 1700000000
        ParallelizationFactor: 4
        TumblingWindowInSeconds: 60
        MetricsConfig: { Metrics: [EventCount] }
      `),
    );

    expect(stack.eventSourceMappings).toHaveLength(1);
    expect(stack.issues.map((issue) => issue.property).sort()).toEqual([
      'Properties.Events.Stream.Properties.MetricsConfig',
      'Properties.Events.Stream.Properties.ParallelizationFactor',
      'Properties.Events.Stream.Properties.StartingPositionTimestamp',
      'Properties.Events.Stream.Properties.TumblingWindowInSeconds',
    ]);
  });

  it('reports a mapping of a function outside the stack and leaves it out', async () => {
    const stack = await loadText(
      mappingResource(`
        FunctionName: arn:aws:lambda:us-east-1:123456789012:function:elsewhere
        EventSourceArn: !GetAtt Photos.StreamArn
        StartingPosition: LATEST
      `),
    );

    expect(stack.eventSourceMappings).toEqual([]);
    expect(stack.issues).toEqual([
      {
        resource: 'Mapping',
        property: 'Properties.FunctionName',
        message: 'function elsewhere is not in the local stack; the mapping is not created',
      },
    ]);
  });

  it('reports an SQS failure destination, which the local cloud cannot deliver to yet', async () => {
    const stack = await loadText(
      streamEvent(`
        Stream: !GetAtt Photos.StreamArn
        StartingPosition: LATEST
        DestinationConfig:
          OnFailure: { Type: SQS, Destination: arn:aws:sqs:us-east-1:123456789012:failed }
      `),
    );

    expect(stack.eventSourceMappings[0]).not.toHaveProperty('onFailure');
    expect(stack.issues).toEqual([
      {
        resource: 'Fn',
        property: 'Properties.Events.Stream.Properties.DestinationConfig.OnFailure',
        message: expect.stringMatching(/not sent to SQS queues/),
      },
    ]);
  });

  it('keeps an S3 bucket as failure destination, where the batches a mapping gives up on go', async () => {
    const stack = await loadText(
      mappingResource(`
        FunctionName: !Ref Fn
        EventSourceArn: !GetAtt Photos.StreamArn
        StartingPosition: LATEST
        DestinationConfig: { OnFailure: { Destination: arn:aws:s3:::failed-batches } }
      `),
    );

    expect(stack.eventSourceMappings[0]?.failureDestination).toEqual({
      type: 'S3',
      arn: 'arn:aws:s3:::failed-batches',
      bucketName: 'failed-batches',
    });
    expect(stack.issues).toEqual([]);
  });

  it('reports mappings of other sources and leaves them out', async () => {
    const stack = await loadText(
      mappingResource(`
        FunctionName: !Ref Fn
        EventSourceArn: arn:aws:kinesis:us-east-1:123456789012:stream/clicks
        StartingPosition: LATEST
      `),
    );

    expect(stack.eventSourceMappings).toEqual([]);
    expect(stack.issues).toEqual([
      {
        resource: 'Mapping',
        property: 'Properties.EventSourceArn',
        message: 'Kinesis event sources are not supported by the local cloud yet; the mapping is not created',
      },
    ]);
  });

  it('fails on a filter pattern that is not JSON', async () => {
    const loading = loadText(
      streamEvent(`
        Stream: !GetAtt Photos.StreamArn
        StartingPosition: LATEST
        FilterCriteria: { Filters: [{ Pattern: "{eventName: INSERT}" }] }
      `),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Events.Stream.Properties.FilterCriteria.Filters[0].Pattern',
      message: /is not valid JSON/,
    });
  });

  it.each([
    ['a table without a stream', '!GetAtt Plain.StreamArn', /Plain has no StreamSpecification/],
    [
      'a table without a stream, given by ARN',
      'arn:aws:dynamodb:us-east-1:123456789012:table/plain/stream/2024-01-01T00:00:00.000',
      /table plain \(Plain\) has no StreamSpecification/,
    ],
    [
      'the ARN of the table itself',
      '!GetAtt Photos.Arn',
      /is a table ARN; a mapping reads the table's stream/,
    ],
    [
      'a table of another stack',
      'arn:aws:dynamodb:us-east-1:123456789012:table/elsewhere/stream/2024-01-01T00:00:00.000',
      /elsewhere is not a table of this stack/,
    ],
  ])('fails on a stream of %s', async (_, stream, message) => {
    const loading = loadText(streamEvent(`Stream: ${stream}\nStartingPosition: LATEST`));

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Events.Stream.Properties.Stream',
      message,
    });
  });

  it.each([
    ['StartingPosition', 'AT_TIMESTAMP', '', /AT_TIMESTAMP is for Kinesis and Kafka/],
    ['BatchSize', '0', '', /between 1 and 10000, got 0/],
    ['MaximumBatchingWindowInSeconds', '301', '', /between 0 and 300, got 301/],
    ['MaximumRetryAttempts', '-2', '', /between -1 and 10000, got -2/],
    ['MaximumRecordAgeInSeconds', '30', '', /-1 \(no limit\) or between 60 and 604800, got 30/],
    ['FunctionResponseTypes', '[ReportItemFailures]', '[0]', /one of ReportBatchItemFailures/],
  ])('fails on %s %s', async (property, value, item, message) => {
    const settings = property === 'StartingPosition' ? '' : 'StartingPosition: LATEST';
    const loading = loadText(
      streamEvent(`Stream: !GetAtt Photos.StreamArn\n${settings}\n${property}: ${value}`),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: `Properties.Events.Stream.Properties.${property}${item}`,
      message,
    });
  });

  it('fails on a mapping without StartingPosition', async () => {
    const loading = loadText(
      mappingResource('FunctionName: !Ref Fn\nEventSourceArn: !GetAtt Photos.StreamArn'),
    );

    await expectTemplateError(loading, {
      resource: 'Mapping',
      property: 'Properties.StartingPosition',
      message: /is required \(TRIM_HORIZON or LATEST\)/,
    });
  });

  it('fails on a function as failure destination, which Lambda refuses for streams', async () => {
    const loading = loadText(
      mappingResource(`
        FunctionName: !Ref Fn
        EventSourceArn: !GetAtt Photos.StreamArn
        StartingPosition: LATEST
        DestinationConfig: { OnFailure: { Destination: !GetAtt Fn.Arn } }
      `),
    );

    await expectTemplateError(loading, {
      resource: 'Mapping',
      property: 'Properties.DestinationConfig.OnFailure.Destination',
      message: /an SQS queue, an SNS topic or an S3 bucket, not to a function/,
    });
  });

  it('fails on a second mapping of one function to one stream', async () => {
    const loading = loadText(
      samFunction(
        [
          CODE,
          'Events:\n  Stream: { Type: DynamoDB, Properties: { Stream: !GetAtt Photos.StreamArn, StartingPosition: LATEST } }',
        ],
        '',
        `${TABLES}
  Again:
    Type: AWS::Lambda::EventSourceMapping
    Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Photos.StreamArn, StartingPosition: LATEST }
`,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Events.Stream',
      message: /Again already maps the stream of table photos to Fn/,
    });
  });
});
