import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Caller } from '../../../../src/core/auth/caller.js';
import { authorizationRequestFor } from '../../../../src/services/iam/policy/caller-request.js';
import { compilePolicy } from '../../../../src/services/iam/policy/compile.js';
import { evaluate } from '../../../../src/services/iam/policy/evaluate.js';
import { requestContext } from '../../../../src/services/iam/policy/request-context.js';
import { ACCOUNT, BUCKET, IDENTITY_ID, POOL_ID, ROLE_ARN, ROLE_SESSION, USER_ID } from './cases/builders.js';

const SESSION_CALLER: Caller = {
  accessKeyId: 'ASIAEXAMPLE',
  arn: ROLE_SESSION.arn,
  accountId: ACCOUNT,
  kind: 'role-session',
  roleArn: ROLE_ARN,
  userId: USER_ID,
  principalTags: { team: 'red' },
  cognitoIdentity: { cognitoIdentityId: IDENTITY_ID, cognitoIdentityPoolId: POOL_ID },
  amr: ['authenticated', 'cognito-identity.amazonaws.com'],
};
const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('authorizationRequestFor turns a signed caller into a request', () => {
  it('carries the role session, its tags and its identity-pool keys', () => {
    const request = authorizationRequestFor(
      SESSION_CALLER,
      's3:GetObject',
      `${BUCKET}/x`,
      { 's3:prefix': 'x' },
      NOW,
    );

    expect(request.principal).toEqual({
      type: 'AssumedRole',
      arn: ROLE_SESSION.arn,
      accountId: ACCOUNT,
      userId: USER_ID,
      roleArn: ROLE_ARN,
    });
    expect(request.context).toEqual({
      'aws:CurrentTime': '2026-03-01T12:00:00.000Z',
      'aws:EpochTime': NOW / 1000,
      'aws:PrincipalTag/team': 'red',
      'cognito-identity.amazonaws.com:sub': IDENTITY_ID,
      'cognito-identity.amazonaws.com:aud': POOL_ID,
      'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-identity.amazonaws.com'],
      's3:prefix': 'x',
    });
  });

  it('makes the root caller the Root principal', () => {
    const root: Caller = {
      accessKeyId: 'test',
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      accountId: ACCOUNT,
      kind: 'root',
    };

    expect(authorizationRequestFor(root, 'lambda:InvokeFunction', 'arn:x', {}, NOW).principal).toEqual({
      type: 'Root',
      arn: root.arn,
      accountId: ACCOUNT,
      userId: ACCOUNT,
    });
  });

  it('refuses the anonymous caller, whom IAM policies do not authorize', () => {
    expect(() => authorizationRequestFor(ANONYMOUS, 'cognito-identity:GetId', '*')).toThrow(/anonymous/);
  });

  it('lets the keys a service gives win over the ones derived from the caller', () => {
    const request = authorizationRequestFor(
      SESSION_CALLER,
      's3:GetObject',
      'arn:x',
      { 'AWS:PrincipalTag/team': 'blue' },
      NOW,
    );

    expect(requestContext(request).get('aws:principaltag/team')).toBe('blue');
  });

  it('lets a policy keyed on the identity id allow the caller it was built for', () => {
    const policy = compilePolicy(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: `${BUCKET}/private/\${cognito-identity.amazonaws.com:sub}/*`,
          },
        ],
      },
      { name: 'IdentityPoolAuthenticatedRolePolicy' },
    );

    const request = authorizationRequestFor(
      SESSION_CALLER,
      's3:GetObject',
      `${BUCKET}/private/${IDENTITY_ID}/cat.jpg`,
      {},
      NOW,
    );

    expect(evaluate(request, { identity: [policy] }).decision).toBe('Allow');
  });
});

describe('requestContext', () => {
  it('derives the principal keys AWS sets and lower-cases every name', () => {
    const keys = requestContext({
      principal: ROLE_SESSION,
      action: 's3:GetObject',
      resource: 'arn:x',
      context: { 'S3:Prefix': 'a', 'aws:SecureTransport': false, 'custom:none': undefined },
    });

    expect(Object.fromEntries(keys)).toEqual({
      's3:prefix': 'a',
      'aws:securetransport': 'false',
      'aws:userid': USER_ID,
      'aws:principalarn': ROLE_ARN,
      'aws:principalaccount': ACCOUNT,
      'aws:principaltype': 'AssumedRole',
      'aws:principalisawsservice': 'false',
    });
  });
});
