import type {
  GetOpenIdTokenForDeveloperIdentityInput,
  GetOpenIdTokenForDeveloperIdentityResponse,
  LookupDeveloperIdentityInput,
  LookupDeveloperIdentityResponse,
} from '@aws-sdk/client-cognito-identity';
import type { Caller } from '../../core/auth/caller.js';
import { ServiceError } from '../../core/errors.js';
import type { IdentityPoolDefinition } from '../../stack/types.js';
import { type CognitoContext, LOGINS_RULES } from './context.js';
import {
  identityNotFound,
  invalidParameter,
  notAuthorized,
  resourceConflict,
  unsupportedProvider,
} from './errors.js';
import type { StoredIdentity } from './identity-store.js';
import { InputReader, POOL_OR_IDENTITY_ID } from './input-reader.js';

/** "If you don't provide an expiration time, the token is valid for 15 minutes." */
const DEFAULT_TOKEN_SECONDS = 900;

/**
 * GetOpenIdTokenForDeveloperIdentity (signed, called by a backend): registers or finds the identity of
 * `Logins: { <DeveloperProviderName>: <user id> }`, links it to `IdentityId` when given, and returns a
 * token carrying `PrincipalTags` for `TokenDuration` seconds.
 */
export async function getOpenIdTokenForDeveloperIdentity(
  context: CognitoContext,
  input: Record<string, unknown>,
  caller: Caller,
): Promise<GetOpenIdTokenForDeveloperIdentityResponse> {
  const reader = new InputReader<GetOpenIdTokenForDeveloperIdentityInput>(input);
  const poolId = reader.string('IdentityPoolId', { ...POOL_OR_IDENTITY_ID, required: true }) as string;
  const identityId = reader.string('IdentityId', POOL_OR_IDENTITY_ID);
  const logins = reader.stringMap('Logins', { ...LOGINS_RULES, required: true }) as Record<string, string>;
  const principalTags = reader.stringMap('PrincipalTags', {
    maxEntries: 50,
    key: { min: 1, max: 128 },
    value: { min: 1, max: 256 },
  });
  const duration = reader.integer('TokenDuration', { min: 1, max: 86_400 });
  reader.check();

  context.authorizer.authorize(
    caller,
    'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
    context.pools.arn(poolId),
  );
  const pool = context.pools.get(poolId);
  const provider = developerProvider(pool, logins);
  const userIdentifier = logins[provider] as string;
  const identity = await linkedIdentity(context, pool, provider, userIdentifier, identityId);
  const token = await context.tokens.sign({
    identityId: identity.identityId,
    identityPoolId: poolId,
    amr: ['authenticated', provider, `${provider}:${poolId}:${userIdentifier}`],
    principalTags,
    durationSeconds: duration ?? DEFAULT_TOKEN_SECONDS,
  });
  return { IdentityId: identity.identityId, Token: token };
}

/** LookupDeveloperIdentity (signed): the identity of a developer user, or the developer users of an identity. */
export async function lookupDeveloperIdentity(
  context: CognitoContext,
  input: Record<string, unknown>,
  caller: Caller,
): Promise<LookupDeveloperIdentityResponse> {
  const reader = new InputReader<LookupDeveloperIdentityInput>(input);
  const poolId = reader.string('IdentityPoolId', { ...POOL_OR_IDENTITY_ID, required: true }) as string;
  const identityId = reader.string('IdentityId', POOL_OR_IDENTITY_ID);
  const userIdentifier = reader.string('DeveloperUserIdentifier', { min: 1, max: 1024 });
  reader.integer('MaxResults', { min: 1, max: 60 });
  // One developer user per identity here, so there is never a second page to point to.
  reader.string('NextToken', { min: 1, max: 65_535, pattern: '[\\S]+' });
  reader.check();

  context.authorizer.authorize(caller, 'cognito-identity:LookupDeveloperIdentity', context.pools.arn(poolId));
  const pool = context.pools.get(poolId);
  if (identityId === undefined && userIdentifier === undefined) {
    throw invalidParameter('Either IdentityId or DeveloperUserIdentifier must be provided.');
  }
  const provider = pool.developerProviderName;
  let identity: StoredIdentity | undefined;
  if (identityId !== undefined) {
    identity = context.identities.get(identityId);
    if (!identity || identity.identityPoolId !== poolId) throw identityNotFound(identityId);
  }
  if (userIdentifier !== undefined) {
    const linked = provider && context.identities.findByLogin(poolId, provider, userIdentifier);
    if (!linked || (identity && linked !== identity)) {
      throw new ServiceError(
        'ResourceNotFoundException',
        `DeveloperUserIdentifier '${userIdentifier}' not found.`,
        400,
      );
    }
    identity = linked;
  }
  const found = identity as StoredIdentity;
  const linkedUser = provider === undefined ? undefined : found.logins[provider];
  return {
    IdentityId: found.identityId,
    DeveloperUserIdentifierList: linkedUser === undefined ? [] : [linkedUser],
  };
}

/** The pool's developer provider, which `Logins` must name (and nothing else, as the pool federates no one). */
function developerProvider(pool: IdentityPoolDefinition, logins: Record<string, string>): string {
  const provider = pool.developerProviderName;
  if (provider === undefined || !Object.hasOwn(logins, provider)) {
    throw notAuthorized('This identity pool does not support the specified developer provider.');
  }
  if (Object.keys(logins).length > 1) throw unsupportedProvider();
  return provider;
}

/**
 * The identity a developer user has, creating it on first sight; with `identityId`, that identity, to
 * which the user is linked. A user already linked elsewhere, or an identity linked to another user of the
 * provider, is a conflict: one login per provider and identity.
 */
async function linkedIdentity(
  context: CognitoContext,
  pool: IdentityPoolDefinition,
  provider: string,
  userIdentifier: string,
  identityId: string | undefined,
): Promise<StoredIdentity> {
  const linked = context.identities.findByLogin(pool.identityPoolId, provider, userIdentifier);
  if (identityId === undefined) {
    return (
      linked ?? context.identities.create(pool.identityPoolId, { [provider]: userIdentifier }, context.now())
    );
  }
  const target = context.identities.get(identityId);
  if (!target || target.identityPoolId !== pool.identityPoolId) throw identityNotFound(identityId);
  if (linked && linked !== target) {
    throw resourceConflict(`Developer user '${userIdentifier}' is already linked to another identity.`);
  }
  const current = target.logins[provider];
  if (current !== undefined && current !== userIdentifier) {
    throw resourceConflict(`Identity '${identityId}' is already linked to another developer user.`);
  }
  if (!linked) await context.identities.link(target, provider, userIdentifier);
  return target;
}
