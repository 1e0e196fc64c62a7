import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadStack } from '../../../../../src/registry/load-stack.js';
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
  tempDir,
  withResources,
} from '../../../stack/helpers.js';

const TRUST = `
AssumeRolePolicyDocument:
  Version: '2012-10-17'
  Statement:
    - Effect: Allow
      Principal: { Service: lambda.amazonaws.com }
      Action: sts:AssumeRole
`;

/** A template with the role `Worker` (its properties as YAML blocks) beside the function `Fn`. */
function workerRole(properties: string[], more = ''): string {
  const body = properties.map((block) => dedent(block, 4)).join('\n');
  return withResources(`Worker:\n  Type: AWS::IAM::Role\n  Properties:\n${body}\n${dedent(more || ' ', 0)}`);
}

const LAMBDA_TRUST_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

describe('IAM roles', () => {
  it('reads a role with its trust policy, inline and managed policies, session limit and tags', async () => {
    const stack = await loadText(
      workerRole(
        [
          'RoleName: photos-worker',
          'Path: /app/',
          TRUST,
          `
          Policies:
            - PolicyName: read-photos
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Action: [dynamodb:GetItem, dynamodb:Query]
                    Resource: !GetAtt Photos.Arn
          ManagedPolicyArns:
            - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
            - !Sub arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaRole
          MaxSessionDuration: 7200
          Tags:
            - { Key: team, Value: photos }
        `,
        ],
        photosTable(),
      ),
    );

    expect(roleNamed(stack, 'Worker')).toEqual({
      logicalId: 'Worker',
      roleName: 'photos-worker',
      arn: 'arn:aws:iam::123456789012:role/app/photos-worker',
      roleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
      path: '/app/',
      assumeRolePolicyDocument: LAMBDA_TRUST_DOCUMENT,
      policies: [
        {
          name: 'read-photos',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['dynamodb:GetItem', 'dynamodb:Query'],
                Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/photos',
              },
            ],
          },
        },
      ],
      managedPolicies: [
        {
          arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
          document: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: [
                  's3:Get*',
                  's3:List*',
                  's3:Describe*',
                  's3-object-lambda:Get*',
                  's3-object-lambda:List*',
                ],
                Resource: '*',
              },
            ],
          },
        },
        {
          arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaRole',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['*'] }],
          },
        },
      ],
      maxSessionDuration: 7200,
      tags: { team: 'photos' },
    });
    expect(stack.issues).toEqual([]);
  });

  it('names a role without RoleName as CloudFormation does, the same on every load', async () => {
    const template = workerRole([TRUST]);

    const first = roleNamed(await loadText(template), 'Worker');
    const second = roleNamed(await loadText(template), 'Worker');

    expect(first.roleName).toMatch(/^photos-Worker-[A-Z0-9]{12}$/);
    expect(first).toMatchObject({
      path: '/',
      arn: `arn:aws:iam::123456789012:role/${first.roleName}`,
      maxSessionDuration: 3600,
      policies: [],
      managedPolicies: [],
      tags: {},
    });
    expect(second.roleName).toBe(first.roleName);
    expect(second.roleId).toBe(first.roleId);
  });

  it('gives Ref, Fn::GetAtt Arn and Fn::GetAtt RoleId the role name, ARN and id', async () => {
    const stack = await loadText(
      samFunction(
        [CODE, `Environment: { Variables: ${roleReferenceVariables('Worker')} }`],
        '',
        `Worker:\n  Type: AWS::IAM::Role\n  Properties:\n${dedent(TRUST, 4)}`,
      ),
    );

    const role = roleNamed(stack, 'Worker');

    expect(functionNamed(stack, 'Fn').environment).toEqual(roleReferences(role));
  });

  it('runs an AWS::Lambda::Function with the role its Role names, and makes no role for it', async () => {
    const stack = await loadText(
      workerRole(
        [TRUST],
        `
        Plain:
          Type: AWS::Lambda::Function
          Properties: { Runtime: python3.12, Handler: app.handler, Code: "{{code}}/py", Role: !GetAtt Worker.Arn }
      `,
      ),
    );

    expect(functionNamed(stack, 'Plain').role).toBe(roleNamed(stack, 'Worker').arn);
    expect(stack.roles.map((role) => role.logicalId)).toEqual(['Worker', 'FnRole']);
  });

  it('attaches a managed policy it does not know without a document, and says so', async () => {
    const stack = await loadText(
      workerRole([
        TRUST,
        'ManagedPolicyArns: [arn:aws:iam::123456789012:policy/photos-custom, arn:aws:iam::aws:policy/AmazonSQSFullAccess]',
      ]),
    );

    expect(roleNamed(stack, 'Worker').managedPolicies).toEqual([
      { arn: 'arn:aws:iam::123456789012:policy/photos-custom' },
      { arn: 'arn:aws:iam::aws:policy/AmazonSQSFullAccess' },
    ]);
    expect(stack.issues).toEqual([
      {
        resource: 'Worker',
        property: 'Properties.ManagedPolicyArns[0]',
        message: expect.stringMatching(/permissions of managed policy .*photos-custom are not known locally/),
      },
      {
        resource: 'Worker',
        property: 'Properties.ManagedPolicyArns[1]',
        message: expect.stringMatching(/AmazonSQSFullAccess are not known locally/),
      },
    ]);
  });

  it('leaves out a whole inline policy that cannot be evaluated locally, rather than part of it', async () => {
    const stack = await loadText(
      workerRole([
        TRUST,
        `
        Policies:
          - PolicyName: shared
            PolicyDocument:
              Statement:
                - { Effect: Allow, Action: s3:GetObject, Resource: !ImportValue shared-bucket-arn }
      `,
      ]),
    );

    expect(roleNamed(stack, 'Worker').policies).toEqual([]);
    expect(stack.issues).toEqual([
      {
        resource: 'Worker',
        property: 'Properties.Policies[0]',
        message: expect.stringMatching(/cannot be evaluated locally.*Fn::ImportValue/),
      },
    ]);
  });

  it('takes a policy document written as JSON text, as CloudFormation does', async () => {
    const json = JSON.stringify(LAMBDA_TRUST_DOCUMENT);

    const stack = await loadText(workerRole([`AssumeRolePolicyDocument: '${json}'`]));

    expect(roleNamed(stack, 'Worker').assumeRolePolicyDocument).toEqual(LAMBDA_TRUST_DOCUMENT);
  });

  it('reports a permissions boundary, which the local cloud does not apply', async () => {
    const stack = await loadText(
      workerRole([TRUST, 'PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary']),
    );

    expect(stack.issues).toEqual([
      {
        resource: 'Worker',
        property: 'Properties.PermissionsBoundary',
        message: expect.stringMatching(/permissions boundaries are not applied locally/),
      },
    ]);
  });

  const INLINE = (statement: string) => `
    Policies:
      - PolicyName: inline
        PolicyDocument:
          Statement:
            - ${statement}
  `;

  it.each([
    [
      'a policy document that is not a mapping',
      'Policies: [{ PolicyName: inline, PolicyDocument: [allow-all] }]',
      'Properties.Policies[0].PolicyDocument',
      /policy document must be a mapping/,
    ],
    [
      'an inline policy without PolicyName',
      'Policies: [{ PolicyDocument: { Statement: [] } }]',
      'Properties.Policies[0].PolicyName',
      /is required/,
    ],
    [
      'a statement whose Effect is neither Allow nor Deny',
      INLINE('{ Effect: Permit, Action: s3:GetObject, Resource: "*" }'),
      'Properties.Policies[0].PolicyDocument.Statement[0].Effect',
      /Allow or Deny/,
    ],
    [
      'an identity policy statement without a resource',
      INLINE('{ Effect: Allow, Action: s3:GetObject }'),
      'Properties.Policies[0].PolicyDocument.Statement[0]',
      /needs Resource or NotResource/,
    ],
    [
      'an identity policy statement naming a principal',
      INLINE('{ Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "*" }'),
      'Properties.Policies[0].PolicyDocument.Statement[0].Principal',
      /cannot name a principal/,
    ],
    [
      'a statement with both Action and NotAction',
      INLINE('{ Effect: Allow, Action: s3:GetObject, NotAction: s3:PutObject, Resource: "*" }'),
      'Properties.Policies[0].PolicyDocument.Statement[0].NotAction',
      /both Action and NotAction/,
    ],
    [
      'an empty Statement list',
      'Policies: [{ PolicyName: inline, PolicyDocument: { Statement: [] } }]',
      'Properties.Policies[0].PolicyDocument.Statement',
      /at least one statement/,
    ],
    [
      'a managed policy that is not a policy ARN',
      'ManagedPolicyArns: [AmazonS3ReadOnlyAccess]',
      'Properties.ManagedPolicyArns[0]',
      /ARN of a managed policy/,
    ],
    [
      'a session longer than 12 hours',
      'MaxSessionDuration: 43201',
      'Properties.MaxSessionDuration',
      /between 3600 and 43200/,
    ],
    ['a path that does not end with /', 'Path: /app', 'Properties.Path', /not a role path/],
    ['a role name with a space', 'RoleName: photos worker', 'Properties.RoleName', /not a valid role name/],
  ])('fails on %s, naming the place', async (_, properties, property, message) => {
    const loading = loadText(workerRole([TRUST, properties]));

    await expectTemplateError(loading, { resource: 'Worker', property, message });
  });

  it.each([
    ['a role without a trust policy', '', 'Properties.AssumeRolePolicyDocument', /is required/],
    [
      'a trust policy naming a resource',
      'AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole, Resource: "*" }] }',
      'Properties.AssumeRolePolicyDocument.Statement[0].Resource',
      /trust policy cannot name a resource/,
    ],
    [
      'a trust policy without a principal',
      'AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Action: sts:AssumeRole }] }',
      'Properties.AssumeRolePolicyDocument.Statement[0]',
      /needs Principal or NotPrincipal/,
    ],
    [
      'an empty trust policy',
      'AssumeRolePolicyDocument: {}',
      'Properties.AssumeRolePolicyDocument.Statement',
      /at least one statement/,
    ],
  ])('fails on %s', async (_, properties, property, message) => {
    const loading = loadText(workerRole(['RoleName: worker', properties]));

    await expectTemplateError(loading, { resource: 'Worker', property, message });
  });

  it('fails on two roles with one name, as IAM names are unique in an account', async () => {
    const loading = loadText(
      workerRole(
        ['RoleName: worker', TRUST],
        `
        Second:
          Type: AWS::IAM::Role
          Properties:
            RoleName: worker
            ${dedent(TRUST, 12).trimStart()}
      `,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Second',
      property: 'Properties.RoleName',
      message: /already used by Worker/,
    });
  });
});

describe("the project's own templates", () => {
  it.each([
    ['template.yaml'],
    ['test/fixtures/event-stack/template.yaml'],
    ['test/fixtures/lambda-stack/template.yaml'],
    ['test/fixtures/email-stack/template.yaml'],
  ])('load %s without issues, with a role for every SAM function', async (file) => {
    const infra = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..');

    const stack = await loadStack(path.join(infra, file), {
      region: 'us-east-1',
      accountId: '123456789012',
      codeDir: await tempDir(),
    });

    expect(stack.issues).toEqual([]);
    const roleArns = new Set(stack.roles.map((role) => role.arn));
    const samFunctions = stack.functions.filter((fn) => fn.resourceType === 'AWS::Serverless::Function');
    expect(samFunctions.length).toBeGreaterThan(0);
    for (const fn of samFunctions) expect(roleArns).toContain(fn.role);
  });
});
