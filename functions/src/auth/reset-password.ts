import { resetPassword } from '#contracts/auth.js';
import { defineFunction } from '#shared/define-function.js';
import { getProfile } from '#shared/users.js';
import { replacePassword } from './accounts.js';
import { checkPasswordPolicy } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { consumeToken, findToken, hashToken, usedOrExpired } from './tokens.js';

/**
 * Public: sets a new password with the emailed reset token. The new password is checked before the
 * token is used up, so a refused password does not cost the person their link. Failures and a lock
 * are cleared: proving the address is worth more than the guesses before it.
 */
export const handler = defineFunction(resetPassword, async ({ token, password }) => {
  const found = await findToken(token, 'reset-password');
  const user = found ? await getProfile(found.userId) : undefined;
  const tokenHash = hashToken(token);
  // Only the latest link of the account works: asking again replaces the previous one.
  if (!user || user.resetTokenHash !== tokenHash) throw usedOrExpired();
  checkPasswordPolicy(password, user);

  const passwordHash = await hashPassword(password);
  await consumeToken(token, 'reset-password');
  if (!(await replacePassword(user.userId, passwordHash, { resetTokenHash: tokenHash })))
    throw usedOrExpired();
  return { passwordReset: true as const };
});
