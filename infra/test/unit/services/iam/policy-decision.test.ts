import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../../src/services/iam/policy/compile.js';
import { describeDecision } from '../../../../src/services/iam/policy/describe.js';
import { evaluate } from '../../../../src/services/iam/policy/evaluate.js';
import type { AuthorizationRequest } from '../../../../src/services/iam/policy/types.js';
import {
  ACCOUNT,
  allow,
  BUCKET,
  deny,
  FOREIGN_ROLE_SESSION,
  FUNCTION,
  OBJECT,
  policy,
  ROLE_SESSION,
  ROOT,
  service,
} from './cases/builders.js';

const INVOKE: AuthorizationRequest = {
  principal: ROLE_SESSION,
  action: 'lambda:InvokeFunction',
  resource: FUNCTION,
  context: {},
};
const USER = ROLE_SESSION.arn;

const invokePolicy = compilePolicy(
  policy(allow('lambda:GetFunction', '*'), { ...allow('lambda:InvokeFunction', FUNCTION), Sid: 'Invoke' }),
  {
    name: 'InvokePolicy',
  },
);
const guardrail = compilePolicy(
  policy(deny('s3:DeleteObject', '*'), { ...deny('lambda:InvokeFunction', FUNCTION), Sid: 'NoInvoke' }),
  {
    name: 'Guardrail',
  },
);
const bucketPolicy = compilePolicy(
  policy({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `${BUCKET}/*` }),
  { name: 'PhotosBucketPolicy', kind: 'resource' },
);

describe('the decision names the statement that decided it', () => {
  it('reports the allowing statement with its policy, index and Sid', () => {
    const result = evaluate(INVOKE, { identity: [invokePolicy] });

    expect(result).toEqual({
      decision: 'Allow',
      decidedBy: { policy: 'InvokePolicy', policyKind: 'identity', statementIndex: 1, sid: 'Invoke' },
    });
  });

  it('reports the denying statement even when another policy allows', () => {
    const result = evaluate(INVOKE, { identity: [invokePolicy, guardrail] });

    expect(result.decidedBy).toEqual({
      policy: 'Guardrail',
      policyKind: 'identity',
      statementIndex: 1,
      sid: 'NoInvoke',
    });
  });

  it('reports no statement for an implicit deny, and which kind of policy is missing an allow', () => {
    expect(evaluate(INVOKE, { identity: [] })).toEqual({
      decision: 'ImplicitDeny',
      missingAllow: 'identity',
    });
    expect(
      evaluate({ ...INVOKE, principal: service('s3.amazonaws.com') }, { identity: [invokePolicy] }),
    ).toEqual({
      decision: 'ImplicitDeny',
      missingAllow: 'resource',
    });
  });
});

describe('describeDecision words denials as the services do', () => {
  it('says no identity-based policy allows the action', () => {
    const message = describeDecision(INVOKE, evaluate(INVOKE, { identity: [] }));

    expect(message).toBe(
      `User: ${USER} is not authorized to perform: lambda:InvokeFunction on resource: ${FUNCTION} because no identity-based policy allows the lambda:InvokeFunction action`,
    );
  });

  it('names the identity-based policy and statement of an explicit deny', () => {
    const message = describeDecision(INVOKE, evaluate(INVOKE, { identity: [invokePolicy, guardrail] }));

    expect(message).toBe(
      `User: ${USER} is not authorized to perform: lambda:InvokeFunction on resource: ${FUNCTION} with an explicit deny in an identity-based policy: Guardrail statement 1 (NoInvoke)`,
    );
  });

  it('names the resource-based policy and statement of an explicit deny', () => {
    const request: AuthorizationRequest = {
      principal: ROOT,
      action: 's3:DeleteObject',
      resource: OBJECT,
      context: {},
    };

    const message = describeDecision(request, evaluate(request, { identity: [], resource: bucketPolicy }));

    expect(message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: s3:DeleteObject on resource: ${OBJECT} with an explicit deny in a resource-based policy: PhotosBucketPolicy statement 0`,
    );
  });

  it('says no resource-based policy allows a service principal', () => {
    const request: AuthorizationRequest = { ...INVOKE, principal: service('s3.amazonaws.com') };

    expect(describeDecision(request, evaluate(request, { identity: [] }))).toBe(
      `User: s3.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: ${FUNCTION} because no resource-based policy allows the lambda:InvokeFunction action`,
    );
  });

  it('says no resource-based policy allows a caller of another account whose role allows', () => {
    const request: AuthorizationRequest = { ...INVOKE, principal: FOREIGN_ROLE_SESSION };

    expect(describeDecision(request, evaluate(request, { identity: [invokePolicy] }))).toMatch(
      /because no resource-based policy allows the lambda:InvokeFunction action$/,
    );
  });

  it('says which statement allowed a request, for the log', () => {
    expect(describeDecision(INVOKE, evaluate(INVOKE, { identity: [invokePolicy] }))).toBe(
      `User: ${USER} is authorized to perform: lambda:InvokeFunction on resource: ${FUNCTION} by identity-based policy InvokePolicy statement 1 (Invoke)`,
    );
    const root = { ...INVOKE, principal: ROOT };
    expect(describeDecision(root, evaluate(root, { identity: [] }))).toMatch(
      /as the root user of the account$/,
    );
  });
});
