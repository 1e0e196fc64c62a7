import type { ContextValue, Decision } from '../../../../../src/services/iam/policy/types.js';
import { allowGetWhen, OBJECT, type PolicyCase } from './builders.js';

/** An allow of s3:GetObject under a condition, asked with the given keys. */
export function when(
  name: string,
  condition: Record<string, unknown>,
  context: Record<string, ContextValue>,
  expected: Decision,
): PolicyCase {
  return {
    name,
    identity: [allowGetWhen(condition)],
    action: 's3:GetObject',
    resource: OBJECT,
    context,
    expected,
  };
}

const TEAM = 'aws:PrincipalTag/team';

/** String operators, and how keys, values and operators combine. */
export const STRING_CONDITION_CASES: PolicyCase[] = [
  when(
    'holds StringEquals on an equal value',
    { StringEquals: { [TEAM]: 'red' } },
    { [TEAM]: 'red' },
    'Allow',
  ),
  when(
    'compares StringEquals case-sensitively',
    { StringEquals: { [TEAM]: 'red' } },
    { [TEAM]: 'Red' },
    'ImplicitDeny',
  ),
  when(
    'holds StringEquals when any of its values is equal',
    { StringEquals: { [TEAM]: ['blue', 'red'] } },
    { [TEAM]: 'red' },
    'Allow',
  ),
  when('fails StringEquals when the key is missing', { StringEquals: { [TEAM]: 'red' } }, {}, 'ImplicitDeny'),
  when(
    'reads * in StringEquals literally',
    { StringEquals: { [TEAM]: '*' } },
    { [TEAM]: 'red' },
    'ImplicitDeny',
  ),
  when(
    'reads condition key names case-insensitively',
    { StringEquals: { 'AWS:PRINCIPALTAG/TEAM': 'red' } },
    { 'aws:principaltag/team': 'red' },
    'Allow',
  ),
  when(
    'compares numbers and booleans of the JSON as strings',
    { StringEquals: { 's3:max-keys': 10 } },
    { 's3:max-keys': '10' },
    'Allow',
  ),
  when(
    'holds StringNotEquals on a different value',
    { StringNotEquals: { [TEAM]: 'blue' } },
    { [TEAM]: 'red' },
    'Allow',
  ),
  when(
    'fails StringNotEquals on an equal value',
    { StringNotEquals: { [TEAM]: 'red' } },
    { [TEAM]: 'red' },
    'ImplicitDeny',
  ),
  when(
    'fails StringNotEquals when the value equals any of several',
    { StringNotEquals: { [TEAM]: ['blue', 'red'] } },
    { [TEAM]: 'red' },
    'ImplicitDeny',
  ),
  when(
    'holds StringNotEquals when the value equals none of several',
    { StringNotEquals: { [TEAM]: ['blue', 'green'] } },
    { [TEAM]: 'red' },
    'Allow',
  ),
  when('holds StringNotEquals when the key is missing', { StringNotEquals: { [TEAM]: 'red' } }, {}, 'Allow'),
  when(
    'holds StringEqualsIgnoreCase whatever the case',
    { StringEqualsIgnoreCase: { [TEAM]: 'RED' } },
    { [TEAM]: 'rEd' },
    'Allow',
  ),
  when(
    'fails StringNotEqualsIgnoreCase on the same word in another case',
    { StringNotEqualsIgnoreCase: { [TEAM]: 'RED' } },
    { [TEAM]: 'red' },
    'ImplicitDeny',
  ),
  when(
    'holds StringNotEqualsIgnoreCase on another word',
    { StringNotEqualsIgnoreCase: { [TEAM]: 'RED' } },
    { [TEAM]: 'blue' },
    'Allow',
  ),
  when(
    'holds StringLike with * and ?',
    { StringLike: { 's3:prefix': 'home/?/*' } },
    { 's3:prefix': 'home/a/photos/' },
    'Allow',
  ),
  when(
    'fails StringLike when ? finds no character',
    { StringLike: { 's3:prefix': 'home/?/*' } },
    { 's3:prefix': 'home//x' },
    'ImplicitDeny',
  ),
  when(
    'compares StringLike without wildcards exactly',
    { StringLike: { 's3:prefix': 'home/' } },
    { 's3:prefix': 'home/x' },
    'ImplicitDeny',
  ),
  when(
    'compares StringLike case-sensitively',
    { StringLike: { 's3:prefix': 'Home/*' } },
    { 's3:prefix': 'home/x' },
    'ImplicitDeny',
  ),
  when(
    'lets a StringLike * cross colons and slashes',
    { StringLike: { 's3:prefix': 'a*z' } },
    { 's3:prefix': 'a:b/c:z' },
    'Allow',
  ),
  when(
    'fails StringNotLike on a matching value',
    { StringNotLike: { 's3:prefix': ['private/*', 'admin/*'] } },
    { 's3:prefix': 'admin/x' },
    'ImplicitDeny',
  ),
  when(
    'holds StringNotLike on a value matching none',
    { StringNotLike: { 's3:prefix': ['private/*', 'admin/*'] } },
    { 's3:prefix': 'public/x' },
    'Allow',
  ),
  when(
    'holds StringNotLike when the key is missing',
    { StringNotLike: { 's3:prefix': 'private/*' } },
    {},
    'Allow',
  ),
  when(
    'requires every key under an operator (AND)',
    { StringEquals: { [TEAM]: 'red', 'aws:PrincipalTag/level': 'admin' } },
    { [TEAM]: 'red', 'aws:PrincipalTag/level': 'user' },
    'ImplicitDeny',
  ),
  when(
    'requires every operator of a Condition (AND)',
    { StringEquals: { [TEAM]: 'red' }, StringLike: { 's3:prefix': 'red/*' } },
    { [TEAM]: 'red', 's3:prefix': 'blue/x' },
    'ImplicitDeny',
  ),
  when(
    'holds when every operator and key holds',
    { StringEquals: { [TEAM]: 'red' }, StringLike: { 's3:prefix': 'red/*' } },
    { [TEAM]: 'red', 's3:prefix': 'red/x' },
    'Allow',
  ),
  when(
    'holds StringEqualsIfExists when the key is missing',
    { StringEqualsIfExists: { [TEAM]: 'red' } },
    {},
    'Allow',
  ),
  when(
    'checks StringEqualsIfExists when the key is present',
    { StringEqualsIfExists: { [TEAM]: 'red' } },
    { [TEAM]: 'blue' },
    'ImplicitDeny',
  ),
  when(
    'holds StringEqualsIfExists on a present equal value',
    { StringEqualsIfExists: { [TEAM]: 'red' } },
    { [TEAM]: 'red' },
    'Allow',
  ),
  when(
    'holds StringNotLikeIfExists when the key is missing',
    { StringNotLikeIfExists: { [TEAM]: 'r*' } },
    {},
    'Allow',
  ),
  when(
    'fails a single-valued operator on a multivalued key',
    { StringEquals: { 'aws:TagKeys': 'team' } },
    { 'aws:TagKeys': ['team'] },
    'ImplicitDeny',
  ),
  when('holds Null true when the key is missing', { Null: { [TEAM]: 'true' } }, {}, 'Allow'),
  when(
    'fails Null true when the key is present',
    { Null: { [TEAM]: 'true' } },
    { [TEAM]: 'red' },
    'ImplicitDeny',
  ),
  when('holds Null false when the key is present', { Null: { [TEAM]: 'false' } }, { [TEAM]: 'red' }, 'Allow'),
  when('fails Null false when the key is missing', { Null: { [TEAM]: 'false' } }, {}, 'ImplicitDeny'),
];
