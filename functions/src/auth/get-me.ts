import { getMe } from '#contracts/auth.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';

/** Signed in: the caller's own account (the contract leaves out the password hash and counters). */
export const handler = defineFunction(getMe, async (_input, context) => {
  const user = await requireUser(context);
  return {
    userId: user.userId,
    username: user.username,
    email: user.email,
    role: user.role,
    emailVerified: user.emailVerified,
    createdAt: user.createdAt,
  };
});
