import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../../../src/services/iam/policy/compile.js';
import { evaluate } from '../../../../src/services/iam/policy/evaluate.js';
import { MalformedPolicyDocumentError } from '../../../../src/services/iam/policy/malformed-policy-error.js';
import type { PolicyKind } from '../../../../src/services/iam/policy/types.js';
import { FUNCTION, ROLE_SESSION } from './cases/builders.js';

const ALLOW = { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FUNCTION };
const GRANT = { ...ALLOW, Principal: { Service: 's3.amazonaws.com' } };
const doc = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: statements });

interface Malformed {
  name: string;
  document: unknown;
  kind?: PolicyKind;
  reason: RegExp;
  statement?: number;
}

const MALFORMED: Malformed[] = [
  { name: 'refuses a document that is not an object', document: ['Statement'], reason: /JSON object/ },
  { name: 'refuses JSON text that does not parse', document: '{"Statement": [', reason: /not JSON/ },
  {
    name: 'refuses an unknown top-level element',
    document: { ...doc(ALLOW), Statements: [] },
    reason: /Statements is not a policy element/,
  },
  {
    name: 'refuses an unknown Version',
    document: { Version: '2012-10-18', Statement: [ALLOW] },
    reason: /Version must be 2012-10-17 or 2008-10-17/,
  },
  {
    name: 'refuses a Version that is not a string',
    document: { Version: 20121017, Statement: [ALLOW] },
    reason: /Version/,
  },
  { name: 'refuses a policy without statements', document: doc(), reason: /at least one statement/ },
  {
    name: 'refuses a policy whose Statement is missing',
    document: { Version: '2012-10-17' },
    reason: /at least one statement/,
  },
  {
    name: 'refuses a statement that is not an object',
    document: doc(ALLOW, 'Allow'),
    reason: /statement must be a JSON object/,
    statement: 1,
  },
  {
    name: 'refuses an Effect other than Allow or Deny',
    document: doc({ ...ALLOW, Effect: 'allow' }),
    reason: /Effect must be Allow or Deny/,
    statement: 0,
  },
  {
    name: 'refuses a statement without Action or NotAction',
    document: doc({ Effect: 'Allow', Resource: '*' }),
    reason: /needs Action or NotAction/,
    statement: 0,
  },
  {
    name: 'refuses a statement with both Action and NotAction',
    document: doc({ ...ALLOW, NotAction: 's3:*' }),
    reason: /both Action and NotAction/,
    statement: 0,
  },
  {
    name: 'refuses an identity statement without Resource',
    document: doc({ Effect: 'Allow', Action: 's3:*' }),
    reason: /needs Resource or NotResource/,
    statement: 0,
  },
  {
    name: 'refuses a statement with both Resource and NotResource',
    document: doc({ ...ALLOW, NotResource: '*' }),
    reason: /both Resource and NotResource/,
    statement: 0,
  },
  {
    name: 'refuses an action without a vendor',
    document: doc({ ...ALLOW, Action: 'InvokeFunction' }),
    reason: /prefaced by a vendor/,
    statement: 0,
  },
  {
    name: 'refuses an empty action list',
    document: doc({ ...ALLOW, Action: [] }),
    reason: /non-empty list/,
    statement: 0,
  },
  {
    name: 'refuses an action that is not a string',
    document: doc({ ...ALLOW, Action: ['s3:GetObject', 3] }),
    reason: /Action must be a string/,
    statement: 0,
  },
  {
    name: 'refuses a resource that is not an ARN',
    document: doc({ ...ALLOW, Resource: 'thumbnail' }),
    reason: /ARN format or "\*"/,
    statement: 0,
  },
  {
    name: 'refuses a wildcard in the service segment',
    document: doc({ ...ALLOW, Resource: 'arn:aws:lamb*:*:*:function:x' }),
    reason: /service segment/,
    statement: 0,
  },
  {
    name: 'refuses a principal in an identity policy',
    document: doc(GRANT),
    reason: /cannot name a principal/,
    statement: 0,
  },
  {
    name: 'refuses a resource statement without a principal',
    document: doc(ALLOW),
    kind: 'resource',
    reason: /needs Principal or NotPrincipal/,
    statement: 0,
  },
  {
    name: 'refuses both Principal and NotPrincipal',
    document: doc({ ...GRANT, NotPrincipal: '*' }),
    kind: 'resource',
    reason: /both Principal and NotPrincipal/,
    statement: 0,
  },
  {
    name: 'refuses an unknown principal type',
    document: doc({ ...ALLOW, Principal: { Users: 'x' } }),
    kind: 'resource',
    reason: /Principal type Users/,
    statement: 0,
  },
  {
    name: 'refuses an AWS principal that is neither account nor ARN',
    document: doc({ ...ALLOW, Principal: { AWS: 'bob' } }),
    kind: 'resource',
    reason: /Invalid principal/,
    statement: 0,
  },
  {
    name: 'refuses a wildcard inside a principal ARN',
    document: doc({ ...ALLOW, Principal: { AWS: 'arn:aws:iam::123456789012:role/*' } }),
    kind: 'resource',
    reason: /Invalid principal/,
    statement: 0,
  },
  {
    name: 'refuses an unknown statement element',
    document: doc({ ...ALLOW, Effects: 'Allow' }),
    reason: /Effects is not a statement element/,
    statement: 0,
  },
  {
    name: 'refuses repeated statement ids',
    document: doc({ ...ALLOW, Sid: 'A' }, { ...ALLOW, Sid: 'A' }),
    reason: /must be unique: A/,
  },
  {
    name: 'refuses an unknown condition operator',
    document: doc({ ...ALLOW, Condition: { StringMatches: { k: 'v' } } }),
    reason: /StringMatches is not a condition operator/,
    statement: 0,
  },
  {
    name: 'refuses Null with IfExists',
    document: doc({ ...ALLOW, Condition: { NullIfExists: { k: 'true' } } }),
    reason: /Null takes neither/,
    statement: 0,
  },
  {
    name: 'refuses Null with a set operator',
    document: doc({ ...ALLOW, Condition: { 'ForAnyValue:Null': { k: 'true' } } }),
    reason: /Null takes neither/,
    statement: 0,
  },
  {
    name: 'refuses an unknown set operator',
    document: doc({ ...ALLOW, Condition: { 'ForSomeValues:StringEquals': { k: 'v' } } }),
    reason: /not a condition operator/,
    statement: 0,
  },
  {
    name: 'refuses a condition operator without keys',
    document: doc({ ...ALLOW, Condition: { StringEquals: 'v' } }),
    reason: /must map keys to values/,
    statement: 0,
  },
  {
    name: 'refuses condition values that are objects',
    document: doc({ ...ALLOW, Condition: { StringEquals: { k: { v: 1 } } } }),
    reason: /strings, numbers or booleans/,
    statement: 0,
  },
];

