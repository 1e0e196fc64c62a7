import { describe, expect, it } from 'vitest';
import { functionNamed, loadText } from './helpers.js';

/** Resources and properties the local cloud does not honour yet. */
const UNSUPPORTED = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Users:
    Type: AWS::Cognito::UserPool
  Notify:
    Type: AWS::SNS::Topic
  Upload:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      Description: handles uploads
      CodeSigningConfigArn: arn:aws:lambda:us-east-1:123456789012:code-signing-config:csc-1
      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:sharp:3]
      VpcConfig:
        SubnetIds: [subnet-1]
        SecurityGroupIds: [sg-1]
      Policies:
        - SQSPollerPolicy:
            QueueName: !GetAtt Jobs.QueueName
      Tracing: Active
      AutoPublishAlias: live
      FunctionUrlConfig:
        AuthType: NONE
      Events:
        Queued:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
`;

describe('features the local cloud does not honour', () => {
  it('reports every resource type it does not run, with the type', async () => {
    const stack = await loadText(UNSUPPORTED);

    expect(stack.issues).toContainEqual({
      resource: 'Jobs',
      message: 'AWS::SQS::Queue is not supported by the local cloud yet; Jobs is not created locally',
    });
    for (const [resource, type] of [
      ['Users', 'AWS::Cognito::UserPool'],
      ['Notify', 'AWS::SNS::Topic'],
    ]) {
      expect(stack.issues).toContainEqual({
        resource,
        message: expect.stringMatching(new RegExp(`^${type} `)),
      });
    }
  });

  it('reports each unsupported function property once, by resource and property', async () => {
    const stack = await loadText(UNSUPPORTED);

    const properties = stack.issues
      .filter((issue) => issue.resource === 'Upload')
      .map((issue) => issue.property);

    expect(properties.sort()).toEqual([
      'Properties.AutoPublishAlias',
      'Properties.Events.Nightly',
      'Properties.Events.Queued',
      'Properties.FunctionUrlConfig',
      'Properties.Layers',
      'Properties.Tracing',
      'Properties.VpcConfig',
    ]);
  });

  it('names the type of each event source it does not wire', async () => {
    const stack = await loadText(UNSUPPORTED);

    expect(stack.issues).toContainEqual({
      resource: 'Upload',
      property: 'Properties.Events.Queued',
      message: expect.stringMatching(/^SQS event sources are not supported/),
    });
    expect(stack.issues).toContainEqual({
      resource: 'Upload',
      property: 'Properties.Events.Nightly',
      message: expect.stringMatching(/^Schedule event sources are not supported/),
    });
  });

  it('accepts deployment-only properties silently and still runs the function', async () => {
    const stack = await loadText(UNSUPPORTED);

    const fn = functionNamed(stack, 'Upload');

    expect(fn.description).toBe('handles uploads');
    expect(stack.issues.some((issue) => issue.property === 'Properties.CodeSigningConfigArn')).toBe(false);
  });
});
