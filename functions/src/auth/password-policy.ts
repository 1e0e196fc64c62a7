import { ValidationError } from '#shared/errors.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/**
 * Passwords people pick first, of the policy's minimum length or more (the shorter ones are refused
 * by length anyway). A short list, not a breach corpus: it stops the obvious guesses that every
 * attacker tries first.
 */
const COMMON_PASSWORDS = new Set([
  '0123456789',
  '1234567890',
  '12345678910',
  '123456789a',
  '1234567890a',
  '123456789abc',
  '1234qwerty',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'a123456789',
  'abc1234567',
  'abcd123456',
  'abcdefghij',
  'administrator',
  'baseball123',
  'changeme123',
  'computer123',
  'dragon1234',
  'football123',
  'iloveyou12',
  'iloveyou123',
  'letmein123',
  'lambdagram',
  'lambdagram1',
  'lambdagram123',
  'monkey12345',
  'passw0rd123',
  'password01',
  'password1!',
  'password12',
  'password123',
  'password1234',
  'password12345',
  'password123!',
  'passwordpassword',
  'princess123',
  'q1w2e3r4t5',
  'qazwsxedcrfv',
  'qwerty1234',
  'qwerty12345',
  'qwerty123456',
  'qwertyuiop',
  'qwertyuiop123',
  'sunshine123',
  'superman123',
  'trustno1234',
  'welcome123',
  'zaq12wsxcde',
  'zxcvbnm123',
]);

/** Fewer distinct characters than this ("aaaaaaaaaa", "ababababab") is no password at all. */
const MIN_DISTINCT_CHARACTERS = 4;

/**
 * What is wrong with a password for this account, as a sentence for a person, or undefined when
 * it is acceptable. Length counts characters as people see them (code points), not UTF-16 units.
 */
export function passwordProblem(
  password: string,
  account: { username: string; email?: string },
): string | undefined {
  const characters = [...password];
  if (characters.length < MIN_PASSWORD_LENGTH) {
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters; a few words together work well.`;
  }
  if (characters.length > MAX_PASSWORD_LENGTH) {
    return `A password has at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  const lower = password.toLowerCase();
  if (lower.includes(account.username.toLowerCase())) {
    return 'Your password must not contain your username.';
  }
  if (account.email && lower.includes(account.email.toLowerCase())) {
    return 'Your password must not contain your email address.';
  }
  if (COMMON_PASSWORDS.has(lower) || new Set(characters).size < MIN_DISTINCT_CHARACTERS) {
    return 'This password is too easy to guess. Choose something less common, such as a few unrelated words.';
  }
  return undefined;
}

/** Throws a `ValidationError` pointing at `field` when the password breaks the policy. */
export function checkPasswordPolicy(
  password: string,
  account: { username: string; email?: string },
  field = 'password',
): void {
  const problem = passwordProblem(password, account);
  if (problem) throw new ValidationError(problem, [{ path: field, message: problem }]);
}
