import { allow, IDENTITY_ID, POOL_ID, type PolicyCase, policy, TABLE } from './builders.js';
import { when } from './string-conditions.js';

const AMR = 'cognito-identity.amazonaws.com:amr';
const AUD = 'cognito-identity.amazonaws.com:aud';
const SUB = 'cognito-identity.amazonaws.com:sub';
const TAGS = 'aws:TagKeys';
const AUTHENTICATED = [
  'authenticated',
  'cognito-identity.amazonaws.com',
  `cognito-identity.amazonaws.com:${POOL_ID}:login`,
];

/** A DynamoDB policy that keeps each identity to the items whose partition key is its identity id. */
const ownItems = policy(
  allow('dynamodb:Query', TABLE, { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [`\${${SUB}}`] } }),
);

/** ForAnyValue and ForAllValues, with their empty-set semantics, and the identity pool's keys. */
export const SET_CONDITION_CASES: PolicyCase[] = [
  when(
    'holds ForAnyValue when one value matches',
    { 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } },
    { [AMR]: AUTHENTICATED },
    'Allow',
  ),
  when(
    'fails ForAnyValue when no value matches',
    { 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } },
    { [AMR]: ['unauthenticated'] },
    'ImplicitDeny',
  ),
  when(
    'fails ForAnyValue when the key is missing',
    { 'ForAnyValue:StringEquals': { [TAGS]: 'team' } },
    {},
    'ImplicitDeny',
  ),
  when(
    'fails ForAnyValue on an empty set',
    { 'ForAnyValue:StringEquals': { [TAGS]: 'team' } },
    { [TAGS]: [] },
    'ImplicitDeny',
  ),
  when(
    'reads a single value as a set of one in ForAnyValue',
    { 'ForAnyValue:StringEquals': { [TAGS]: 'team' } },
    { [TAGS]: 'team' },
    'Allow',
  ),
  when(
    'holds ForAllValues when every value is listed',
    { 'ForAllValues:StringEquals': { [TAGS]: ['team', 'owner'] } },
    { [TAGS]: ['owner', 'team'] },
    'Allow',
  ),
  when(
    'fails ForAllValues when one value is not listed',
    { 'ForAllValues:StringEquals': { [TAGS]: ['team', 'owner'] } },
    { [TAGS]: ['team', 'cost'] },
    'ImplicitDeny',
  ),
  when(
    'holds ForAllValues when the key is missing',
    { 'ForAllValues:StringEquals': { [TAGS]: 'team' } },
    {},
    'Allow',
  ),
  when(
    'holds ForAllValues on an empty set',
    { 'ForAllValues:StringEquals': { [TAGS]: 'team' } },
    { [TAGS]: [] },
    'Allow',
  ),
  when(
    'holds ForAllValues:StringNotEquals when no value is listed',
    { 'ForAllValues:StringNotEquals': { [TAGS]: ['admin', 'root'] } },
    { [TAGS]: ['team', 'cost'] },
    'Allow',
  ),
  when(
    'fails ForAllValues:StringNotEquals when one value is listed',
    { 'ForAllValues:StringNotEquals': { [TAGS]: ['admin', 'root'] } },
    { [TAGS]: ['team', 'admin'] },
    'ImplicitDeny',
  ),
  when(
    'holds ForAnyValue:StringNotEquals when one value is not listed',
    { 'ForAnyValue:StringNotEquals': { [TAGS]: 'team' } },
    { [TAGS]: ['team', 'cost'] },
    'Allow',
  ),
  when(
    'fails ForAnyValue:StringNotEquals when every value is listed',
    { 'ForAnyValue:StringNotEquals': { [TAGS]: 'team' } },
    { [TAGS]: ['team'] },
    'ImplicitDeny',
  ),
  when(
    'uses the base operator inside a set operator',
    { 'ForAllValues:StringLike': { [TAGS]: 'team-*' } },
    { [TAGS]: ['team-a', 'team-b'] },
    'Allow',
  ),
  {
    ...when(
      'holds ForAnyValue:…IfExists when the key is missing',
      { 'ForAnyValue:StringEqualsIfExists': { [TAGS]: 'team' } },
      {},
      'Allow',
    ),
    simulatorDiffers: {
      simulator: 'ImplicitDeny',
      why: 'IAM user guide (…IfExists condition operators): when the key is not present in the request, the condition evaluates to true, with or without a set operator; the simulator ignores IfExists after ForAnyValue',
    },
  },
  when(
    'holds ForAnyValue:…IfExists on a matching value',
    { 'ForAnyValue:StringEqualsIfExists': { [TAGS]: 'team' } },
    { [TAGS]: ['cost', 'team'] },
    'Allow',
  ),
  when(
    'lets an authenticated identity of the pool in (aud and amr)',
    { StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } },
    { [AUD]: POOL_ID, [AMR]: AUTHENTICATED },
    'Allow',
  ),
  when(
    'keeps an identity of another pool out',
    { StringEquals: { [AUD]: POOL_ID }, 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } },
    { [AUD]: 'us-east-1:00000000-0000-0000-0000-000000000000', [AMR]: AUTHENTICATED },
    'ImplicitDeny',
  ),
  {
    name: 'lets an identity query the items keyed by its identity id (dynamodb:LeadingKeys)',
    identity: [ownItems],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: { 'dynamodb:LeadingKeys': [IDENTITY_ID], [SUB]: IDENTITY_ID },
    expected: 'Allow',
  },
  {
    name: 'keeps an identity from the items of another (dynamodb:LeadingKeys)',
    identity: [ownItems],
    action: 'dynamodb:Query',
    resource: TABLE,
    context: { 'dynamodb:LeadingKeys': ['us-east-1:someone-else'], [SUB]: IDENTITY_ID },
    expected: 'ImplicitDeny',
  },
];
