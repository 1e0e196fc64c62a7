import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws-clients.js';
import { type AppError, TooManyRequestsError } from '#shared/errors.js';
import { keys, type UserProfile, usersTable } from '#shared/users.js';
import { verifyPassword } from './passwords.js';

/**
 * Brute-force protection of an account's password. Failures in a row are counted on the profile:
 * from the 5th on, each next attempt must wait 2^(failures − 5) seconds after the last one; the
 * 10th locks the account for 15 minutes. A success clears it all.
 *
 * Lambda runs many attempts at once, so a check-then-count would let a burst of parallel guesses
 * through. Each attempt is therefore counted as a failure *before* the password is checked, with a
 * condition on the count it saw: of parallel attempts only one passes each count, and a success
 * takes the count back to zero (`recordPasswordSuccess`).
 */
export const SLOW_DOWN_AFTER_FAILURES = 5;
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_SECONDS = 15 * 60;

/** How long after the last failure the next attempt must wait, with `failures` failures in a row. */
export function waitSeconds(failures: number): number {
  if (failures < SLOW_DOWN_AFTER_FAILURES) return 0;
  if (failures >= LOCK_AFTER_FAILURES) return LOCK_SECONDS;
  return 2 ** (failures - SLOW_DOWN_AFTER_FAILURES);
}

type AttemptState = Pick<UserProfile, 'failedSignIns' | 'lastFailedSignInAt' | 'lockedUntil'>;

/** Why an attempt may not even be tried now (locked, or too soon after the last failure), if so. */
export function refusalOf(account: AttemptState, now = new Date()): TooManyRequestsError | undefined {
  const lockedUntil = account.lockedUntil ? Date.parse(account.lockedUntil) : Number.NaN;
  if (lockedUntil > now.getTime()) return lockedError(Math.ceil((lockedUntil - now.getTime()) / 1000));
  const failures = account.failedSignIns ?? 0;
  if (failures < SLOW_DOWN_AFTER_FAILURES || failures >= LOCK_AFTER_FAILURES) return undefined;
  const last = account.lastFailedSignInAt ? Date.parse(account.lastFailedSignInAt) : Number.NaN;
  const allowedAt = last + waitSeconds(failures) * 1000;
  if (allowedAt > now.getTime()) return slowDownError(Math.ceil((allowedAt - now.getTime()) / 1000));
  return undefined;
}

/**
 * What a wrong password is answered with, after `failures` failures in a row: the given error at
 * first, then the same news with the wait before the next try, and the lock at the end.
 */
export function failureError(failures: number, wrongPassword: () => AppError): AppError {
  if (failures >= LOCK_AFTER_FAILURES) return lockedError(LOCK_SECONDS);
  if (failures >= SLOW_DOWN_AFTER_FAILURES) {
    const wait = waitSeconds(failures);
    return new TooManyRequestsError(
      `${wrongPassword().message} After several failed attempts, please wait ${seconds(wait)} before trying again.`,
      wait,
    );
  }
  return wrongPassword();
}

/**
 * Checks `password` against the account, within the limits above. Resolves when it is right (the
 * caller then records the success); throws `wrongPassword()` (or a `TooManyRequestsError`) when not.
 */
export async function checkPassword(
  account: UserProfile,
  password: string,
  wrongPassword: () => AppError,
  now = new Date(),
): Promise<void> {
  const refusal = refusalOf(account, now);
  if (refusal) throw refusal;
  const failures = await countAttempt(account, now);
  if (!(await verifyPassword(password, account.passwordHash))) throw failureError(failures, wrongPassword);
}

/** Counts an attempt as a failure until proved otherwise; the failures in a row it makes. */
async function countAttempt(account: UserProfile, now: Date): Promise<number> {
  const seen = account.failedSignIns;
  const failures = (seen ?? 0) + 1;
  const lock = failures >= LOCK_AFTER_FAILURES;
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: usersTable(),
        Key: keys.profile(account.userId),
        UpdateExpression: `SET failedSignIns = :failures, lastFailedSignInAt = :now${lock ? ', lockedUntil = :lockedUntil' : ''}`,
        ConditionExpression:
          seen === undefined ? 'attribute_not_exists(failedSignIns)' : 'failedSignIns = :seen',
        ExpressionAttributeValues: {
          ':failures': failures,
          ':now': now.toISOString(),
          ...(seen === undefined ? {} : { ':seen': seen }),
          ...(lock ? { ':lockedUntil': new Date(now.getTime() + LOCK_SECONDS * 1000).toISOString() } : {}),
        },
      }),
    );
    return failures;
  } catch (error) {
    // Another attempt on the same account got there first: this one waits its turn.
    if (error instanceof ConditionalCheckFailedException) {
      throw new TooManyRequestsError(
        'Another sign-in to this account is in progress. Please try again in a moment.',
        1,
      );
    }
    throw error;
  }
}

function lockedError(retryAfterSeconds: number): TooManyRequestsError {
  return new TooManyRequestsError(
    `This account is locked for ${LOCK_SECONDS / 60} minutes after too many failed sign-ins. Try again in ${seconds(retryAfterSeconds)}, or reset your password.`,
    retryAfterSeconds,
  );
}

function slowDownError(retryAfterSeconds: number): TooManyRequestsError {
  return new TooManyRequestsError(
    `Too many failed sign-ins. Please wait ${seconds(retryAfterSeconds)} before trying again.`,
    retryAfterSeconds,
  );
}

/** "1 second", "45 seconds", "15 minutes", "3 minutes 20 seconds". */
function seconds(total: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (total < 60) return plural(total, 'second');
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  return rest === 0 ? plural(minutes, 'minute') : `${plural(minutes, 'minute')} ${plural(rest, 'second')}`;
}
