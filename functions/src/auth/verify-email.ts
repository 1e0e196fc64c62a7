import { verifyEmail } from '#contracts/auth.js';
import { defineFunction } from '#shared/define-function.js';
import { markEmailVerified } from './accounts.js';
import { consumeToken } from './tokens.js';

/** Public: uses up the emailed token and marks the address verified. */
export const handler = defineFunction(verifyEmail, async ({ token }) => {
  const item = await consumeToken(token, 'verify-email');
  const profile = await markEmailVerified(item);
  return { username: profile.username, emailVerified: true as const };
});
