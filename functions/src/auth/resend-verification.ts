import { resendVerification } from '#contracts/auth.js';
import { defineFunction } from '#shared/define-function.js';
import { getProfile, userIdOfEmail } from '#shared/users.js';
import { claimVerificationEmail, storeToken } from './accounts.js';
import { emailLink } from './emails.js';
import { newToken, tokenItem } from './tokens.js';

/**
 * Public: emails a fresh verification link to an account whose address is not verified yet (the
 * first email got lost, or its link expired). The same answer whatever the address, and at most one
 * email a minute to an account.
 */
export const handler = defineFunction(resendVerification, async ({ email }) => {
  const userId = await userIdOfEmail(email);
  const user = userId ? await getProfile(userId) : undefined;
  if (!user || user.emailVerified) return { accepted: true as const };
  if (!(await claimVerificationEmail(user.userId))) return { accepted: true as const };

  const verification = newToken();
  await storeToken(tokenItem(verification.hash, 'verify-email', user));
  await emailLink(user, 'verify-email', verification.token);
  return { accepted: true as const };
});
