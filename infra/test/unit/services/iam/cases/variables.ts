// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${…} in plain strings
import {
  allow,
  allowGetWhen,
  BUCKET,
  deny,
  IDENTITY_ID,
  type PolicyCase,
  policy,
  REGION,
  TABLE,
  USER_ID,
} from './builders.js';

const SUB = 'cognito-identity.amazonaws.com:sub';
const ownPrefix = policy(allow('s3:GetObject', `${BUCKET}/private/\${${SUB}}/*`));

/** Policy variables in Resource and in condition values, their defaults, escapes and failures. */
export const VARIABLE_CASES: PolicyCase[] = [
  {
    name: 'lets a caller read under its own identity id (${cognito-identity.amazonaws.com:sub})',
    identity: [ownPrefix],
    action: 's3:GetObject',
    resource: `${BUCKET}/private/${IDENTITY_ID}/cat.jpg`,
    context: { [SUB]: IDENTITY_ID },
    expected: 'Allow',
  },
  {
    name: "keeps a caller out of another identity's prefix",
    identity: [ownPrefix],
    action: 's3:GetObject',
    resource: `${BUCKET}/private/${REGION}:00000000-0000-0000-0000-000000000000/cat.jpg`,
    context: { [SUB]: IDENTITY_ID },
    expected: 'ImplicitDeny',
  },
  {
    name: 'matches nothing when the variable has no value in the request',
    identity: [ownPrefix],
    action: 's3:GetObject',
    resource: `${BUCKET}/private/${IDENTITY_ID}/cat.jpg`,
    expected: 'ImplicitDeny',
  },
  {
    name: 'does not read a variable with no value as an empty string',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/team}*`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/anything`,
    expected: 'ImplicitDeny',
  },
  {
    name: 'substitutes ${aws:userid}, derived from the principal',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/home/\${aws:userid}/*`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/home/${USER_ID}/notes.txt`,
    expected: 'Allow',
  },
  {
    name: 'reads variable names case-insensitively',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/home/\${AWS:UserId}/*`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/home/${USER_ID}/notes.txt`,
    expected: 'Allow',
  },
  {
    name: 'substitutes ${aws:PrincipalTag/<key>} into a table name',
    identity: [
      policy(allow('dynamodb:GetItem', `${TABLE.replace('Photos', '${aws:PrincipalTag/team}')}-data`)),
    ],
    action: 'dynamodb:GetItem',
    resource: `${TABLE.replace('Photos', 'red')}-data`,
    context: { 'aws:PrincipalTag/team': 'red' },
    expected: 'Allow',
  },
  {
    name: "takes a variable's default when the key is missing",
    identity: [policy(allow('s3:GetObject', `${BUCKET}/\${aws:username, 'guests'}/*`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/guests/welcome.txt`,
    expected: 'Allow',
  },
  {
    name: "ignores a variable's default when the key has a value",
    identity: [policy(allow('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/team, 'none'}/*`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/none/file`,
    context: { 'aws:PrincipalTag/team': 'red' },
    expected: 'ImplicitDeny',
  },
  {
    name: 'reads ${*} as a literal star',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/\${*}`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/*`,
    expected: 'Allow',
  },
  {
    name: 'does not let ${*} act as a wildcard',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/\${*}`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/cat.jpg`,
    expected: 'ImplicitDeny',
  },
  {
    name: 'reads ${?} as a literal question mark',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/what\${?}`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/whatx`,
    expected: 'ImplicitDeny',
  },
  {
    name: 'matches ${?} with a literal question mark only',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/what\${?}`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/what?`,
    expected: 'Allow',
  },
  {
    name: 'reads ${$} as a literal dollar, so ${$}{…} names a key literally',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/\${$}{aws:userid}`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/\${aws:userid}`,
    expected: 'Allow',
  },
  {
    name: 'treats a * in a substituted value as a literal character',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/team}/*`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/red/cat.jpg`,
    context: { 'aws:PrincipalTag/team': '*' },
    expected: 'ImplicitDeny',
  },
  {
    name: 'does not substitute a multivalued key',
    identity: [policy(allow('s3:GetObject', `${BUCKET}/\${cognito-identity.amazonaws.com:amr}/*`))],
    action: 's3:GetObject',
    resource: `${BUCKET}/authenticated/cat.jpg`,
    context: { 'cognito-identity.amazonaws.com:amr': ['authenticated'] },
    expected: 'ImplicitDeny',
  },
  {
    name: 'does not let a NotResource with an unresolved variable apply',
    identity: [
      policy({
        Effect: 'Allow',
        Action: 's3:GetObject',
        NotResource: `${BUCKET}/\${aws:PrincipalTag/team}/*`,
      }),
    ],
    action: 's3:GetObject',
    resource: `${BUCKET}/blue/cat.jpg`,
    expected: 'ImplicitDeny',
  },
  {
    name: 'reads ${…} as literal text in a 2008-10-17 policy',
    identity: [
      { Version: '2008-10-17', Statement: [allow('s3:GetObject', `${BUCKET}/home/\${aws:userid}/*`)] },
    ],
    action: 's3:GetObject',
    resource: `${BUCKET}/home/${USER_ID}/notes.txt`,
    expected: 'ImplicitDeny',
    simulatorDiffers: {
      simulator: 'Allow',
      why: 'IAM user guide (Policy variables): variables are only replaced in policies of Version 2012-10-17; earlier versions read ${aws:userid} as literal text. The simulator substitutes in every version',
    },
  },
  {
    name: 'reads ${…} as literal text in a policy without Version',
    identity: [{ Statement: [allow('s3:GetObject', `${BUCKET}/home/\${aws:userid}/*`)] }],
    action: 's3:GetObject',
    resource: `${BUCKET}/home/\${aws:userid}/notes.txt`,
    expected: 'Allow',
    simulatorDiffers: {
      simulator: 'ImplicitDeny',
      why: 'IAM user guide (Version): without Version a policy is read as 2008-10-17, where ${…} is not a variable; the simulator substitutes it',
    },
  },
  {
    name: 'substitutes variables in condition values',
    identity: [allowGetWhen({ StringEquals: { 's3:prefix': `home/\${${SUB}}/` } })],
    action: 's3:GetObject',
    resource: `${BUCKET}/home/x`,
    context: { 's3:prefix': `home/${IDENTITY_ID}/`, [SUB]: IDENTITY_ID },
    expected: 'Allow',
  },
  {
    name: 'keeps the wildcards of a StringLike value around a variable',
    identity: [allowGetWhen({ StringLike: { 's3:prefix': ['${aws:userid}/*', 'public/*'] } })],
    action: 's3:GetObject',
    resource: `${BUCKET}/x`,
    context: { 's3:prefix': `${USER_ID}/photos/` },
    expected: 'Allow',
  },
  {
    name: 'fails a negated condition whose value cannot be resolved',
    identity: [
      policy(
        allow('s3:GetObject', '*'),
        deny('s3:GetObject', '*', {
          StringNotEquals: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}' },
        }),
      ),
    ],
    action: 's3:GetObject',
    resource: `${BUCKET}/x`,
    context: { 'aws:PrincipalTag/team': 'red' },
    expected: 'Allow',
  },
];
