import { generatedIdentityPoolName, identityPoolIdOf } from '../../../stack/physical-names.js';
import { booleanAt, mappingAt, requiredAt, stringAt } from '../../../stack/property-values.js';
import type { StackEnvironment } from '../../../stack/pseudo-parameters.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';
import type { IdentityPoolDefinition, RoleDefinition } from '../../../stack/types.js';
import { isObject } from '../../../stack/values.js';

const POOL_NAME = /^[\w\s+=,.@-]{1,128}$/;
const DEVELOPER_PROVIDER = /^[\w._-]{1,128}$/;
const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\/.+$/;

/**
 * An `AWS::Cognito::IdentityPool`: its name (given, or the one CloudFormation generates), its id
 * (`<region>:<uuid>`, the same on every load), whether guests get credentials, and the developer
 * provider the backend signs in with. Roles and principal tags come from their own resources.
 */
export function readIdentityPool(reader: ResourceReader, env: StackEnvironment): IdentityPoolDefinition {
  const identityPoolName =
    reader.name('IdentityPoolName') ?? generatedIdentityPoolName(env, reader.logicalId);
  if (!POOL_NAME.test(identityPoolName)) {
    throw reader.fail(
      'IdentityPoolName',
      `'${identityPoolName}' is not a valid pool name (1-128 letters, digits, spaces and +=,.@_-)`,
    );
  }
  const allowUnauthenticated = requiredAt(
    reader,
    'AllowUnauthenticatedIdentities',
    reader.essential('AllowUnauthenticatedIdentities'),
  );
  const pool: IdentityPoolDefinition = {
    logicalId: reader.logicalId,
    identityPoolName,
    identityPoolId: identityPoolIdOf(env, reader.logicalId),
    allowUnauthenticatedIdentities: booleanAt(reader, 'AllowUnauthenticatedIdentities', allowUnauthenticated),
    allowClassicFlow: reader.boolean('AllowClassicFlow') ?? false,
    principalTags: [],
  };
  const developerProviderName = reader.string('DeveloperProviderName', 'essential');
  if (developerProviderName !== undefined) {
    if (!DEVELOPER_PROVIDER.test(developerProviderName)) {
      throw reader.fail(
        'DeveloperProviderName',
        `'${developerProviderName}' is not a valid developer provider name (letters, digits, ., _ and -)`,
      );
    }
    pool.developerProviderName = developerProviderName;
  }
  return pool;
}

/** What attaching roles and principal tags to pools needs: the pools by id, the stack's roles by ARN. */
export interface PoolLinks {
  pools: ReadonlyMap<string, IdentityPoolDefinition>;
  roles: ReadonlyMap<string, RoleDefinition>;
}

/**
 * An `AWS::Cognito::IdentityPoolRoleAttachment`: the roles the pool hands to signed-in identities
 * (`authenticated`) and guests (`unauthenticated`). A pool gets one attachment; a role outside the
 * stack is reported, since the local cloud can only issue credentials for roles it knows.
 */
export function attachPoolRoles(
  reader: ResourceReader,
  links: PoolLinks,
  attachedBy: Map<string, string>,
): void {
  const pool = poolOf(reader, links);
  if (!pool) return;
  const previous = attachedBy.get(pool.identityPoolId);
  if (previous) {
    throw reader.fail(
      'IdentityPoolId',
      `identity pool ${pool.logicalId} already has its roles from ${previous}`,
    );
  }
  attachedBy.set(pool.identityPoolId, reader.logicalId);
  const value = reader.optional('Roles');
  if (value === undefined) return;
  const roles = mappingAt(reader, 'Roles', value, ['authenticated', 'unauthenticated']);
  for (const [key, field] of [
    ['authenticated', 'authenticatedRoleArn'],
    ['unauthenticated', 'unauthenticatedRoleArn'],
  ] as const) {
    if (roles[key] === undefined) continue;
    const path = `Roles.${key}`;
    const arn = stringAt(reader, path, roles[key]);
    if (!ROLE_ARN.test(arn)) throw reader.fail(path, `'${arn}' is not the ARN of an IAM role`);
    if (!links.roles.has(arn)) {
      reader.report(
        path,
        `role ${arn} is not a role of the local stack; the pool cannot issue credentials for it locally`,
      );
    }
    pool[field] = arn;
  }
}

/**
 * An `AWS::Cognito::IdentityPoolPrincipalTag`: which claims of an identity provider become the
 * session's principal tags (`aws:PrincipalTag/<key>`), one mapping per pool and provider.
 */
export function addPrincipalTags(reader: ResourceReader, links: PoolLinks): void {
  const pool = poolOf(reader, links);
  if (!pool) return;
  const providerName = reader.string('IdentityProviderName', 'essential');
  if (providerName === undefined) throw reader.fail('IdentityProviderName', 'is required');
  if (pool.principalTags.some((mapping) => mapping.providerName === providerName)) {
    throw reader.fail(
      'IdentityProviderName',
      `identity pool ${pool.logicalId} already maps principal tags for ${providerName}`,
    );
  }
  const value = reader.optional('PrincipalTags') ?? {};
  if (!isObject(value)) throw reader.fail('PrincipalTags', 'must be a mapping of tag names to claims');
  const tags = Object.fromEntries(
    Object.entries(value).map(([tag, claim]) => [tag, stringAt(reader, `PrincipalTags.${tag}`, claim)]),
  );
  pool.principalTags.push({ providerName, useDefaults: reader.boolean('UseDefaults') ?? false, tags });
}

/** The pool `IdentityPoolId` names; undefined (reported) when it is not a pool of the stack. */
function poolOf(reader: ResourceReader, links: PoolLinks): IdentityPoolDefinition | undefined {
  const id = reader.string('IdentityPoolId', 'optional');
  if (id === undefined) {
    if (reader.wasUnresolved('IdentityPoolId')) return undefined;
    throw reader.fail('IdentityPoolId', 'is required (!Ref the identity pool)');
  }
  const pool = links.pools.get(id);
  if (!pool) reader.report('IdentityPoolId', `${id} is not an identity pool of the local stack; ignored`);
  return pool;
}