describe('compilePolicy validates documents as IAM does', () => {
  it.each(MALFORMED.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const compile = () => compilePolicy(row.document, { name: 'AppPolicy', kind: row.kind ?? 'identity' });

    expect(compile).toThrow(MalformedPolicyDocumentError);
    expect(compile).toThrow(row.reason);
    try {
      compile();
    } catch (error) {
      const malformed = error as MalformedPolicyDocumentError;
      expect(malformed.policyName).toBe('AppPolicy');
      expect(malformed.code).toBe('MalformedPolicyDocument');
      expect(malformed.statement?.index).toBe(row.statement);
    }
  });

  it('names the statement by index and Sid in the message', () => {
    const document = doc(ALLOW, { ...ALLOW, Sid: 'Broken', Effect: 'Maybe' });

    expect(() => compilePolicy(document, { name: 'AppPolicy' })).toThrow(
      'AppPolicy statement 1 (Broken): Effect must be Allow or Deny, got "Maybe"',
    );
  });

  it.each([
    ['a document given as JSON text', JSON.stringify(doc(ALLOW))],
    ['a document without Version (read as 2008-10-17)', { Statement: ALLOW }],
    [
      'condition operators written in any case',
      doc({
        ...ALLOW,
        Condition: { stringequals: { k: 'v' }, 'foranyvalue:StringLikeIFEXISTS': { k: 'v' } },
      }),
    ],
    ['a Lambda statement id with dashes', doc({ ...ALLOW, Sid: 'stack-Permission-1A2B' })],
    ['a partition wildcard', doc({ ...ALLOW, Resource: 'arn:*:lambda:*:*:function:x' })],
  ])('accepts %s', (_name, document) => {
    expect(compilePolicy(document, { name: 'AppPolicy' }).statements).toHaveLength(1);
  });

  it('accepts a resource statement without Resource, which concerns the resource it is attached to', () => {
    const { Resource: _omitted, ...withoutResource } = GRANT;
    const policy = compilePolicy(doc(withoutResource), { name: 'FunctionPolicy', kind: 'resource' });

    const result = evaluate(
      {
        principal: {
          type: 'Service',
          arn: 's3.amazonaws.com',
          accountId: ROLE_SESSION.accountId,
          service: 's3.amazonaws.com',
        },
        action: 'lambda:InvokeFunction',
        resource: FUNCTION,
        context: {},
      },
      { identity: [], resource: policy },
    );

    expect(result.decision).toBe('Allow');
  });

  it('compiles a document once per name and kind', () => {
    const document = doc(ALLOW);

    const first = compilePolicy(document, { name: 'AppPolicy' });

    expect(compilePolicy(document, { name: 'AppPolicy' })).toBe(first);
    expect(compilePolicy(document, { name: 'OtherName' })).not.toBe(first);
  });

  it('refuses a policy compiled as identity where a resource policy is expected', () => {
    const identity = compilePolicy(doc(ALLOW), { name: 'AppPolicy' });

    expect(() =>
      evaluate(
        { principal: ROLE_SESSION, action: 'lambda:InvokeFunction', resource: FUNCTION, context: {} },
        { identity: [], resource: identity },
      ),
    ).toThrow(/not compiled as a resource policy/);
  });
});
