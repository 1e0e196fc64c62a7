import { describe, expect, it } from 'vitest';
import { CODE, dedent, expectTemplateError, loadText, samFunction } from '../../../stack/helpers.js';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:process-upload';
const SID = /^photos-[A-Za-z]+-[A-Z0-9]{12}$/;

/** The function `process-upload` (`Fn`), the bucket `Photos`, and more resources (YAML). */
function withUploads(resources: string): string {
  return samFunction(
    [CODE, 'FunctionName: process-upload'],
    '',
    `Photos:\n  Type: AWS::S3::Bucket\n  Properties: { BucketName: photos-bucket }\n${dedent(resources, 0)}`,
  );
}

/** An `AWS::Lambda::Permission` named `Permission` with the given properties (YAML). */
function permission(properties: string): string {
  return withUploads(`Permission:\n  Type: AWS::Lambda::Permission\n  Properties:\n${dedent(properties, 4)}`);
}

describe('Lambda permissions', () => {
  it('stores a permission as the statement Lambda adds to the function policy', async () => {
    const stack = await loadText(
      permission(`
        Action: lambda:InvokeFunction
        FunctionName: !GetAtt Fn.Arn
        Principal: s3.amazonaws.com
        SourceArn: !GetAtt Photos.Arn
        SourceAccount: !Ref AWS::AccountId
      `),
    );

    expect(stack.resourcePolicies).toEqual([
      {
        logicalId: 'Permission',
        kind: 'lambda-permission',
        resourceArn: FUNCTION_ARN,
        document: {
          Version: '2012-10-17',
          Id: 'default',
          Statement: [
            {
              Sid: expect.stringMatching(SID),
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Action: 'lambda:InvokeFunction',
              Resource: FUNCTION_ARN,
              Condition: {
                StringEquals: { 'AWS:SourceAccount': '123456789012' },
                ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::photos-bucket' },
              },
            },
          ],
        },
      },
    ]);
    expect(stack.issues).toEqual([]);
  });

  it.each([
    ['an account id', '210987654321', { AWS: 'arn:aws:iam::210987654321:root' }],
    [
      'an IAM role ARN',
      'arn:aws:iam::123456789012:role/admin',
      { AWS: 'arn:aws:iam::123456789012:role/admin' },
    ],
    ['everyone', '"*"', '*'],
  ])('turns a principal given as %s into the principal Lambda stores', async (_, principal, stored) => {
    const stack = await loadText(
      permission(`{ Action: "lambda:*", FunctionName: process-upload, Principal: ${principal} }`),
    );

    expect(stack.resourcePolicies[0]?.document.Statement).toEqual([
      expect.objectContaining({ Principal: stored, Action: 'lambda:*' }),
    ]);
  });

  it.each([
    ['its name', '!Ref Fn'],
    ['its ARN', FUNCTION_ARN],
    ['a partial ARN', '123456789012:function:process-upload'],
  ])('finds the function by %s', async (_, functionName) => {
    const stack = await loadText(
      permission(
        `{ Action: lambda:InvokeFunction, FunctionName: ${functionName}, Principal: events.amazonaws.com }`,
      ),
    );

    expect(stack.resourcePolicies.map((policy) => policy.resourceArn)).toEqual([FUNCTION_ARN]);
  });

  it('puts a permission for an alias on the function, which is what runs locally, and says so', async () => {
    const stack = await loadText(
      permission(
        '{ Action: lambda:InvokeFunction, FunctionName: process-upload:live, Principal: sns.amazonaws.com }',
      ),
    );

    expect(stack.resourcePolicies.map((policy) => policy.resourceArn)).toEqual([FUNCTION_ARN]);
    expect(stack.issues).toEqual([
      {
        resource: 'Permission',
        property: 'Properties.FunctionName',
        message: expect.stringMatching(/permission for live is put on process-upload/),
      },
    ]);
  });

  it.each([
    [
      'a function outside the stack',
      'FunctionName: resize',
      'Properties.FunctionName',
      /not in the local stack/,
    ],
    [
      'a function of another account',
      'FunctionName: arn:aws:lambda:us-east-1:210987654321:function:process-upload',
      'Properties.FunctionName',
      /outside this stack's account and region/,
    ],
    [
      'an organization condition',
      'FunctionName: process-upload\nPrincipalOrgID: o-a1b2c3d4e5',
      'Properties.PrincipalOrgID',
      /organizations do not exist locally, so the permission is not created/,
    ],
    [
      'a function URL',
      'FunctionName: process-upload\nFunctionUrlAuthType: NONE',
      'Properties.FunctionUrlAuthType',
      /function URLs are not served locally/,
    ],
    [
      'a source only AWS knows',
      'FunctionName: process-upload\nSourceArn: !ImportValue shared-topic-arn',
      'Properties.SourceArn',
      /cannot be evaluated locally/,
    ],
  ])('reports a permission for %s and does not create it', async (_, properties, property, message) => {
    const stack = await loadText(
      permission(`Action: lambda:InvokeFunction\nPrincipal: sns.amazonaws.com\n${properties}`),
    );

    expect(stack.resourcePolicies).toEqual([]);
    expect(stack.issues).toEqual([
      { resource: 'Permission', property, message: expect.stringMatching(message) },
    ]);
  });

  it.each([
    ['an action outside Lambda', 'Action: s3:GetObject', 'Properties.Action', /not a Lambda action/],
    [
      'a principal Lambda does not take',
      'Principal: somebody',
      'Properties.Principal',
      /not a principal Lambda takes/,
    ],
    [
      'a source account that is not an account id',
      'SourceAccount: "1234"',
      'Properties.SourceAccount',
      /not an account id/,
    ],
    ['a missing principal', 'Principal: !Ref AWS::NoValue', 'Properties.Principal', /is required/],
  ])('fails on %s', async (_, override, property, message) => {
    const properties = {
      Action: 'lambda:InvokeFunction',
      FunctionName: 'process-upload',
      Principal: 's3.amazonaws.com',
    };
    const [key] = override.split(':') as [keyof typeof properties];
    const lines = Object.entries(properties)
      .filter(([name]) => name !== key)
      .map(([name, value]) => `${name}: ${value}`);

    const loading = loadText(permission([...lines, override].join('\n')));

    await expectTemplateError(loading, { resource: 'Permission', property, message });
  });

  it('adds the permission SAM creates for each S3 event of a function', async () => {
    const stack = await loadText(
      samFunction(
        [
          CODE,
          `
          Events:
            Uploaded: { Type: S3, Properties: { Bucket: !Ref Photos, Events: s3:ObjectCreated:* } }
        `,
        ],
        '',
        'Photos:\n  Type: AWS::S3::Bucket\n  Properties: { BucketName: photos-bucket }',
      ),
    );

    expect(stack.resourcePolicies).toEqual([
      {
        logicalId: 'FnUploadedPermission',
        kind: 'lambda-permission',
        resourceArn: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
        document: {
          Version: '2012-10-17',
          Id: 'default',
          Statement: [
            {
              Sid: expect.stringMatching(/^photos-FnUploadedPermission-[A-Z0-9]{12}$/),
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Action: 'lambda:InvokeFunction',
              Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Fn',
              Condition: { StringEquals: { 'AWS:SourceAccount': '123456789012' } },
            },
          ],
        },
      },
    ]);
  });
});

