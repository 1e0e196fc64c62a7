import { describe, expect, it } from 'vitest';
import { ValidationError } from '#shared/errors.js';
import { checkPasswordPolicy, passwordProblem } from '../../../src/auth/password-policy.js';

const account = { username: 'Ada_Lovelace', email: 'ada@example.test' };

describe('the password policy', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(passwordProblem('violet staple horse', account)).toBeUndefined();
  });

  it('counts characters as people see them, not UTF-16 units', () => {
    // Ten emoji are ten characters (twenty UTF-16 units); nine are too few.
    expect(passwordProblem('🐱🐶🐭🐹🐰🦊🐻🐼🐨🐯', account)).toBeUndefined();
    expect(passwordProblem('🐱🐶🐭🐹🐰🦊🐻🐼🐨', account)).toContain('at least 10 characters');
  });

  it.each([
    ['shorter than 10 characters', 'short pw1', 'at least 10 characters'],
    ['longer than 128 characters', 'x1y2z3'.repeat(22), 'at most 128 characters'],
    ['containing the username in any case', 'hello ada_lovelace!', 'must not contain your username'],
    ['containing the email address', 'ADA@example.test rocks', 'must not contain your email address'],
    ['a common password in any case', 'QwertyUiop', 'too easy to guess'],
    ['a repeated character', 'aaaaaaaaaaaa', 'too easy to guess'],
    ['two characters alternating', 'abababababab', 'too easy to guess'],
  ])('refuses a password %s', (_case, password, expected) => {
    expect(passwordProblem(password, account)).toContain(expected);
  });

  it('reports a refusal as a ValidationError on the named field, readable by a person', () => {
    let error: unknown;
    try {
      checkPasswordPolicy('password123', account, 'newPassword');
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^This password is too easy to guess\./);
    expect((error as ValidationError).issues).toEqual([{ path: 'newPassword', message: expect.any(String) }]);
  });
});
