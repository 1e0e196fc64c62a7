import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './aws-clients.js';
import { setting } from './environment.js';

/**
 * The users table holds several kinds of item under one key schema (`pk`, `sk`):
 * - `user#<userId>` / `profile`: the account;
 * - `username` / `<lower-case username>`: claims the name (a conditional put keeps it unique) and,
 *   being sorted, answers prefix searches;
 * - `email#<lower-case address>` / `email`: claims the address;
 * - `identity#<cognito identity id>` / `identity`: which account a Cognito identity signed in as;
 * - `token#<sha-256 of the token>` / `verify-email` | `reset-password`: single-use tokens, only
 *   their hash is kept, expiring through the table's TTL attribute `expiresAt`.
 */
export const usersTable = () => setting('USERS_TABLE');

export const keys = {
  profile: (userId: string) => ({ pk: `user#${userId}`, sk: 'profile' }),
  username: (username: string) => ({ pk: 'username', sk: username.toLowerCase() }),
  email: (email: string) => ({ pk: `email#${email.toLowerCase()}`, sk: 'email' }),
  identity: (identityId: string) => ({ pk: `identity#${identityId}`, sk: 'identity' }),
  token: (tokenHash: string, purpose: TokenPurpose) => ({ pk: `token#${tokenHash}`, sk: purpose }),
};

export type TokenPurpose = 'verify-email' | 'reset-password';
export type Role = 'user' | 'admin';

export interface UserProfile {
  userId: string;
  username: string;
  email: string;
  role: Role;
  emailVerified: boolean;
  /** `scrypt$N$r$p$salt$hash`, never returned by any function. */
  passwordHash: string;
  identityId?: string;
  failedSignIns: number;
  /** When the last failed password check happened (ISO 8601); gone after a success. */
  lastFailedSignInAt?: string;
  lockedUntil?: string;
  /** The sha-256 of the one reset link that may still be used; a newer request replaces it. */
  resetTokenHash?: string;
  /** When the last reset / verification link was emailed: at most one a minute. */
  resetEmailedAt?: string;
  verificationEmailedAt?: string;
  passwordChangedAt?: string;
  createdAt: string;
}

/** The `username` item that claims a name: who has it, and the name as its owner wrote it. */
export interface UsernameClaim {
  pk: 'username';
  sk: string;
  userId: string;
  username: string;
}

export async function getProfile(userId: string): Promise<UserProfile | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: usersTable(), Key: keys.profile(userId), ConsistentRead: true }),
  );
  return Item as UserProfile | undefined;
}

/** The account a Cognito identity signed in as, if it ever did. */
export async function userIdOfIdentity(identityId: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: usersTable(), Key: keys.identity(identityId) }),
  );
  return Item?.userId as string | undefined;
}

/** The account that claimed a username (any letter case), if any. */
export async function userIdOfUsername(username: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: usersTable(), Key: keys.username(username), ConsistentRead: true }),
  );
  return Item?.userId as string | undefined;
}

/** The account that claimed an email address (any letter case), if any. */
export async function userIdOfEmail(email: string): Promise<string | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: usersTable(), Key: keys.email(email), ConsistentRead: true }),
  );
  return Item?.userId as string | undefined;
}
