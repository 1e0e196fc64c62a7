import {
  ACCOUNT,
  allow,
  BUCKET,
  deny,
  FUNCTION,
  LOG_GROUP,
  OBJECT,
  POOL,
  type PolicyCase,
  policy,
  REGION,
  TABLE,
} from './builders.js';

const QUALIFIED = `${FUNCTION}:prod`;

function resourceCase(
  name: string,
  pattern: string | string[],
  resource: string,
  expected: 'Allow' | 'ImplicitDeny',
): PolicyCase {
  const action = resource.startsWith('arn:aws:s3') ? 's3:GetObject' : 'lambda:InvokeFunction';
  return { name, identity: [policy(allow(action, pattern))], action, resource, expected };
}

/** Resource and NotResource: ARN segments, wildcards, the ARNs of the stack's services. */
export const RESOURCE_CASES: PolicyCase[] = [
  resourceCase('matches an unqualified function ARN exactly', FUNCTION, FUNCTION, 'Allow'),
  resourceCase(
    'does not let an unqualified function ARN cover a qualified call',
    FUNCTION,
    QUALIFIED,
    'ImplicitDeny',
  ),
  resourceCase('lets function:name:* cover a qualified call', `${FUNCTION}:*`, QUALIFIED, 'Allow'),
  resourceCase(
    'does not let function:name:* cover the unqualified call',
    `${FUNCTION}:*`,
    FUNCTION,
    'ImplicitDeny',
  ),
  resourceCase('lets function:name* cover the unqualified call', `${FUNCTION}*`, FUNCTION, 'Allow'),
  resourceCase(
    'lets function:name* cover a qualified call (a trailing * crosses colons)',
    `${FUNCTION}*`,
    QUALIFIED,
    'Allow',
  ),
  resourceCase(
    'lets function:* cover qualified functions',
    `arn:aws:lambda:${REGION}:${ACCOUNT}:function:*`,
    QUALIFIED,
    'Allow',
  ),
  resourceCase(
    'matches * in the region and account segments',
    'arn:aws:lambda:*:*:function:thumbnail',
    FUNCTION,
    'Allow',
  ),
  resourceCase(
    'matches a * within the region segment',
    `arn:aws:lambda:us-*:${ACCOUNT}:function:thumbnail`,
    FUNCTION,
    'Allow',
  ),
  resourceCase(
    'does not match a function of another account',
    'arn:aws:lambda:us-east-1:210987654321:function:thumbnail',
    FUNCTION,
    'ImplicitDeny',
  ),
  resourceCase(
    'does not match a function of another region',
    `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:thumbnail`,
    FUNCTION,
    'ImplicitDeny',
  ),
  resourceCase(
    'matches resource names case-sensitively',
    `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Thumbnail`,
    FUNCTION,
    'ImplicitDeny',
  ),
  resourceCase(
    'matches ? in a resource with one character',
    `arn:aws:lambda:${REGION}:${ACCOUNT}:function:thumbnai?`,
    FUNCTION,
    'Allow',
  ),
  resourceCase('does not let ? in a resource match no character', `${FUNCTION}?`, FUNCTION, 'ImplicitDeny'),
  resourceCase(
    'matches a * inside a segment',
    `arn:aws:lambda:${REGION}:${ACCOUNT}:function:thumb*il`,
    FUNCTION,
    'Allow',
  ),
  {
    ...resourceCase(
      'keeps a * inside a segment from crossing a colon',
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:*-thumbnail`,
      `arn:aws:lambda:${REGION}:${ACCOUNT}:function:photos:v2-thumbnail`,
      'ImplicitDeny',
    ),
    simulatorDiffers: {
      simulator: 'Allow',
      why: 'IAM user guide (Resource, "Using wildcards in resource ARNs"): only a * that is the last character of a segment can expand beyond colon boundaries; the simulator lets every * cross colons',
    },
  },
  resourceCase('lets Resource * cover any ARN', '*', FUNCTION, 'Allow'),
  resourceCase(
    'lets a short ARN ending in * cover the rest of the ARN',
    `arn:aws:lambda:${REGION}:*`,
    FUNCTION,
    'Allow',
  ),
  resourceCase('allows any of several listed resources', [`${FUNCTION}-a`, FUNCTION], FUNCTION, 'Allow'),

  resourceCase('lets a bucket ARN cover the bucket', BUCKET, BUCKET, 'Allow'),
  resourceCase('does not let a bucket ARN cover its objects', BUCKET, OBJECT, 'ImplicitDeny'),
  resourceCase('lets bucket/* cover every object', `${BUCKET}/*`, OBJECT, 'Allow'),
  resourceCase('does not let bucket/* cover the bucket', `${BUCKET}/*`, BUCKET, 'ImplicitDeny'),
  resourceCase('lets bucket* cover the bucket', `${BUCKET}*`, BUCKET, 'Allow'),
  resourceCase('lets bucket* cover its objects', `${BUCKET}*`, OBJECT, 'Allow'),
  resourceCase('lets arn:aws:s3:::* cover every bucket and object', 'arn:aws:s3:::*', OBJECT, 'Allow'),
  resourceCase(
    'lets a trailing * cover object keys that hold colons',
    `${BUCKET}/*`,
    `${BUCKET}/${REGION}:abc/cat.jpg`,
    'Allow',
  ),
  resourceCase(
    'lets a * between slashes cover several levels of a key',
    `${BUCKET}/*/cat.jpg`,
    `${BUCKET}/a/b/cat.jpg`,
    'Allow',
  ),
  resourceCase('matches object keys case-sensitively', `${BUCKET}/Uploads/*`, OBJECT, 'ImplicitDeny'),
  resourceCase(
    'keeps a bucket prefix pattern to its own prefix',
    `${BUCKET}/private/*`,
    OBJECT,
    'ImplicitDeny',
  ),

  {
    name: 'lets a table ARN cover the table',
    identity: [policy(allow('dynamodb:Query', TABLE))],
    action: 'dynamodb:Query',
    resource: TABLE,
    expected: 'Allow',
  },
  {
    name: 'does not let a table ARN cover its indexes',
    identity: [policy(allow('dynamodb:Query', TABLE))],
    action: 'dynamodb:Query',
    resource: `${TABLE}/index/ByOwner`,
    expected: 'ImplicitDeny',
  },
  {
    name: 'lets table/T/index/* cover the indexes of the table',
    identity: [policy(allow('dynamodb:Query', `${TABLE}/index/*`))],
    action: 'dynamodb:Query',
    resource: `${TABLE}/index/ByOwner`,
    expected: 'Allow',
  },
  {
    name: 'lets table/T* cover tables whose name starts alike',
    identity: [policy(allow('dynamodb:GetItem', `${TABLE}*`))],
    action: 'dynamodb:GetItem',
    resource: `${TABLE}Archive`,
    expected: 'Allow',
  },
  {
    name: 'lets identitypool/* cover a pool whose id holds a colon',
    identity: [
      policy(
        allow(
          'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
          `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/*`,
        ),
      ),
    ],
    action: 'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
    resource: POOL,
    expected: 'Allow',
  },
  {
    name: 'matches a pool by its full id',
    identity: [policy(allow('cognito-identity:GetOpenIdTokenForDeveloperIdentity', POOL))],
    action: 'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
    resource: POOL,
    expected: 'Allow',
  },
  {
    name: 'does not match another pool',
    identity: [policy(allow('cognito-identity:GetOpenIdTokenForDeveloperIdentity', `${POOL.slice(0, -1)}0`))],
    action: 'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
    resource: POOL,
    expected: 'ImplicitDeny',
  },
  {
    name: 'lets log-group:name:* cover the streams of the group',
    identity: [policy(allow('logs:PutLogEvents', `${LOG_GROUP}:*`))],
    action: 'logs:PutLogEvents',
    resource: `${LOG_GROUP}:log-stream:2026/01/01/[$LATEST]abc`,
    expected: 'Allow',
  },
  {
    name: 'does not let log-group:name:* cover the group ARN without its suffix',
    identity: [policy(allow('logs:CreateLogGroup', `${LOG_GROUP}:*`))],
    action: 'logs:CreateLogGroup',
    resource: LOG_GROUP,
    expected: 'ImplicitDeny',
  },
  {
    name: 'lets log-group:/aws/lambda/* cover every function log group',
    identity: [
      policy(allow('logs:CreateLogGroup', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/*`)),
    ],
    action: 'logs:CreateLogGroup',
    resource: LOG_GROUP,
    expected: 'Allow',
  },
  {
    name: 'lets NotResource allow every resource it does not list',
    identity: [policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: `${BUCKET}/private/*` })],
    action: 's3:GetObject',
    resource: OBJECT,
    expected: 'Allow',
  },
  {
    name: 'lets NotResource leave out the resources it lists',
    identity: [
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        NotResource: [`${BUCKET}/private/*`, `${BUCKET}/uploads/*`],
      }),
    ],
    action: 's3:GetObject',
    resource: OBJECT,
    expected: 'ImplicitDeny',
  },
  {
    name: 'lets a Deny with NotResource deny everything outside what it lists',
    identity: [
      policy(allow('s3:*', '*'), { Effect: 'Deny', Action: 's3:*', NotResource: `${BUCKET}/public/*` }),
    ],
    action: 's3:GetObject',
    resource: OBJECT,
    expected: 'ExplicitDeny',
  },
  {
    name: 'lets a Deny with NotResource spare what it lists',
    identity: [
      policy(allow('s3:*', '*'), { Effect: 'Deny', Action: 's3:*', NotResource: `${BUCKET}/public/*` }),
    ],
    action: 's3:GetObject',
    resource: `${BUCKET}/public/cat.jpg`,
    expected: 'Allow',
  },
  {
    name: 'keeps a Deny on one bucket from touching another',
    identity: [policy(allow('s3:*', '*'), deny('s3:*', ['arn:aws:s3:::logs', 'arn:aws:s3:::logs/*']))],
    action: 's3:GetObject',
    resource: OBJECT,
    expected: 'Allow',
  },
];
