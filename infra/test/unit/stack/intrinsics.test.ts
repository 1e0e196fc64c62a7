import { describe, expect, it } from 'vitest';
import { parseSub } from '../../../src/stack/sub.js';
import { expectTemplateError, functionNamed, loadText, samFunction } from './helpers.js';

/** Every intrinsic function the reader evaluates, each in an environment variable of Probe. */
const INTRINSICS = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
  Subnets:
    Type: CommaDelimitedList
    Default: "subnet-a, subnet-b,subnet-c"
Mappings:
  StageSettings:
    dev:
      LogLevel: debug
    prod:
      LogLevel: warn
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Probe:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: !Sub \${AWS::StackName}-probe
      Runtime: nodejs20.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      Environment:
        Variables:
          STAGE: !Ref Stage
          REGION: !Ref AWS::Region
          ACCOUNT: !Ref AWS::AccountId
          STACK: !Ref AWS::StackName
          STACK_ID: !Ref AWS::StackId
          PARTITION: !Ref AWS::Partition
          URL_SUFFIX: !Ref AWS::URLSuffix
          TARGET_NAME: !Ref Target
          TARGET_ARN: !GetAtt Target.Arn
          NAMED_BUCKET: !Ref PhotosBucket
          UNNAMED_BUCKET: !Ref ScratchBucket
          BUCKET_ARN: !GetAtt PhotosBucket.Arn
          ROLE_ARN: !GetAtt ProbeRole.Arn
          QUEUE_URL: !Ref Jobs
          SUB_STRING: !Sub "arn:\${AWS::Partition}:s3:::\${PhotosBucket}/\${Stage}/*"
          SUB_ATTRIBUTE: !Sub "\${Target.Arn}:live"
          SUB_LITERAL: !Sub "\${!NotReplaced}-\${Stage}"
          SUB_LIST: !Sub
            - "\${Prefix}-\${Stage}"
            - Prefix: !Join ["", [pre, fix]]
          JOINED: !Join [",", [a, !Ref Stage, c]]
          SELECTED: !Select [1, !Ref Subnets]
          SPLIT_SELECT: !Select [2, !Split ["/", "a/b/c"]]
          FROM_MAP: !FindInMap [StageSettings, !Ref Stage, LogLevel]
          BASE64: !Base64 "hello"
          FIRST_AZ: !Select [0, !GetAZs ""]
          IF_VALUE: !If [IsProd, prod-value, dev-value]
          REMOVED: !If [IsProd, present, !Ref AWS::NoValue]
          IMPORTED: !ImportValue shared-network-VpcId
          ROLE_ID: !GetAtt TargetRole.RoleId
          USER_POOL_URL: !GetAtt Users.ProviderURL
  Target:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: target-fn
      Runtime: nodejs20.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      Role: !GetAtt TargetRole.Arn
  TargetRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub \${Stage}-target-role
      Path: /service/
      AssumeRolePolicyDocument:
        Statement:
          - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }
  Users:
    Type: AWS::Cognito::UserPool
  PhotosBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub lambdagram-photos-\${Stage}
  ScratchBucket:
    Type: AWS::S3::Bucket
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
  Photos:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: photos
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      BillingMode: PAY_PER_REQUEST
`;

const BASE = `
  Runtime: nodejs22.x
  Handler: app.handler
  CodeUri: "{{code}}/hello"
