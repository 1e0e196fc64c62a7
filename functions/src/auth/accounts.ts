import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws-clients.js';
import { ConflictError } from '#shared/errors.js';
import { keys, type UsernameClaim, type UserProfile, usersTable } from '#shared/users.js';
import { type TokenItem, usedOrExpired } from './tokens.js';

// The auth service's writes to the users table (see `#shared/users.ts` for the key layout).

const NEW_KEY = 'attribute_not_exists(pk)';

/**
 * Creates an account in one transaction: the profile, the claim on its username, the claim on its
 * email address and its verification token. Either all are written or none, so a taken name or
 * address leaves nothing behind; the error names which one was taken.
 */
export async function createAccount(profile: UserProfile, verification: TokenItem): Promise<void> {
  const TableName = usersTable();
  const usernameClaim: UsernameClaim = {
    ...keys.username(profile.username),
    pk: 'username',
    userId: profile.userId,
    username: profile.username,
  };
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: { ...keys.profile(profile.userId), ...profile },
              ConditionExpression: NEW_KEY,
            },
          },
          { Put: { TableName, Item: usernameClaim, ConditionExpression: NEW_KEY } },
          {
            Put: {
              TableName,
              Item: { ...keys.email(profile.email), userId: profile.userId },
              ConditionExpression: NEW_KEY,
            },
          },
          { Put: { TableName, Item: verification, ConditionExpression: NEW_KEY } },
        ],
      }),
    );
  } catch (error) {
    throw conflictOf(error) ?? error;
  }
}

/** The `ConflictError` a cancelled account transaction stands for, from its per-item reasons. */
export function conflictOf(error: unknown): ConflictError | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  const failed = (index: number) => reasons[index]?.Code === 'ConditionalCheckFailed';
  const usernameTaken = failed(1);
  const emailTaken = failed(2);
  if (usernameTaken && emailTaken) {
    return new ConflictError('That username is taken, and that email address already has an account.');
  }
  if (usernameTaken) return new ConflictError('That username is taken. Please choose another one.');
  if (emailTaken) {
    return new ConflictError('That email address already has an account. Sign in, or reset your password.');
  }
  // Two sign-ups for the same name or address at the same moment: one wins, the other may retry.
  if (reasons.some((reason) => reason.Code === 'TransactionConflict')) {
    return new ConflictError(
      'Someone is signing up with that username or email address right now. Try again.',
    );
  }
  return undefined;
}

/** Marks an address verified, if it is still the account's address; the updated profile. */
export async function markEmailVerified(token: TokenItem): Promise<UserProfile> {
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: usersTable(),
        Key: keys.profile(token.userId),
        UpdateExpression: 'SET emailVerified = :true',
        ConditionExpression: 'attribute_exists(pk) AND email = :email',
        ExpressionAttributeValues: { ':true': true, ':email': token.email },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as UserProfile;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw usedOrExpired();
    throw error;
  }
}

/** Records which account a Cognito identity belongs to (the caller lookup of `#shared/caller.ts`). */
export async function linkIdentity(identityId: string, userId: string): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: usersTable(), Item: { ...keys.identity(identityId), userId } }),
  );
}

/**
 * A successful password check: the failure count and any lock go, and whatever else came with the
 * success (the identity, a rehashed password) is stored.
 */
export async function recordPasswordSuccess(
  userId: string,
  changes: { identityId?: string; passwordHash?: string } = {},
): Promise<void> {
  const sets = ['failedSignIns = :zero'];
  const values: Record<string, unknown> = { ':zero': 0 };
  if (changes.identityId) {
    sets.push('identityId = :identityId');
    values[':identityId'] = changes.identityId;
  }
  if (changes.passwordHash) {
    sets.push('passwordHash = :passwordHash');
    values[':passwordHash'] = changes.passwordHash;
  }
  await dynamo().send(
    new UpdateCommand({
      TableName: usersTable(),
      Key: keys.profile(userId),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE lockedUntil, lastFailedSignInAt`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: values,
    }),
  );
}

/**
 * Replaces the password, provided the account is still as the caller saw it (`expected`: the old
 * hash for a change, the reset token's hash for a reset). Clears failures and lock, and invalidates
 * any reset link still out there. Returns false when the expectation no longer holds.
 */
export async function replacePassword(
  userId: string,
  passwordHash: string,
  expected: { passwordHash: string } | { resetTokenHash: string },
  now = new Date(),
): Promise<boolean> {
  const [attribute, value] =
    'passwordHash' in expected
      ? (['passwordHash', expected.passwordHash] as const)
      : (['resetTokenHash', expected.resetTokenHash] as const);
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: usersTable(),
        Key: keys.profile(userId),
        UpdateExpression:
          'SET passwordHash = :new, passwordChangedAt = :now, failedSignIns = :zero REMOVE lockedUntil, lastFailedSignInAt, resetTokenHash',
        ConditionExpression: `attribute_exists(pk) AND #expected = :expected`,
        ExpressionAttributeNames: { '#expected': attribute },
        ExpressionAttributeValues: {
          ':new': passwordHash,
          ':now': now.toISOString(),
          ':zero': 0,
          ':expected': value,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The least time between two emails of a kind to one account: nobody can flood an inbox through us. */
export const LINK_EMAIL_INTERVAL_SECONDS = 60;

/**
 * Makes `resetTokenHash` the account's only usable reset link (older ones stop working), unless a
 * reset link was emailed less than a minute ago; false then, and nothing changes.
 */
export function setResetToken(userId: string, resetTokenHash: string, now = new Date()): Promise<boolean> {
  return claimLinkEmail(userId, 'resetEmailedAt', now, {
    set: 'resetTokenHash = :hash',
    values: { ':hash': resetTokenHash },
  });
}

/** Claims the sending of a new verification link to a still unverified account, at most once a minute. */
export function claimVerificationEmail(userId: string, now = new Date()): Promise<boolean> {
  return claimLinkEmail(userId, 'verificationEmailedAt', now, {
    condition: 'emailVerified = :false',
    values: { ':false': false },
  });
}

async function claimLinkEmail(
  userId: string,
  stamp: 'resetEmailedAt' | 'verificationEmailedAt',
  now: Date,
  more: { set?: string; condition?: string; values: Record<string, unknown> },
): Promise<boolean> {
  const cutoff = new Date(now.getTime() - LINK_EMAIL_INTERVAL_SECONDS * 1000).toISOString();
  const conditions = ['attribute_exists(pk)', `(attribute_not_exists(${stamp}) OR ${stamp} < :cutoff)`];
  if (more.condition) conditions.push(more.condition);
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: usersTable(),
        Key: keys.profile(userId),
        UpdateExpression: `SET ${[`${stamp} = :now`, ...(more.set ? [more.set] : [])].join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeValues: { ':now': now.toISOString(), ':cutoff': cutoff, ...more.values },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Puts a token item (a new one: 32 random bytes never collide, but the condition says so). */
export async function storeToken(item: TokenItem): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: usersTable(), Item: item, ConditionExpression: NEW_KEY }));
}
