import { z } from 'zod';
import { email, emailToken, password, username } from './common.js';

const role = z.enum(['user', 'admin']);

export const signUp = {
  input: z.object({ username, email, password }),
  output: z.object({ userId: z.string(), username: z.string(), verificationEmailSent: z.boolean() }),
};

export const verifyEmail = {
  input: z.object({ token: emailToken }),
  output: z.object({ username: z.string(), emailVerified: z.literal(true) }),
};

export const signIn = {
  input: z.object({ username: z.string().trim().min(1).max(254), password }),
  output: z.object({
    /** For `GetCredentialsForIdentity` with the login `cognito-identity.amazonaws.com`. */
    identityId: z.string(),
    token: z.string(),
    /** When the token stops being accepted (ISO 8601). */
    expiresAt: z.string(),
    user: z.object({ userId: z.string(), username: z.string(), role }),
  }),
};

export const forgotPassword = {
  input: z.object({ email }),
  // The same answer whether or not the address has an account: nobody learns who is a user.
  output: z.object({ accepted: z.literal(true) }),
};

export const resendVerification = {
  input: z.object({ email }),
  // As for forgotPassword: the same answer whether or not the address has an unverified account.
  output: z.object({ accepted: z.literal(true) }),
};

export const resetPassword = {
  input: z.object({ token: emailToken, password }),
  output: z.object({ passwordReset: z.literal(true) }),
};

export const changePassword = {
  input: z.object({ oldPassword: password, newPassword: password }),
  output: z.object({ passwordChanged: z.literal(true) }),
};

export const getMe = {
  input: z.object({}),
  output: z.object({
    userId: z.string(),
    username: z.string(),
    email: z.string(),
    role,
    emailVerified: z.boolean(),
    createdAt: z.string(),
  }),
};
