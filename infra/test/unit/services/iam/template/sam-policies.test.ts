import { describe, expect, it } from 'vitest';
import {
  CODE,
  dedent,
  expectTemplateError,
  functionNamed,
  loadText,
  photosTable,
  roleNamed,
  roleReferences,
  roleReferenceVariables,
  samFunction,
} from '../../../stack/helpers.js';

const RESOURCES = `
${photosTable('StreamSpecification: { StreamViewType: NEW_IMAGE }')}
Uploads:
  Type: AWS::S3::Bucket
  Properties: { BucketName: uploads }
`;

/** The function `Fn` with the given `Policies` (YAML) and more properties, beside the table and bucket. */
function withPolicies(policies: string, more = '', sections = ''): string {
  return samFunction([CODE, `Policies:\n${dedent(policies, 2)}`, more], sections, RESOURCES);
}

const BASIC_EXECUTION = {
  arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  document: {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: '*',
      },
    ],
  },
};

const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/photos';
const TABLE_AND_INDEXES = [TABLE, `${TABLE}/index/*`];
const BUCKET_AND_OBJECTS = ['arn:aws:s3:::uploads', 'arn:aws:s3:::uploads/*'];
const SES_IDENTITY = 'arn:aws:ses:us-east-1:123456789012:identity/example.com';

