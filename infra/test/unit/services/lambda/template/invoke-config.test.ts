import { describe, expect, it } from 'vitest';
import { expectTemplateError, functionNamed, loadFixture, loadText } from '../../../stack/helpers.js';

describe('asynchronous invocation configuration', () => {
  it("reads SAM's EventInvokeConfig with a Lambda destination given by Fn::GetAtt", async () => {
    const stack = await loadFixture('invoke-config.yaml');

    const { asyncConfig } = functionNamed(stack, 'Uploader');

    expect(asyncConfig).toEqual({
      maximumRetryAttempts: 1,
      maximumEventAgeInSeconds: 300,
      onSuccess: {
        type: 'Lambda',
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:notifier',
        functionName: 'notifier',
      },
    });
  });

  it('reports destinations of other types and ignores them', async () => {
    const stack = await loadFixture('invoke-config.yaml');

    expect(stack.issues).toContainEqual({
      resource: 'Uploader',
      property: 'Properties.EventInvokeConfig.DestinationConfig.OnFailure',
      message: expect.stringMatching(/SQS destinations are not supported/),
    });
  });

  it('applies an AWS::Lambda::EventInvokeConfig resource to the function it names', async () => {
    const stack = await loadFixture('invoke-config.yaml');

    const { asyncConfig } = functionNamed(stack, 'Processor');

    expect(asyncConfig).toEqual({
      maximumRetryAttempts: 0,
      maximumEventAgeInSeconds: 21600,
      onFailure: {
        type: 'Lambda',
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:notifier',
        functionName: 'notifier',
      },
    });
  });

  it('keeps the defaults where nothing is configured, and reports configurations of aliases', async () => {
    const stack = await loadFixture('invoke-config.yaml');

    expect(functionNamed(stack, 'Notifier').asyncConfig).toEqual({
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 21600,
    });
    expect(stack.issues).toContainEqual(
      expect.objectContaining({ resource: 'AliasAsync', property: 'Properties.Qualifier' }),
    );
  });

  it('fails on two configurations for one function', async () => {
    const loading = loadText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      EventInvokeConfig: { MaximumRetryAttempts: 1 }
  Again:
    Type: AWS::Lambda::EventInvokeConfig
    Properties: { FunctionName: !Ref Fn, Qualifier: $LATEST, MaximumRetryAttempts: 0 }
`);

    await expectTemplateError(loading, {
      resource: 'Again',
      property: 'Properties',
      message: /already has an asynchronous/,
    });
  });

  it('fails on retry attempts outside 0-2', async () => {
    const loading = loadText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      EventInvokeConfig: { MaximumRetryAttempts: 5 }
`);

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.EventInvokeConfig.MaximumRetryAttempts',
      message: /between 0 and 2, got 5/,
    });
  });

  it('reports a destination function that is not in the stack', async () => {
    const stack = await loadText(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      EventInvokeConfig:
        DestinationConfig:
          OnFailure: { Type: Lambda, Destination: "arn:aws:lambda:us-east-1:123456789012:function:elsewhere" }
`);

    expect(stack.issues).toContainEqual({
      resource: 'Fn',
      property: 'Properties.EventInvokeConfig.DestinationConfig.OnFailure.Destination',
      message: expect.stringMatching(/elsewhere is not in the local stack/),
    });
  });
});
