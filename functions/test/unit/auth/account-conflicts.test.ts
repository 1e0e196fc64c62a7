import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '#shared/errors.js';
import { conflictOf } from '../../../src/auth/accounts.js';

/** A cancelled sign-up transaction as DynamoDB reports it: one reason per item, in order. */
function cancelled(...codes: string[]) {
  return new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
}

describe('a refused sign-up', () => {
  it('names the taken username', () => {
    const conflict = conflictOf(cancelled('None', 'ConditionalCheckFailed', 'None', 'None'));

    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict?.message).toBe('That username is taken. Please choose another one.');
  });

  it('names the taken email address', () => {
    expect(conflictOf(cancelled('None', 'None', 'ConditionalCheckFailed', 'None'))?.message).toContain(
      'That email address already has an account',
    );
  });

  it('names both when both are taken', () => {
    expect(
      conflictOf(cancelled('None', 'ConditionalCheckFailed', 'ConditionalCheckFailed', 'None'))?.message,
    ).toBe('That username is taken, and that email address already has an account.');
  });

  it('asks to try again when another sign-up for the same name was being written at the same moment', () => {
    const conflict = conflictOf(cancelled('None', 'TransactionConflict', 'None', 'None'));

    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict?.message).toContain('Try again');
  });

  it('is not a conflict when the transaction failed for another reason (left to the caller as unexpected)', () => {
    expect(conflictOf(cancelled('None', 'None', 'None', 'ValidationError'))).toBeUndefined();
    expect(conflictOf(new Error('network down'))).toBeUndefined();
  });
});