describe('the role SAM creates for a function', () => {
  it('gives a function without Role the Lambda trust policy, basic execution and the SAM tag', async () => {
    const stack = await loadText(samFunction(CODE));

    const role = roleNamed(stack, 'FnRole');

    expect(role).toEqual({
      logicalId: 'FnRole',
      roleName: 'photos-FnRole',
      arn: 'arn:aws:iam::123456789012:role/photos-FnRole',
      roleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
      path: '/',
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
        ],
      },
      policies: [],
      managedPolicies: [BASIC_EXECUTION],
      maxSessionDuration: 3600,
      tags: { 'lambda:createdBy': 'SAM' },
    });
    expect(functionNamed(stack, 'Fn').role).toBe(role.arn);
    expect(stack.issues).toEqual([]);
  });

  it('lets other resources refer to the role SAM creates by Ref and Fn::GetAtt', async () => {
    const stack = await loadText(
      samFunction(
        CODE,
        '',
        `
        Other:
          Type: AWS::Serverless::Function
          Properties:
            Runtime: nodejs22.x
            Handler: app.handler
            CodeUri: "{{code}}/hello"
            Environment:
              Variables: ${roleReferenceVariables('FnRole')}
      `,
      ),
    );

    const role = roleNamed(stack, 'FnRole');

    expect(functionNamed(stack, 'Other').environment).toEqual(roleReferences(role));
  });

  it('creates no role for a function that names its own', async () => {
    const stack = await loadText(samFunction([CODE, 'Role: arn:aws:iam::123456789012:role/shared']));

    expect(stack.roles).toEqual([]);
  });

  it.each([
    [
      'DynamoDBCrudPolicy',
      'TableName: !Ref Photos',
      [
        {
          Action: [
            'dynamodb:GetItem',
            'dynamodb:DeleteItem',
            'dynamodb:PutItem',
            'dynamodb:Scan',
            'dynamodb:Query',
            'dynamodb:UpdateItem',
            'dynamodb:BatchWriteItem',
            'dynamodb:BatchGetItem',
            'dynamodb:DescribeTable',
            'dynamodb:ConditionCheckItem',
          ],
          Effect: 'Allow',
          Resource: TABLE_AND_INDEXES,
        },
      ],
    ],
    [
      'DynamoDBReadPolicy',
      'TableName: !Ref Photos',
      [
        {
          Action: [
            'dynamodb:GetItem',
            'dynamodb:Scan',
            'dynamodb:Query',
            'dynamodb:BatchGetItem',
            'dynamodb:DescribeTable',
          ],
          Effect: 'Allow',
          Resource: TABLE_AND_INDEXES,
        },
      ],
    ],
    [
      'DynamoDBWritePolicy',
      'TableName: photos',
      [
        {
          Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
          Effect: 'Allow',
          Resource: TABLE_AND_INDEXES,
        },
      ],
    ],
    [
      'DynamoDBStreamReadPolicy',
      'TableName: !Ref Photos, StreamName: !Select [3, !Split ["/", !GetAtt Photos.StreamArn]]',
      [
        {
          Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          Effect: 'Allow',
          Resource: `${TABLE}/stream/1970-01-01T00:00:00.000`,
        },
        { Action: ['dynamodb:ListStreams'], Effect: 'Allow', Resource: `${TABLE}/stream/*` },
      ],
    ],
    [
      'S3ReadPolicy',
      'BucketName: !Ref Uploads',
      [
        {
          Action: [
            's3:GetObject',
            's3:ListBucket',
            's3:GetBucketLocation',
            's3:GetObjectVersion',
            's3:GetLifecycleConfiguration',
          ],
          Effect: 'Allow',
          Resource: BUCKET_AND_OBJECTS,
        },
      ],
    ],
    [
      'S3WritePolicy',
      'BucketName: !Ref Uploads',
      [
        {
          Action: ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'],
          Effect: 'Allow',
          Resource: BUCKET_AND_OBJECTS,
        },
      ],
    ],
    [
      'S3CrudPolicy',
      'BucketName: uploads',
      [
        {
          Action: [
            's3:GetObject',
            's3:ListBucket',
            's3:GetBucketLocation',
            's3:GetObjectVersion',
            's3:PutObject',
            's3:PutObjectAcl',
            's3:GetLifecycleConfiguration',
            's3:PutLifecycleConfiguration',
            's3:DeleteObject',
          ],
          Effect: 'Allow',
          Resource: BUCKET_AND_OBJECTS,
        },
      ],
    ],
    [
      'LambdaInvokePolicy',
      'FunctionName: resize',
      [
        {
          Action: ['lambda:InvokeFunction'],
          Effect: 'Allow',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:resize*',
        },
      ],
    ],
    [
      'SESCrudPolicy',
      'IdentityName: example.com',
      [
        {
          Action: [
            'ses:GetIdentityVerificationAttributes',
            'ses:SendEmail',
            'ses:SendRawEmail',
            'ses:VerifyEmailIdentity',
          ],
          Effect: 'Allow',
          Resource: SES_IDENTITY,
        },
      ],
    ],
    [
      'SESSendBouncePolicy',
      'IdentityName: example.com',
      [{ Action: ['ses:SendBounce'], Effect: 'Allow', Resource: SES_IDENTITY }],
    ],
    [
      'CloudWatchPutMetricPolicy',
      '',
      [{ Action: ['cloudwatch:PutMetricData'], Effect: 'Allow', Resource: '*' }],
    ],
    [
      'AWSSecretsManagerGetSecretValuePolicy',
      'SecretArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
      [
        {
          Action: ['secretsmanager:GetSecretValue'],
          Effect: 'Allow',
          Resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
        },
      ],
    ],
    [
      'SQSSendMessagePolicy',
      'QueueName: jobs',
      [
        {
          Action: ['sqs:SendMessage*'],
          Effect: 'Allow',
          Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs',
        },
      ],
    ],
    [
      'SNSPublishMessagePolicy',
      'TopicName: alerts',
      [{ Action: ['sns:Publish'], Effect: 'Allow', Resource: 'arn:aws:sns:us-east-1:123456789012:alerts' }],
    ],
  ])('expands the %s template into the statements SAM writes', async (name, parameters, statements) => {
    const stack = await loadText(withPolicies(`- ${name}: { ${parameters} }`));

    expect(roleNamed(stack, 'FnRole').policies).toEqual([
      { name: 'FnRolePolicy0', document: { Statement: statements } },
    ]);
    expect(stack.issues).toEqual([]);
  });

  it('names inline policies by their index among all Policies and turns managed policy names into ARNs', async () => {
    const stack = await loadText(
      withPolicies(`
        - AWSLambdaExecute
        - Statement:
            - { Effect: Allow, Action: s3:GetObject, Resource: !Sub "\${Uploads.Arn}/public/*" }
        - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
        - DynamoDBReadPolicy: { TableName: !Ref Photos }
        - AWSLambdaBasicExecutionRole
      `),
    );

    const role = roleNamed(stack, 'FnRole');

    expect(role.policies.map((policy) => policy.name)).toEqual(['FnRolePolicy1', 'FnRolePolicy3']);
    expect(role.policies[0]?.document).toEqual({
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::uploads/public/*' }],
    });
    expect(role.managedPolicies.map((policy) => policy.arn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AWSLambdaExecute',
      'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess',
    ]);
    expect(role.managedPolicies.every((policy) => policy.document !== undefined)).toBe(true);
  });

  it('takes a single policy as well as a list', async () => {
    const stack = await loadText(samFunction([CODE, 'Policies: AmazonS3ReadOnlyAccess']));

    expect(roleNamed(stack, 'FnRole').managedPolicies.map((policy) => policy.arn)).toEqual([
      BASIC_EXECUTION.arn,
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ]);
  });

  it('picks the branch of an Fn::If as SAM does, keeping the index of each entry', async () => {
    const stack = await loadText(
      withPolicies(
        `
        - !If [IsProd, AmazonS3ReadOnlyAccess, !Ref AWS::NoValue]
        - !If [IsProd, { S3CrudPolicy: { BucketName: uploads } }, { S3ReadPolicy: { BucketName: uploads } }]
      `,
        '',
        'Parameters: { Stage: { Type: String, Default: dev } }\nConditions: { IsProd: !Equals [!Ref Stage, prod] }',
      ),
    );

    const role = roleNamed(stack, 'FnRole');

    expect(role.managedPolicies.map((policy) => policy.arn)).toEqual([BASIC_EXECUTION.arn]);
    expect(role.policies.map((policy) => policy.name)).toEqual(['FnRolePolicy1']);
    expect(role.policies[0]?.document.Statement).toEqual([
      expect.objectContaining({ Action: expect.arrayContaining(['s3:GetObject']) }),
    ]);
    expect(JSON.stringify(role.policies[0]?.document)).not.toContain('s3:PutObject');
  });

  it('builds the role from the Globals the function inherits: trust policy, path, tags and tracing', async () => {
    const stack = await loadText(
      samFunction(
        [CODE, 'Tags: { owner: feed }'],
        `
        Globals:
          Function:
            RolePath: /app/
            Tracing: Active
            Tags: { team: photos }
            AssumeRolePolicyDocument:
              Statement:
                - { Effect: Allow, Principal: { Service: [lambda.amazonaws.com, edgelambda.amazonaws.com] }, Action: sts:AssumeRole }
      `,
      ),
    );

    const role = roleNamed(stack, 'FnRole');

    expect(role).toMatchObject({
      path: '/app/',
      arn: 'arn:aws:iam::123456789012:role/app/photos-FnRole',
      tags: { 'lambda:createdBy': 'SAM', team: 'photos', owner: 'feed' },
      assumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] },
            Action: 'sts:AssumeRole',
          },
        ],
      },
    });
    expect(role.managedPolicies.map((policy) => policy.arn)).toEqual([
      BASIC_EXECUTION.arn,
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
    ]);
    expect(functionNamed(stack, 'Fn').role).toBe(role.arn);
  });

  it('refuses Policies in Globals, as SAM does', async () => {
    const loading = loadText(
      samFunction(CODE, 'Globals:\n  Function:\n    Policies: [AmazonS3ReadOnlyAccess]'),
    );

    await expectTemplateError(loading, {
      resource: 'Globals',
      property: 'Function.Policies',
      message: /not allow Policies/,
    });
  });

  it('adds the stream policy of a DynamoDB event, and access to its failure bucket when its Type says so', async () => {
    const stack = await loadText(
      samFunction(
        [
          CODE,
          `
          Events:
            Changes:
              Type: DynamoDB
              Properties:
                Stream: !GetAtt Photos.StreamArn
                StartingPosition: LATEST
                DestinationConfig:
                  OnFailure: { Type: S3, Destination: !GetAtt Uploads.Arn }
        `,
        ],
        '',
        RESOURCES,
      ),
    );

    const role = roleNamed(stack, 'FnRole');

    expect(role.managedPolicies.map((policy) => policy.arn)).toEqual([
      BASIC_EXECUTION.arn,
      'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
    ]);
    expect(role.managedPolicies[1]?.document?.Statement).toEqual([
      expect.objectContaining({
        Action: expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator']),
      }),
    ]);
    expect(role.policies).toEqual([
      {
        name: 'FnChangesS3Policy',
        document: {
          Statement: [
            { Action: 's3:PutObject', Effect: 'Allow', Resource: 'arn:aws:s3:::uploads/*' },
            { Action: 's3:ListBucket', Effect: 'Allow', Resource: 'arn:aws:s3:::uploads' },
          ],
        },
      },
    ]);
    expect(stack.issues).toEqual([]);
  });

  it('lets the role invoke the Lambda destinations of asynchronous calls, before its Policies', async () => {
    const stack = await loadText(
      samFunction(
        [
          CODE,
          `
          EventInvokeConfig:
            DestinationConfig:
              OnFailure: { Type: Lambda, Destination: !GetAtt Other.Arn }
          Policies: [{ CloudWatchPutMetricPolicy: {} }]
        `,
        ],
        '',
        `
        Other:
          Type: AWS::Serverless::Function
          Properties: { FunctionName: other, Runtime: nodejs22.x, Handler: app.handler, CodeUri: "{{code}}/hello" }
      `,
      ),
    );

    expect(roleNamed(stack, 'FnRole').policies).toEqual([
      {
        name: 'FnEventInvokeConfigOnFailureLambdaPolicy',
        document: {
          Statement: [
            {
              Action: 'lambda:InvokeFunction',
              Effect: 'Allow',
              Resource: 'arn:aws:lambda:us-east-1:123456789012:function:other',
            },
          ],
        },
      },
      {
        name: 'FnRolePolicy0',
        document: { Statement: [{ Action: ['cloudwatch:PutMetricData'], Effect: 'Allow', Resource: '*' }] },
      },
    ]);
  });

  it('lets the role send to its dead-letter queue, which the local cloud reports it does not use', async () => {
    const stack = await loadText(
      samFunction([
        CODE,
        'DeadLetterQueue: { Type: SNS, TargetArn: arn:aws:sns:us-east-1:123456789012:dead }',
      ]),
    );

    expect(roleNamed(stack, 'FnRole').policies).toEqual([
      {
        name: 'DeadLetterQueuePolicy',
        document: {
          Version: '2012-10-17',
          Statement: [
            { Action: 'sns:Publish', Resource: 'arn:aws:sns:us-east-1:123456789012:dead', Effect: 'Allow' },
          ],
        },
      },
    ]);
    expect(stack.issues.map((issue) => issue.property)).toEqual(['Properties.DeadLetterQueue']);
  });

  it('reports the policies SAM knows but the local cloud cannot give the role', async () => {
    const stack = await loadText(
      withPolicies(`
        - AmazonSQSFullAccess
        - EC2DescribePolicy: {}
        - arn:aws:iam::123456789012:policy/photos-custom
      `),
    );

    const role = roleNamed(stack, 'FnRole');

    expect(role.managedPolicies).toEqual([
      BASIC_EXECUTION,
      { arn: 'arn:aws:iam::aws:policy/AmazonSQSFullAccess' },
      { arn: 'arn:aws:iam::123456789012:policy/photos-custom' },
    ]);
    expect(role.policies).toEqual([]);
    expect(stack.issues).toEqual([
      {
        resource: 'Fn',
        property: 'Properties.Policies[0]',
        message: expect.stringMatching(/managed policy AmazonSQSFullAccess is not known locally/),
      },
      {
        resource: 'Fn',
        property: 'Properties.Policies[1]',
        message: expect.stringMatching(/statements of SAM's policy template EC2DescribePolicy/),
      },
      {
        resource: 'Fn',
        property: 'Properties.Policies[2]',
        message: expect.stringMatching(/photos-custom are not known locally/),
      },
    ]);
  });

  it.each([
    [
      'a policy template SAM does not know',
      '- DynamoDBEverythingPolicy: { TableName: photos }',
      'Properties.Policies[0]',
      /policy at index 0 is not valid/,
    ],
    [
      'a policy template without its parameter',
      '- DynamoDBCrudPolicy: {}',
      'Properties.Policies[0].DynamoDBCrudPolicy',
      /needs TableName/,
    ],
    [
      'a policy template without parameter values',
      '- CloudWatchPutMetricPolicy:',
      'Properties.Policies[0].CloudWatchPutMetricPolicy',
      /takes a mapping/,
    ],
    [
      'a policy statement IAM would refuse',
      '- Statement: [{ Effect: Permit, Action: s3:GetObject, Resource: "*" }]',
      'Properties.Policies[0].Statement[0].Effect',
      /Allow or Deny/,
    ],
    [
      'a managed policy given as something else than a name or ARN',
      '- !Select [0, [[a]]]',
      'Properties.Policies[0]',
      /name or an ARN/,
    ],
  ])('fails on %s, as SAM or IAM does', async (_, policies, property, message) => {
    const loading = loadText(withPolicies(policies));

    await expectTemplateError(loading, { resource: 'Fn', property, message });
  });
});
