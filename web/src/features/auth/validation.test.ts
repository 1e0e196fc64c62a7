import { describe, expect, it } from 'vitest';
import { collectErrors, emailProblem, newPasswordProblem, tokenProblem, usernameProblem } from './validation';

describe('sign-up checks', () => {
  it('accepts what the contract accepts', () => {
    expect(usernameProblem(' ana_b1 ')).toBeUndefined();
    expect(emailProblem('ana@example.com')).toBeUndefined();
    expect(
      newPasswordProblem('correct horse battery', { username: 'ana_b1', email: 'ana@example.com' }),
    ).toBeUndefined();
  });

  it.each(['ab', 'has space', 'dash-ed', 'x'.repeat(31)])('refuses the username %j', (username) => {
    expect(usernameProblem(username)).toBe('A username has 3 to 30 letters, digits or underscores.');
  });

  it.each(['', 'ana', 'ana@', 'ana@example', 'a b@example.com'])('refuses the email %j', (email) => {
    expect(emailProblem(email)).toBeDefined();
  });

  it('refuses a short password, one that holds the username, and one that is too long', () => {
    expect(newPasswordProblem('short')).toMatch(/at least 10 characters/);
    expect(newPasswordProblem('my-name-is-ana_b1!', { username: 'Ana_B1' })).toMatch(/username/);
    expect(newPasswordProblem('x'.repeat(129))).toMatch(/at most 128/);
  });

  it('counts characters as people see them', () => {
    expect(newPasswordProblem('🙂🙂🙂🙂🙂🙂🙂🙂🙂')).toMatch(/at least 10/);
  });

  it('checks the token of an emailed link', () => {
    expect(tokenProblem(null)).toBeDefined();
    expect(tokenProblem('short')).toBeDefined();
    expect(tokenProblem('A'.repeat(43))).toBeUndefined();
  });

  it('keeps only the fields with a problem', () => {
    expect(collectErrors({ a: undefined, b: 'wrong' })).toEqual({ b: 'wrong' });
  });
});
