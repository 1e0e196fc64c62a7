import type {
  GetCredentialsForIdentityInput,
  GetCredentialsForIdentityResponse,
  GetIdInput,
  GetIdResponse,
  GetOpenIdTokenInput,
  GetOpenIdTokenResponse,
} from '@aws-sdk/client-cognito-identity';
import type { IdentityPoolDefinition } from '../../stack/types.js';
import { type CognitoContext, cognitoToken, LOGINS_RULES } from './context.js';
import {
  identityForbidden,
  identityNotFound,
  invalidLoginToken,
  invalidParameter,
  loginsDoNotMatch,
  unauthenticatedNotSupported,
} from './errors.js';
import { InputReader, POOL_OR_IDENTITY_ID } from './input-reader.js';

/** Credentials from GetCredentialsForIdentity last one hour, as AWS's do. */
const CREDENTIALS_SECONDS = 3600;
/** GetOpenIdToken's token is "valid for 10 minutes". */
const OPEN_ID_TOKEN_SECONDS = 600;
/** The role session name AWS gives identity-pool credentials (it shows in the assumed-role ARN). */
export const SESSION_NAME = 'CognitoIdentityCredentials';

/** On the wire the expiration is in epoch seconds; the SDK's output type says `Date` once parsed. */
type WireCredentialsResponse = Omit<GetCredentialsForIdentityResponse, 'Credentials'> & {
  Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string; Expiration: number };
};

/** GetId (unsigned): a new unauthenticated identity, or the identity of the identity-pool token in `Logins`. */
export async function getId(context: CognitoContext, input: Record<string, unknown>): Promise<GetIdResponse> {
  const reader = new InputReader<GetIdInput>(input);
  const poolId = reader.string('IdentityPoolId', { ...POOL_OR_IDENTITY_ID, required: true }) as string;
  const accountId = reader.string('AccountId', { min: 1, max: 15, pattern: '\\d+' });
  const logins = reader.stringMap('Logins', LOGINS_RULES);
  reader.check();

  const pool = context.pools.get(poolId, accountId);
  const token = cognitoToken(logins);
  if (token !== undefined) {
    const claims = await context.tokens.verify(token, poolId);
    if (!context.identities.get(claims.identityId)) throw identityNotFound(claims.identityId);
    return { IdentityId: claims.identityId };
  }
  if (!pool.allowUnauthenticatedIdentities) throw unauthenticatedNotSupported();
  const identity = await context.identities.create(poolId, {}, context.now());
  return { IdentityId: identity.identityId };
}

/**
 * GetCredentialsForIdentity (unsigned): credentials for the pool's unauthenticated role (no `Logins`,
 * unauthenticated identities only) or its authenticated role (with the identity's token).
 */
export async function getCredentialsForIdentity(
  context: CognitoContext,
  input: Record<string, unknown>,
): Promise<WireCredentialsResponse> {
  const reader = new InputReader<GetCredentialsForIdentityInput>(input);
  const identityId = reader.string('IdentityId', { ...POOL_OR_IDENTITY_ID, required: true }) as string;
  const logins = reader.stringMap('Logins', LOGINS_RULES);
  const customRoleArn = reader.string('CustomRoleArn', { min: 20, max: 2048 });
  reader.check();

  const session = await identitySession(context, identityId, logins);
  const role = context.pools.role(session.pool, session.authenticated);
  if (customRoleArn !== undefined && customRoleArn !== role.roleArn) {
    // Only role mappings let a token choose among roles, and the local cloud does not emulate them.
    throw invalidParameter(
      `CustomRoleArn '${customRoleArn}' is not the role this identity gets; the local cloud does not emulate role mappings.`,
    );
  }
  const issued = await context.credentials.issue({
    ...role,
    sessionName: SESSION_NAME,
    identityId,
    identityPoolId: session.pool.identityPoolId,
    amr: session.amr,
    principalTags: session.principalTags,
    durationSeconds: CREDENTIALS_SECONDS,
  });
  return {
    IdentityId: identityId,
    Credentials: {
      AccessKeyId: issued.accessKeyId,
      SecretKey: issued.secretAccessKey,
      SessionToken: issued.sessionToken,
      Expiration: issued.expiration.getTime() / 1000,
    },
  };
}

/** GetOpenIdToken (unsigned): a 10-minute token for the identity, on the same terms as its credentials. */
export async function getOpenIdToken(
  context: CognitoContext,
  input: Record<string, unknown>,
): Promise<GetOpenIdTokenResponse> {
  const reader = new InputReader<GetOpenIdTokenInput>(input);
  const identityId = reader.string('IdentityId', { ...POOL_OR_IDENTITY_ID, required: true }) as string;
  const logins = reader.stringMap('Logins', LOGINS_RULES);
  reader.check();

  const session = await identitySession(context, identityId, logins);
  const token = await context.tokens.sign({
    identityId,
    identityPoolId: session.pool.identityPoolId,
    amr: session.amr,
    principalTags: session.principalTags,
    durationSeconds: OPEN_ID_TOKEN_SECONDS,
  });
  return { IdentityId: identityId, Token: token };
}

interface IdentitySession {
  pool: IdentityPoolDefinition;
  authenticated: boolean;
  amr: string[];
  principalTags: Record<string, string>;
}

/**
 * Who is asking for an identity: without `Logins`, its unauthenticated self (refused for an identity
 * that has logins, and by pools without unauthenticated access); with the pool's token, the
 * authenticated user the token was issued to.
 */
async function identitySession(
  context: CognitoContext,
  identityId: string,
  logins: Record<string, string> | undefined,
): Promise<IdentitySession> {
  const identity = context.identities.get(identityId);
  if (!identity) throw identityNotFound(identityId);
  const pool = context.pools.get(identity.identityPoolId);
  const token = cognitoToken(logins);
  if (token === undefined) {
    if (Object.keys(identity.logins).length > 0) throw identityForbidden(identityId);
    if (!pool.allowUnauthenticatedIdentities) throw unauthenticatedNotSupported();
    return { pool, authenticated: false, amr: ['unauthenticated'], principalTags: {} };
  }
  const claims = await context.tokens.verify(token, pool.identityPoolId);
  if (claims.identityId !== identityId) throw loginsDoNotMatch();
  // A token of an unauthenticated identity (GetOpenIdToken without logins) proves no login.
  if (claims.amr[0] !== 'authenticated') throw invalidLoginToken("Can't pass in a Cognito token.");
  return { pool, authenticated: true, amr: claims.amr, principalTags: claims.principalTags };
}
