import { describe, expect, it } from 'vitest';
import { TooManyRequestsError, UnauthorizedError } from '#shared/errors.js';
import { failureError, refusalOf, waitSeconds } from '../../../src/auth/password-attempts.js';

const now = new Date('2026-01-01T12:00:00Z');
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
const wrong = () => new UnauthorizedError('The username or password is incorrect.');

describe('sign-in attempts', () => {
  it('wait nothing for four failures, then 1, 2, 4, 8, 16 seconds, then the 15-minute lock', () => {
    expect([0, 1, 4, 5, 6, 7, 8, 9, 10].map(waitSeconds)).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 900]);
  });

  it('are allowed freely below five failures', () => {
    expect(refusalOf({ failedSignIns: 4, lastFailedSignInAt: secondsAgo(0) }, now)).toBeUndefined();
  });

  it('are refused until the wait after the last failure has passed', () => {
    const account = { failedSignIns: 7, lastFailedSignInAt: secondsAgo(3) };

    const refusal = refusalOf(account, now);

    expect(refusal).toBeInstanceOf(TooManyRequestsError);
    expect(refusal?.retryAfterSeconds).toBe(1);
    expect(refusal?.message).toContain('wait 1 second');
    expect(refusalOf({ failedSignIns: 7, lastFailedSignInAt: secondsAgo(4) }, now)).toBeUndefined();
  });

  it('are refused while the account is locked, saying for how long', () => {
    const refusal = refusalOf(
      { failedSignIns: 10, lockedUntil: new Date(now.getTime() + 600_000).toISOString() },
      now,
    );

    expect(refusal?.retryAfterSeconds).toBe(600);
    expect(refusal?.message).toContain('locked for 15 minutes');
    expect(refusal?.message).toContain('Try again in 10 minutes');
  });

  it('are allowed again once a lock has run out', () => {
    expect(
      refusalOf({ failedSignIns: 10, lockedUntil: secondsAgo(1), lastFailedSignInAt: secondsAgo(901) }, now),
    ).toBe(undefined);
  });

  it('answer a wrong password plainly at first, then with the wait, then with the lock', () => {
    expect(failureError(4, wrong)).toBeInstanceOf(UnauthorizedError);
    const slowed = failureError(6, wrong) as TooManyRequestsError;
    expect(slowed).toBeInstanceOf(TooManyRequestsError);
    expect(slowed.message).toBe(
      'The username or password is incorrect. After several failed attempts, please wait 2 seconds before trying again.',
    );
    expect(slowed.retryAfterSeconds).toBe(2);
    expect((failureError(10, wrong) as TooManyRequestsError).retryAfterSeconds).toBe(900);
  });
});
