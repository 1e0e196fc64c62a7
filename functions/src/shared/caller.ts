import type { Context } from 'aws-lambda';
import { UnauthorizedError } from './errors.js';
import { getProfile, type UserProfile, userIdOfIdentity } from './users.js';

/**
 * Who is calling, from what Lambda says and nothing else: the Cognito identity that signed the
 * Invoke request. A payload's "userId" is never believed.
 */
export function identityIdOf(context: Context): string | undefined {
  const identityId = context.identity?.cognitoIdentityId;
  const poolId = context.identity?.cognitoIdentityPoolId;
  const expectedPool = process.env.IDENTITY_POOL_ID;
  if (!identityId) return undefined;
  // Only identities of our own pool count; another pool's identity is a stranger.
  if (expectedPool && poolId !== expectedPool) return undefined;
  return identityId;
}

/** The signed-in account behind the call; guests and unknown identities get `UnauthorizedError`. */
export async function requireUser(context: Context): Promise<UserProfile> {
  const user = await findUser(context);
  if (!user) throw new UnauthorizedError('Please sign in to do this.');
  return user;
}

/** The signed-in account behind the call, or undefined for a guest. */
export async function findUser(context: Context): Promise<UserProfile | undefined> {
  const identityId = identityIdOf(context);
  return identityId ? accountOfIdentity(identityId) : undefined;
}

/** The account a Cognito identity stands for now (an upload's prefix names one, for instance). */
export async function accountOfIdentity(identityId: string): Promise<UserProfile | undefined> {
  const userId = await userIdOfIdentity(identityId);
  if (!userId) return undefined;
  const user = await getProfile(userId);
  // The link stays when an account's identity changes; only the current one is the account's.
  return user?.identityId === identityId ? user : undefined;
}
