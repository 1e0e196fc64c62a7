/**
 * How long one authorization takes, for the "under 20% of invoke throughput" budget:
 * `node --import tsx test/unit/iam/policy-bench.ts` (from infra/). Prints figures only, no threshold:
 * timings are noisy. BENCH_ITERATIONS sets the calls per sample (default 1,000,000; median of 5 samples).
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${…} in plain strings
import type { Caller } from '../../../../src/core/auth/caller.js';
import { authorizationRequestFor } from '../../../../src/services/iam/policy/caller-request.js';
import { compilePolicy } from '../../../../src/services/iam/policy/compile.js';
import { evaluate } from '../../../../src/services/iam/policy/evaluate.js';
import type { AuthorizationRequest } from '../../../../src/services/iam/policy/types.js';
import {
  ACCOUNT,
  BUCKET,
  FUNCTION,
  IDENTITY_ID,
  POOL_ID,
  ROLE_ARN,
  ROLE_SESSION,
  TABLE,
  USER_ID,
} from './cases/builders.js';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 1_000_000);
const SUB = '${cognito-identity.amazonaws.com:sub}';

/** The authenticated role of an identity pool, as a stack would write it: five statements. */
const rolePolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OwnPhotos',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `${BUCKET}/private/${SUB}/*`,
    },
    {
      Sid: 'ListOwnPrefix',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: BUCKET,
      Condition: { StringLike: { 's3:prefix': `private/${SUB}/*` } },
    },
    {
      Sid: 'OwnItems',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:Query'],
      Resource: [TABLE, `${TABLE}/index/*`],
      Condition: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB] } },
    },
    {
      Sid: 'InvokeApi',
      Effect: 'Allow',
      Action: 'lambda:InvokeFunction',
      Resource: [FUNCTION, `${FUNCTION}:*`],
    },
    { Sid: 'NoDeletes', Effect: 'Deny', Action: ['s3:DeleteObject', 'dynamodb:DeleteItem'], Resource: '*' },
  ],
};
const policies = { identity: [compilePolicy(rolePolicy, { name: 'AuthenticatedRolePolicy' })] };

const caller: Caller = {
  accessKeyId: 'ASIAEXAMPLE',
  arn: ROLE_SESSION.arn,
  accountId: ACCOUNT,
  kind: 'role-session',
  roleArn: ROLE_ARN,
  userId: USER_ID,
  cognitoIdentity: { cognitoIdentityId: IDENTITY_ID, cognitoIdentityPoolId: POOL_ID },
  amr: ['authenticated'],
};
const invoke: AuthorizationRequest = {
  principal: ROLE_SESSION,
  action: 'lambda:InvokeFunction',
  resource: FUNCTION,
  context: {},
};
const ownPhoto = authorizationRequestFor(caller, 's3:GetObject', `${BUCKET}/private/${IDENTITY_ID}/cat.jpg`);
const query = authorizationRequestFor(caller, 'dynamodb:Query', TABLE, {
  'dynamodb:LeadingKeys': [IDENTITY_ID],
});

let sink = 0;
function measure(name: string, run: () => string): void {
  const samples: number[] = [];
  for (let sample = 0; sample < 5; sample++) {
    const start = process.hrtime.bigint();
    for (let at = 0; at < ITERATIONS; at++) sink += run().length;
    samples.push(Number(process.hrtime.bigint() - start) / ITERATIONS);
  }
  samples.sort((a, b) => a - b);
  const median = samples[2] as number;
  console.log(
    `${name.padEnd(72)} ${median.toFixed(0).padStart(6)} ns/call  ${(1e9 / median / 1e6).toFixed(2)} M calls/s`,
  );
}

for (const request of [invoke, ownPhoto, query]) {
  if (evaluate(request, policies).decision !== 'Allow')
    throw new Error(`bench request not allowed: ${request.action}`);
}
measure(
  'lambda:InvokeFunction, prepared request (statement 4 of 5 allows)',
  () => evaluate(invoke, policies).decision,
);
measure(
  's3:GetObject under ${cognito-identity.amazonaws.com:sub}/*',
  () => evaluate(ownPhoto, policies).decision,
);
measure('dynamodb:Query with ForAllValues dynamodb:LeadingKeys', () => evaluate(query, policies).decision);
measure(
  'lambda:InvokeFunction, request built from the caller each time',
  () => evaluate(authorizationRequestFor(caller, 'lambda:InvokeFunction', FUNCTION), policies).decision,
);
measure(
  'compilePolicy on an already compiled document (cache hit)',
  () => compilePolicy(rolePolicy, { name: 'AuthenticatedRolePolicy' }).name,
);
if (sink === 0) console.log('');