`;

describe('intrinsic functions', () => {
  it('evaluates Ref to parameters and pseudo parameters', async () => {
    const stack = await loadText(INTRINSICS);

    const { environment } = functionNamed(stack, 'Probe');

    expect(environment).toMatchObject({
      STAGE: 'dev',
      REGION: 'us-east-1',
      ACCOUNT: '123456789012',
      STACK: 'photos',
      PARTITION: 'aws',
      URL_SUFFIX: 'amazonaws.com',
    });
    expect(environment.STACK_ID).toMatch(
      /^arn:aws:cloudformation:us-east-1:123456789012:stack\/photos\/[0-9a-f-]{36}$/,
    );
  });

  it('evaluates Ref and Fn::GetAtt of resources to their names and ARNs', async () => {
    const stack = await loadText(INTRINSICS);

    const { environment } = functionNamed(stack, 'Probe');

    expect(environment).toMatchObject({
      TARGET_NAME: 'target-fn',
      TARGET_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:target-fn',
      NAMED_BUCKET: 'lambdagram-photos-dev',
      UNNAMED_BUCKET: expect.stringMatching(/^photos-scratchbucket-[a-z0-9]{12}$/),
      BUCKET_ARN: 'arn:aws:s3:::lambdagram-photos-dev',
      ROLE_ARN: 'arn:aws:iam::123456789012:role/photos-ProbeRole',
      QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs',
      ROLE_ID: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
    });
    expect(functionNamed(stack, 'Target').role).toBe(
      'arn:aws:iam::123456789012:role/service/dev-target-role',
    );
  });

  it('evaluates Fn::Sub in its string and list forms', async () => {
    const stack = await loadText(INTRINSICS);

    const fn = functionNamed(stack, 'Probe');

    expect(fn.functionName).toBe('photos-probe');
    expect(fn.environment).toMatchObject({
      SUB_STRING: 'arn:aws:s3:::lambdagram-photos-dev/dev/*',
      SUB_ATTRIBUTE: 'arn:aws:lambda:us-east-1:123456789012:function:target-fn:live',
      SUB_LITERAL: `\${NotReplaced}-dev`,
      SUB_LIST: 'prefix-dev',
    });
  });

  it('evaluates Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::Base64 and Fn::GetAZs', async () => {
    const stack = await loadText(INTRINSICS);

    const { environment } = functionNamed(stack, 'Probe');

    expect(environment).toMatchObject({
      JOINED: 'a,dev,c',
      SELECTED: 'subnet-b',
      SPLIT_SELECT: 'c',
      FROM_MAP: 'debug',
      BASE64: 'aGVsbG8=',
      FIRST_AZ: 'us-east-1a',
    });
  });

  it('evaluates Fn::If and drops a property set to AWS::NoValue', async () => {
    const stack = await loadText(INTRINSICS);

    const { environment } = functionNamed(stack, 'Probe');

    expect(environment.IF_VALUE).toBe('dev-value');
    expect(environment).not.toHaveProperty('REMOVED');
  });

  it('reports what cannot be known locally with resource and property, and keeps the rest', async () => {
    const stack = await loadText(INTRINSICS);

    const { environment } = functionNamed(stack, 'Probe');

    expect(environment).not.toHaveProperty('IMPORTED');
    expect(environment).not.toHaveProperty('USER_POOL_URL');
    expect(stack.issues).toContainEqual({
      resource: 'Probe',
      property: 'Properties.Environment.Variables.IMPORTED',
      message: expect.stringMatching(/Fn::ImportValue/),
    });
    expect(stack.issues).toContainEqual({
      resource: 'Probe',
      property: 'Properties.Environment.Variables.USER_POOL_URL',
      message: expect.stringMatching(/ProviderURL attribute of AWS::Cognito::UserPool/),
    });
  });

  it('reports a reference to a resource SAM generates, which the local cloud does not', async () => {
    const stack = await loadText(
      samFunction([
        BASE,
        `
        Environment:
          Variables:
            API: !Ref ServerlessRestApi
            ALIAS: !Ref FnAliaslive
      `,
      ]),
    );

    expect(functionNamed(stack, 'Fn').environment).toEqual({});
    expect(stack.issues).toContainEqual({
      resource: 'Fn',
      property: 'Properties.Environment.Variables.ALIAS',
      message: expect.stringMatching(/SAM generates it from Fn/),
    });
    expect(stack.issues).toContainEqual(
      expect.objectContaining({ property: 'Properties.Environment.Variables.API' }),
    );
  });

  it('fails on an essential property that cannot be known locally', async () => {
    const loading = loadText(
      samFunction(`
      Runtime: !ImportValue shared-runtime
      Handler: app.handler
      CodeUri: "{{code}}/hello"
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Runtime',
      message: /cannot be evaluated locally/,
    });
  });

  it('fails on a Ref to a name that is neither a parameter nor a resource', async () => {
    const loading = loadText(
      samFunction(`
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      Environment:
        Variables:
          TABLE: !Ref Missing
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Environment.Variables.TABLE',
      message: /no parameter or resource named 'Missing'/,
    });
  });

  it('fails on names that are defined through each other', async () => {
    const loading = loadText(
      samFunction(
        `
        FunctionName: !Sub "\${Other}-fn"
        Runtime: nodejs22.x
        Handler: app.handler
        CodeUri: "{{code}}/hello"
      `,
        '',
        `
        Other:
          Type: AWS::Serverless::Function
          Properties:
            FunctionName: !Sub "\${Fn}-other"
            Runtime: nodejs22.x
            Handler: app.handler
            CodeUri: "{{code}}/hello"
      `,
      ),
    );

    await expectTemplateError(loading, {
      message: /circular reference: Fn\.Properties\.FunctionName -> Ref Other/,
    });
  });

  it('fails on a malformed intrinsic function, naming where it is', async () => {
    const loading = loadText(
      samFunction(`
      Runtime: nodejs22.x
      Handler: app.handler
      CodeUri: "{{code}}/hello"
      Environment:
        Variables:
          PICKED: !Select [5, [a, b]]
    `),
    );

    await expectTemplateError(loading, {
      resource: 'Fn',
      property: 'Properties.Environment.Variables.PICKED',
      message: /outside the list of 2 values/,
    });
  });
});

describe('parseSub', () => {
  it('splits text and placeholders, keeping the escaped form as text', () => {
    const parts = parseSub(`arn:\${AWS::Partition}:s3:::\${Bucket}/\${!Literal}/x`);

    expect(parts).toEqual([
      { literal: 'arn:' },
      { variable: 'AWS::Partition' },
      { literal: ':s3:::' },
      { variable: 'Bucket' },
      { literal: `/\${Literal}/x` },
    ]);
  });

  it('keeps a placeholder that is never closed as text', () => {
    expect(parseSub(`cost: \${5`)).toEqual([{ literal: `cost: \${5` }]);
  });
});
