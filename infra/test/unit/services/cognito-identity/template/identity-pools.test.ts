import { describe, expect, it } from 'vitest';
import {
  CODE,
  dedent,
  expectTemplateError,
  functionNamed,
  loadText,
  poolNamed,
  roleNamed,
  samFunction,
  withResources,
} from '../../../stack/helpers.js';

/** The trust policy of a role that identities of the pool `Identities` assume once signed in. */
const IDENTITY_ROLE = (name: string, amr: string) => `
${name}:
  Type: AWS::IAM::Role
  Properties:
    AssumeRolePolicyDocument:
      Statement:
        - Effect: Allow
          Principal: { Federated: cognito-identity.amazonaws.com }
          Action: sts:AssumeRoleWithWebIdentity
          Condition:
            StringEquals: { "cognito-identity.amazonaws.com:aud": !Ref Identities }
            "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": ${amr} }
`;

const POOL = `
Identities:
  Type: AWS::Cognito::IdentityPool
  Properties:
    IdentityPoolName: lambdagram users
    AllowUnauthenticatedIdentities: true
    DeveloperProviderName: login.lambdagram
`;

/** Resources written as separate YAML blocks, each at any indentation. */
function blocks(...parts: string[]): string {
  return withResources(parts.map((part) => dedent(part, 0)).join('\n'));
}

