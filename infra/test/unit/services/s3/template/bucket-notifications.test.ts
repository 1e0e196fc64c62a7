import { describe, expect, it } from 'vitest';
import { CODE, expectTemplateError, loadText, samFunction } from '../../../stack/helpers.js';

const PHOTOS_BUCKET = `
  Photos:
    Type: AWS::S3::Bucket
    Properties: { BucketName: photos-bucket }
`;

/** The function `Fn` with SAM events (YAML under `Events:`), plus more resources. */
function withEvents(events: string, resources = PHOTOS_BUCKET): string {
  const indented = events
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return samFunction([CODE, `Events:\n${indented}`], '', resources);
}

describe('S3 bucket notifications', () => {
  it('adds one notification per event type of a SAM S3 event, with its key filter', async () => {
    const stack = await loadText(
      withEvents(`
        Uploaded:
          Type: S3
          Properties:
            Bucket: !Ref Photos
            Events: [s3:ObjectCreated:*, s3:ObjectRemoved:Delete]
            Filter:
              S3Key:
                Rules:
                  - { Name: prefix, Value: uploads/ }
                  - { Name: Suffix, Value: .jpg }
      `),
    );

    const [bucket] = stack.buckets;

    expect(bucket?.notifications).toEqual([
      {
        id: expect.any(String),
        events: ['s3:ObjectCreated:*'],
        prefix: 'uploads/',
        suffix: '.jpg',
        functionName: 'Fn',
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
      },
      {
        id: expect.any(String),
        events: ['s3:ObjectRemoved:Delete'],
        prefix: 'uploads/',
        suffix: '.jpg',
        functionName: 'Fn',
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
      },
    ]);
    expect(stack.issues).toEqual([]);
  });

  it('gives each configuration an opaque id of its own that stays the same across loads', async () => {
    const template = withEvents(`
      Uploaded:
        Type: S3
        Properties: { Bucket: !Ref Photos, Events: [s3:ObjectCreated:Put, s3:ObjectCreated:Copy] }
    `);

    const first = await loadText(template);
    const second = await loadText(template);

    const ids = first.buckets[0]?.notifications.map((notification) => notification.id) ?? [];
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) {
      // S3 names a configuration that has no Id with the base64 of a UUID.
      expect(Buffer.from(id, 'base64').toString()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab]/);
    }
    expect(second.buckets[0]?.notifications.map((notification) => notification.id)).toEqual(ids);
  });

  it("reads the bucket's own LambdaConfigurations, resolving the function from its ARN", async () => {
    const stack = await loadText(
      samFunction(
        [CODE, 'FunctionName: process-upload'],
        '',
        `
        Photos:
          Type: AWS::S3::Bucket
          Properties:
            NotificationConfiguration:
              LambdaConfigurations:
                - Event: s3:ObjectCreated:*
                  Function: !GetAtt Fn.Arn
                  Filter: { S3Key: { Rules: [{ Name: PREFIX, Value: "uploads/" }] } }
        Permission:
          Type: AWS::Lambda::Permission
          Properties:
            Action: lambda:InvokeFunction
            FunctionName: !Ref Fn
            Principal: s3.amazonaws.com
      `,
      ),
    );

    expect(stack.buckets[0]?.notifications).toEqual([
      {
        id: expect.any(String),
        events: ['s3:ObjectCreated:*'],
        prefix: 'uploads/',
        functionName: 'process-upload',
        functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:process-upload',
      },
    ]);
    expect(stack.issues).toEqual([]);
  });

  it('reports queue and topic destinations and functions outside the stack, and leaves them out', async () => {
    const stack = await loadText(
      samFunction(
        CODE,
        '',
        `
        Photos:
          Type: AWS::S3::Bucket
          Properties:
            NotificationConfiguration:
              QueueConfigurations:
                - { Event: s3:ObjectCreated:*, Queue: arn:aws:sqs:us-east-1:123456789012:jobs }
              TopicConfigurations:
                - { Event: s3:ObjectCreated:*, Topic: arn:aws:sns:us-east-1:123456789012:news }
              LambdaConfigurations:
                - Event: s3:ObjectCreated:*
                  Function: arn:aws:lambda:us-east-1:123456789012:function:elsewhere
      `,
      ),
    );

    expect(stack.buckets[0]?.notifications).toEqual([]);
    expect(stack.issues).toEqual([
      expect.objectContaining({ property: 'Properties.NotificationConfiguration.QueueConfigurations' }),
      expect.objectContaining({ property: 'Properties.NotificationConfiguration.TopicConfigurations' }),
      {
        resource: 'Photos',
        property: 'Properties.NotificationConfiguration.LambdaConfigurations[0].Function',
        message: expect.stringMatching(/elsewhere is not in the local stack/),
      },
    ]);
  });

  it('adds no notification to a bucket whose Condition is false, as SAM writes it into the bucket', async () => {
    const stack = await loadText(
      samFunction(
        [
          CODE,
          'Events:\n  Uploaded: { Type: S3, Properties: { Bucket: !Ref Photos, Events: s3:ObjectCreated:* } }',
        ],
        'Conditions:\n  Never: !Equals [a, b]',
        'Photos:\n  Type: AWS::S3::Bucket\n  Condition: Never',
      ),
    );

    expect(stack.buckets).toEqual([]);
    expect(stack.issues).toEqual([]);
  });

  it('reports event types the local S3 never emits', async () => {
    const stack = await loadText(
      withEvents(`
        Restored:
          Type: S3
          Properties: { Bucket: !Ref Photos, Events: s3:ObjectRestore:Completed }
      `),
    );

    expect(stack.buckets[0]?.notifications).toHaveLength(1);
    expect(stack.issues).toContainEqual({
      resource: 'Fn',
      property: 'Properties.Events.Restored.Properties.Events',
      message: expect.stringMatching(/never happen in the local S3/),
    });
  });

  it('reports the SAM event types it does not wire, as before', async () => {
    const stack = await loadText(
      withEvents(`
        Jobs:
          Type: SQS
          Properties: { Queue: arn:aws:sqs:us-east-1:123456789012:jobs }
      `),
    );

    expect(stack.issues).toContainEqual({
      resource: 'Fn',
      property: 'Properties.Events.Jobs',
      message: expect.stringMatching(/^SQS event sources are not supported/),
    });
  });

  it.each([
    ['a bucket name', 'photos-bucket'],
    ['a !Ref to a function', '!Ref Fn'],
  ])('fails on a SAM S3 event whose Bucket is %s, not a !Ref to a bucket', async (_, bucket) => {
    const loading = loadText(
      withEvents(`
        Uploaded:
          Type: S3
          Properties: { Bucket: ${bucket}, Events: s3:ObjectCreated:* }
      `),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Events.Uploaded.Properties.Bucket',
      message: /must reference an S3 bucket of the same template/,
    });
  });

  it('fails on an event type S3 does not know', async () => {
    const loading = loadText(
      withEvents(`
        Uploaded:
          Type: S3
          Properties: { Bucket: !Ref Photos, Events: s3:ObjectCreated }
      `),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Events.Uploaded.Properties.Events',
      message: /must be one of s3:ObjectCreated:\*/,
    });
  });

  it('fails on two prefix rules in one filter', async () => {
    const loading = loadText(
      withEvents(`
        Uploaded:
          Type: S3
          Properties:
            Bucket: !Ref Photos
            Events: s3:ObjectCreated:*
            Filter: { S3Key: { Rules: [{ Name: prefix, Value: a/ }, { Name: Prefix, Value: b/ }] } }
      `),
    );

    await expectTemplateError(loading, {
      property: 'Properties.Events.Uploaded.Properties.Filter.S3Key.Rules[1]',
      message: /one prefix rule per filter/,
    });
  });

  it('fails on an Id, which CloudFormation does not take in a LambdaConfiguration', async () => {
    const loading = loadText(
      samFunction(
        CODE,
        '',
        `
        Photos:
          Type: AWS::S3::Bucket
          Properties:
            NotificationConfiguration:
              LambdaConfigurations:
                - { Id: thumbnails, Event: s3:ObjectCreated:*, Function: !GetAtt Fn.Arn }
      `,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Photos',
      property: 'Properties.NotificationConfiguration.LambdaConfigurations[0].Id',
      message: /is not a property here/,
    });
  });

  it('fails on configurations that could fire for the same key and event, as S3 refuses them', async () => {
    const loading = loadText(
      samFunction(
        [
          CODE,
          `
          Events:
            Uploaded:
              Type: S3
              Properties:
                Bucket: !Ref Photos
                Events: s3:ObjectCreated:Put
                Filter: { S3Key: { Rules: [{ Name: prefix, Value: uploads/photos/ }] } }
        `,
        ],
        '',
        `
        Photos:
          Type: AWS::S3::Bucket
          Properties:
            NotificationConfiguration:
              LambdaConfigurations:
                - Event: s3:ObjectCreated:*
                  Function: !GetAtt Fn.Arn
                  Filter: { S3Key: { Rules: [{ Name: prefix, Value: uploads/ }] } }
      `,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Events.Uploaded.Properties.Events',
      message:
        /overlaps the one from Photos\.Properties\.NotificationConfiguration\.LambdaConfigurations\[0\]/,
    });
  });

  it('accepts configurations whose filters cannot match one key', async () => {
    const stack = await loadText(
      withEvents(`
        Jpeg:
          Type: S3
          Properties:
            Bucket: !Ref Photos
            Events: s3:ObjectCreated:*
            Filter: { S3Key: { Rules: [{ Name: suffix, Value: .jpg }] } }
        Png:
          Type: S3
          Properties:
            Bucket: !Ref Photos
            Events: s3:ObjectCreated:*
            Filter: { S3Key: { Rules: [{ Name: suffix, Value: .png }] } }
      `),
    );

    expect(stack.buckets[0]?.notifications.map((notification) => notification.suffix)).toEqual([
      '.jpg',
      '.png',
    ]);
  });

  it('still reports the resource types it does not create, such as access points', async () => {
    const stack = await loadText(
      samFunction(
        CODE,
        '',
        `${PHOTOS_BUCKET}
  Point:
    Type: AWS::S3::AccessPoint
    Properties: { Bucket: !Ref Photos }
`,
      ),
    );

    expect(stack.issues).toContainEqual({
      resource: 'Point',
      message: 'AWS::S3::AccessPoint is not supported by the local cloud yet; Point is not created locally',
    });
  });
});
