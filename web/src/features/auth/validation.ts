// Checks made in the browser before anything is sent, mirroring the functions' contracts
// (`functions/src/contracts/common.ts`) and the length rules of the auth service's password policy.
// The server stays the judge: it checks all of this again, and more (e.g. common passwords).

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

const USERNAME = /^[A-Za-z0-9_]{3,30}$/;
// The shape a person can fix (something@something.tld); the server's check is the exact one.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function usernameProblem(value: string): string | undefined {
  const username = value.trim();
  if (username === '') return 'Enter a username.';
  if (!USERNAME.test(username)) return 'A username has 3 to 30 letters, digits or underscores.';
  return undefined;
}

export function emailProblem(value: string): string | undefined {
  const email = value.trim();
  if (email === '') return 'Enter your email address.';
  if (email.length > 254 || !EMAIL.test(email)) return 'Enter a valid email address.';
  return undefined;
}

/** A password being chosen: the policy's length rules, and not the username or email. */
export function newPasswordProblem(
  value: string,
  account: { username?: string; email?: string } = {},
): string | undefined {
  const length = [...value].length;
  if (length === 0) return 'Enter a password.';
  if (length < MIN_PASSWORD_LENGTH) {
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters; a few words together work well.`;
  }
  if (length > MAX_PASSWORD_LENGTH) return `A password has at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = value.toLowerCase();
  const username = account.username?.trim().toLowerCase();
  if (username && lower.includes(username)) return 'Your password must not contain your username.';
  const email = account.email?.trim().toLowerCase();
  if (email && lower.includes(email)) return 'Your password must not contain your email address.';
  return undefined;
}

/** A password being given (sign in, current password): only that there is one of a possible length. */
export function passwordGivenProblem(value: string): string | undefined {
  if (value === '') return 'Enter your password.';
  if (value.length > MAX_PASSWORD_LENGTH) return `A password has at most ${MAX_PASSWORD_LENGTH} characters.`;
  return undefined;
}

export function tokenProblem(value: string | null): string | undefined {
  return value && EMAIL_TOKEN.test(value)
    ? undefined
    : 'This link is not valid. Check that you opened the whole link.';
}

/** Drops the fields without a problem; an empty result means the form may be sent. */
export function collectErrors<K extends string>(problems: Record<K, string | undefined>): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const key of Object.keys(problems) as K[]) {
    if (problems[key]) errors[key] = problems[key];
  }
  return errors;
}

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.keys(errors).length > 0;
}
