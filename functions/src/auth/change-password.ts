import { changePassword } from '#contracts/auth.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { ConflictError, ForbiddenError, ValidationError } from '#shared/errors.js';
import { replacePassword } from './accounts.js';
import { checkPassword } from './password-attempts.js';
import { checkPasswordPolicy } from './password-policy.js';
import { hashPassword } from './passwords.js';

const wrongPassword = () => new ForbiddenError('Your current password is not correct.');

/**
 * Signed in: changes the caller's own password (the caller is whoever signed the request, never a
 * name in the payload). The current password is required and counts toward the same failure limit
 * as signing in, so a borrowed session cannot be used to guess it. Open reset links stop working.
 */
export const handler = defineFunction(changePassword, async ({ oldPassword, newPassword }, context) => {
  const user = await requireUser(context);
  if (oldPassword === newPassword) {
    const message = 'Choose a new password that differs from your current one.';
    throw new ValidationError(message, [{ path: 'newPassword', message }]);
  }
  checkPasswordPolicy(newPassword, user, 'newPassword');
  await checkPassword(user, oldPassword, wrongPassword);

  const passwordHash = await hashPassword(newPassword);
  if (!(await replacePassword(user.userId, passwordHash, { passwordHash: user.passwordHash }))) {
    throw new ConflictError('Your password was changed elsewhere meanwhile. Sign in again and retry.');
  }
  return { passwordChanged: true as const };
});