const POOL_ID = /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Cognito identity pools', () => {
  it('reads a pool with the roles it hands out and the principal tags it maps', async () => {
    const stack = await loadText(
      blocks(
        POOL,
        IDENTITY_ROLE('SignedInRole', 'authenticated'),
        IDENTITY_ROLE('GuestRole', 'unauthenticated'),
        `
        Roles:
          Type: AWS::Cognito::IdentityPoolRoleAttachment
          Properties:
            IdentityPoolId: !Ref Identities
            Roles:
              authenticated: !GetAtt SignedInRole.Arn
              unauthenticated: !GetAtt GuestRole.Arn
        Tags:
          Type: AWS::Cognito::IdentityPoolPrincipalTag
          Properties:
            IdentityPoolId: !Ref Identities
            IdentityProviderName: login.lambdagram
            UseDefaults: false
            PrincipalTags: { userId: sub }
      `,
      ),
    );

    const pool = poolNamed(stack, 'Identities');

    expect(pool).toEqual({
      logicalId: 'Identities',
      identityPoolName: 'lambdagram users',
      identityPoolId: expect.stringMatching(POOL_ID),
      allowUnauthenticatedIdentities: true,
      allowClassicFlow: false,
      developerProviderName: 'login.lambdagram',
      authenticatedRoleArn: roleNamed(stack, 'SignedInRole').arn,
      unauthenticatedRoleArn: roleNamed(stack, 'GuestRole').arn,
      principalTags: [{ providerName: 'login.lambdagram', useDefaults: false, tags: { userId: 'sub' } }],
    });
    expect(roleNamed(stack, 'SignedInRole').assumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': pool.identityPoolId },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      }),
    ]);
    expect(stack.issues).toEqual([]);
  });

  it('gives a pool the same id on every load, and Ref and Fn::GetAtt Name its id and name', async () => {
    const template = samFunction(
      [CODE, 'Environment: { Variables: { POOL_ID: !Ref Identities, POOL_NAME: !GetAtt Identities.Name } }'],
      '',
      POOL,
    );

    const first = await loadText(template);
    const second = await loadText(template);

    const { identityPoolId } = poolNamed(first, 'Identities');
    expect(poolNamed(second, 'Identities').identityPoolId).toBe(identityPoolId);
    expect(functionNamed(first, 'Fn').environment).toEqual({
      POOL_ID: identityPoolId,
      POOL_NAME: 'lambdagram users',
    });
  });

  it('names a pool without IdentityPoolName and reads its defaults', async () => {
    const stack = await loadText(
      withResources(`
        Guests:
          Type: AWS::Cognito::IdentityPool
          Properties: { AllowUnauthenticatedIdentities: "false", AllowClassicFlow: true }
      `),
    );

    expect(poolNamed(stack, 'Guests')).toEqual({
      logicalId: 'Guests',
      identityPoolName: expect.stringMatching(/^Guests_[a-z0-9]{12}$/),
      identityPoolId: expect.stringMatching(POOL_ID),
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: true,
      principalTags: [],
    });
  });

  it('reports the identity providers and role mappings it cannot honour locally', async () => {
    const stack = await loadText(
      withResources(`
        Identities:
          Type: AWS::Cognito::IdentityPool
          Properties:
            AllowUnauthenticatedIdentities: false
            CognitoIdentityProviders: [{ ClientId: abc, ProviderName: cognito-idp.us-east-1.amazonaws.com/us-east-1_x }]
            SupportedLoginProviders: { graph.facebook.com: "1234" }
            OpenIdConnectProviderARNs: [arn:aws:iam::123456789012:oidc-provider/example.com]
            SamlProviderARNs: [arn:aws:iam::123456789012:saml-provider/corp]
        Roles:
          Type: AWS::Cognito::IdentityPoolRoleAttachment
          Properties:
            IdentityPoolId: !Ref Identities
            RoleMappings: { facebook: { Type: Token, IdentityProvider: graph.facebook.com } }
      `),
    );

    expect(stack.issues.map((issue) => `${issue.resource} ${issue.property}`)).toEqual([
      'Identities Properties.CognitoIdentityProviders',
      'Identities Properties.SupportedLoginProviders',
      'Identities Properties.OpenIdConnectProviderARNs',
      'Identities Properties.SamlProviderARNs',
      'Roles Properties.RoleMappings',
    ]);
    expect(stack.issues[0]?.message).toMatch(/developer provider only/);
    expect(poolNamed(stack, 'Identities').developerProviderName).toBeUndefined();
  });

  it('reports a role attached to a pool that is not a role of the stack', async () => {
    const stack = await loadText(
      blocks(
        POOL,
        `
        Roles:
          Type: AWS::Cognito::IdentityPoolRoleAttachment
          Properties:
            IdentityPoolId: !Ref Identities
            Roles: { authenticated: arn:aws:iam::123456789012:role/elsewhere }
      `,
      ),
    );

    expect(poolNamed(stack, 'Identities').authenticatedRoleArn).toBe(
      'arn:aws:iam::123456789012:role/elsewhere',
    );
    expect(stack.issues).toEqual([
      {
        resource: 'Roles',
        property: 'Properties.Roles.authenticated',
        message: expect.stringMatching(/not a role of the local stack/),
      },
    ]);
  });

  it('reports an attachment to a pool outside the stack, and leaves it out', async () => {
    const stack = await loadText(
      withResources(`
        Roles:
          Type: AWS::Cognito::IdentityPoolRoleAttachment
          Properties:
            IdentityPoolId: us-east-1:00000000-0000-4000-8000-000000000000
            Roles: { authenticated: arn:aws:iam::123456789012:role/elsewhere }
      `),
    );

    expect(stack.identityPools).toEqual([]);
    expect(stack.issues).toEqual([
      {
        resource: 'Roles',
        property: 'Properties.IdentityPoolId',
        message: expect.stringMatching(/not an identity pool of the local stack/),
      },
    ]);
  });

  it.each([
    [
      'a pool without AllowUnauthenticatedIdentities',
      'Identities',
      'IdentityPoolName: users',
      'Properties.AllowUnauthenticatedIdentities',
      /is required/,
    ],
    [
      'a pool name with characters Cognito refuses',
      'Identities',
      'AllowUnauthenticatedIdentities: true\nIdentityPoolName: "users/*"',
      'Properties.IdentityPoolName',
      /not a valid pool name/,
    ],
    [
      'a developer provider name with a space',
      'Identities',
      'AllowUnauthenticatedIdentities: true\nDeveloperProviderName: my login',
      'Properties.DeveloperProviderName',
      /not a valid developer provider name/,
    ],
  ])('fails on %s', async (_, resource, properties, property, message) => {
    const indented = properties.split('\n').join('\n    ');
    const loading = loadText(
      withResources(`Identities:\n  Type: AWS::Cognito::IdentityPool\n  Properties:\n    ${indented}`),
    );

    await expectTemplateError(loading, { resource, property, message });
  });

  it.each([
    [
      'a second role attachment for one pool',
      `
      Second:
        Type: AWS::Cognito::IdentityPoolRoleAttachment
        Properties: { IdentityPoolId: !Ref Identities }
      `,
      'Properties.IdentityPoolId',
      /already has its roles from First/,
    ],
    [
      'a kind of role Cognito does not know',
      '',
      'Properties.Roles.guest',
      /is not a property here \(expected one of authenticated, unauthenticated\)/,
    ],
  ])('fails on %s', async (_, more, property, message) => {
    const loading = loadText(
      blocks(
        POOL,
        `
        First:
          Type: AWS::Cognito::IdentityPoolRoleAttachment
          Properties: { IdentityPoolId: !Ref Identities, Roles: { ${more ? 'authenticated' : 'guest'}: !GetAtt FnRole.Arn } }
      `,
        more,
      ),
    );

    await expectTemplateError(loading, { property, message });
  });

  it('fails on a role that is not a role ARN', async () => {
    const loading = loadText(
      blocks(
        POOL,
        `
        First:
          Type: AWS::Cognito::IdentityPoolRoleAttachment
          Properties: { IdentityPoolId: !Ref Identities, Roles: { authenticated: !Ref FnRole } }
      `,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'First',
      property: 'Properties.Roles.authenticated',
      message: /'photos-FnRole' is not the ARN of an IAM role/,
    });
  });

  it('fails on two principal tag mappings for one provider of a pool', async () => {
    const loading = loadText(
      blocks(
        POOL,
        `
        First:
          Type: AWS::Cognito::IdentityPoolPrincipalTag
          Properties: { IdentityPoolId: !Ref Identities, IdentityProviderName: login.lambdagram, UseDefaults: true }
        Second:
          Type: AWS::Cognito::IdentityPoolPrincipalTag
          Properties: { IdentityPoolId: !Ref Identities, IdentityProviderName: login.lambdagram, UseDefaults: true }
      `,
      ),
    );

    await expectTemplateError(loading, {
      resource: 'Second',
      property: 'Properties.IdentityProviderName',
      message: /already maps principal tags for login.lambdagram/,
    });
  });
});
