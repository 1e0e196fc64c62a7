import { GetOpenIdTokenForDeveloperIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { signIn } from '#contracts/auth.js';
import { cognito } from '#shared/aws-clients.js';
import { defineFunction } from '#shared/define-function.js';
import { setting } from '#shared/environment.js';
import { ForbiddenError, UnauthorizedError } from '#shared/errors.js';
import { getProfile, type Role, type UserProfile, userIdOfEmail, userIdOfUsername } from '#shared/users.js';
import { linkIdentity, recordPasswordSuccess } from './accounts.js';
import { checkPassword } from './password-attempts.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';

/** How long the Cognito token (and so the sign-in) lasts. */
const TOKEN_SECONDS = 3600;

/** The same words for an unknown account and a wrong password: nobody learns who has an account. */
const wrongPassword = () => new UnauthorizedError('The username or password is incorrect.');

/**
 * Public: checks the password (slowing down, then locking, after failures), refuses unverified
 * accounts, and vouches for the user to Cognito with the principal tag `role`, which IAM policies
 * check (admins get more).
 */
export const handler = defineFunction(signIn, async ({ username: login, password }) => {
  const user = await accountOf(login);
  if (!user) {
    // Spend a hash's time all the same, so that timing does not tell who has an account.
    await verifyPassword(password, undefined);
    throw wrongPassword();
  }
  await checkPassword(user, password, wrongPassword);
  const passwordHash = needsRehash(user.passwordHash) ? await hashPassword(password) : undefined;

  if (!user.emailVerified) {
    await recordPasswordSuccess(user.userId, { passwordHash });
    throw new ForbiddenError(
      'Verify your email address first: open the link in the email we sent when you signed up.',
    );
  }

  const role: Role = user.role === 'admin' ? 'admin' : 'user';
  const now = Date.now();
  let identity: { identityId: string; token: string };
  try {
    identity = await openIdToken(user.userId, role);
  } catch (error) {
    // The password was right: the attempt must not stay counted as a failure.
    await recordPasswordSuccess(user.userId, { passwordHash });
    throw error;
  }
  if (identity.identityId !== user.identityId) await linkIdentity(identity.identityId, user.userId);
  await recordPasswordSuccess(user.userId, { identityId: identity.identityId, passwordHash });

  return {
    identityId: identity.identityId,
    token: identity.token,
    expiresAt: new Date(now + TOKEN_SECONDS * 1000).toISOString(),
    user: { userId: user.userId, username: user.username, role },
  };
});

/** The account a login names: a username, or an email address (anything with an `@`). */
async function accountOf(login: string): Promise<UserProfile | undefined> {
  const userId = login.includes('@') ? await userIdOfEmail(login) : await userIdOfUsername(login);
  return userId ? getProfile(userId) : undefined;
}

async function openIdToken(userId: string, role: Role): Promise<{ identityId: string; token: string }> {
  const { IdentityId, Token } = await cognito().send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: setting('IDENTITY_POOL_ID'),
      Logins: { [setting('DEVELOPER_PROVIDER_NAME')]: userId },
      PrincipalTags: { role },
      TokenDuration: TOKEN_SECONDS,
    }),
  );
  if (!IdentityId || !Token)
    throw new Error('GetOpenIdTokenForDeveloperIdentity returned no identity or token');
  return { identityId: IdentityId, token: Token };
}