describe('S3 bucket policies', () => {
  const POLICY = `
    PolicyDocument:
      Version: '2012-10-17'
      Statement:
        - Sid: PublicRead
          Effect: Allow
          Principal: "*"
          Action: s3:GetObject
          Resource: !Sub "\${Photos.Arn}/public/*"
  `;

  /** An `AWS::S3::BucketPolicy` named `Policy` with the given properties (YAML). */
  function bucketPolicy(properties: string, more = ''): string {
    return withUploads(
      `Policy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n${dedent(properties, 4)}\n${more}`,
    );
  }

  it('reads a bucket policy as S3 stores it, on the bucket it names', async () => {
    const stack = await loadText(bucketPolicy(`Bucket: !Ref Photos\n${dedent(POLICY, 0)}`));

    expect(stack.resourcePolicies).toEqual([
      {
        logicalId: 'Policy',
        kind: 'bucket-policy',
        resourceArn: 'arn:aws:s3:::photos-bucket',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'PublicRead',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::photos-bucket/public/*',
            },
          ],
        },
      },
    ]);
    expect(stack.issues).toEqual([]);
  });

  it('reports a policy on a bucket outside the stack and does not apply it', async () => {
    const stack = await loadText(bucketPolicy(`Bucket: someone-elses-bucket\n${dedent(POLICY, 0)}`));

    expect(stack.resourcePolicies).toEqual([]);
    expect(stack.issues).toEqual([
      {
        resource: 'Policy',
        property: 'Properties.Bucket',
        message: expect.stringMatching(/someone-elses-bucket is not a bucket of the local stack/),
      },
    ]);
  });

  it.each([
    [
      'a statement without a principal',
      'PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "*" }] }',
      'Properties.PolicyDocument.Statement[0]',
      /needs Principal or NotPrincipal/,
    ],
    [
      'a document that is not a mapping',
      'PolicyDocument: [read]',
      'Properties.PolicyDocument',
      /must be a mapping/,
    ],
    ['a missing document', '', 'Properties.PolicyDocument', /is required/],
  ])('fails on %s', async (_, document, property, message) => {
    const loading = loadText(bucketPolicy(`Bucket: !Ref Photos\n${document}`));

    await expectTemplateError(loading, { resource: 'Policy', property, message });
  });

  it('fails on a second policy for one bucket, as S3 keeps one', async () => {
    const loading = loadText(
      bucketPolicy(
        `Bucket: !Ref Photos\n${dedent(POLICY, 0)}`,
        `Second:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: photos-bucket\n${dedent(POLICY, 4)}`,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Second',
      property: 'Properties.Bucket',
      message: /already has a bucket policy \(Policy\)/,
    });
  });
});
