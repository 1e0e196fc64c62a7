import { forgotPassword } from '#contracts/auth.js';
import { defineFunction } from '#shared/define-function.js';
import { getProfile, userIdOfEmail } from '#shared/users.js';
import { setResetToken, storeToken } from './accounts.js';
import { emailLink } from './emails.js';
import { newToken, tokenItem } from './tokens.js';

/**
 * Public: emails a single-use reset link, valid for one hour, to a verified account's address. The
 * answer is the same whether or not the address has an account, and a failure to send is only
 * logged, for the same reason. A new link replaces the previous one; at most one is sent a minute.
 */
export const handler = defineFunction(forgotPassword, async ({ email }) => {
  const userId = await userIdOfEmail(email);
  const user = userId ? await getProfile(userId) : undefined;
  if (!user?.emailVerified) return { accepted: true as const };

  const reset = newToken();
  // The link's slot first: a request within a minute of the last email sends nothing (same answer).
  if (!(await setResetToken(user.userId, reset.hash))) return { accepted: true as const };
  await storeToken(tokenItem(reset.hash, 'reset-password', user));
  await emailLink(user, 'reset-password', reset.token);
  return { accepted: true as const };
});
