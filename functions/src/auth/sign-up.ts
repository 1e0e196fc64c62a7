import { randomUUID } from 'node:crypto';
import { signUp } from '#contracts/auth.js';
import { defineFunction } from '#shared/define-function.js';
import type { UserProfile } from '#shared/users.js';
import { createAccount } from './accounts.js';
import { emailLink } from './emails.js';
import { checkPasswordPolicy } from './password-policy.js';
import { hashPassword } from './passwords.js';
import { newToken, tokenItem } from './tokens.js';

/** Public: creates an account (unique username and email) and emails its verification link. */
export const handler = defineFunction(signUp, async ({ username, email, password }) => {
  checkPasswordPolicy(password, { username, email });
  const now = new Date();
  const profile: UserProfile = {
    userId: randomUUID(),
    username,
    email,
    role: 'user',
    emailVerified: false,
    passwordHash: await hashPassword(password),
    failedSignIns: 0,
    createdAt: now.toISOString(),
  };
  const verification = newToken();
  await createAccount(profile, tokenItem(verification.hash, 'verify-email', profile, now));

  // The account exists from here on; a failed email is reported, not undone (the caller can say so).
  const verificationEmailSent = await emailLink(profile, 'verify-email', verification.token);
  return { userId: profile.userId, username, verificationEmailSent };
});
