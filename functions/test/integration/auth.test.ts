import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cloudUrl,
  FunctionError,
  guest,
  rootDocuments,
  type Session,
  STACK,
  signedInSession,
  uniqueName,
} from '../support/app.js';
import { emailsTo, tokenFromLastEmail } from '../support/outbox.js';
import { registerUser } from '../support/users.js';

const USERS_TABLE = `${STACK}-users`;
const documents = rootDocuments();
const sessions: Session[] = [];

afterAll(() => {
  for (const session of sessions) session.destroy();
  documents.destroy();
});

async function visitor(): Promise<Session> {
  const session = await guest();
  sessions.push(session);
  return session;
}

function newAccount(prefix = 'auth') {
  const username = uniqueName(prefix);
  return {
    username,
    email: `${username.toLowerCase()}@example.test`,
    password: `violet staple ${Math.random().toString(36).slice(2, 10)}`,
  };
}

/** The error a call failed with (a function error, or the SDK's service error). */
async function failureOf(call: Promise<unknown>): Promise<{ type: string; message: string; body?: unknown }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof FunctionError)
      return { type: error.errorType, message: error.message, body: error.body };
    if (error instanceof Error) return { type: error.name, message: error.message };
    throw error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

async function profileOf(userId: string): Promise<Record<string, unknown>> {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: USERS_TABLE,
      Key: { pk: `user#${userId}`, sk: 'profile' },
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new Error(`no profile for ${userId}`);
  return Item;
}

/** Moves a time on an account's profile an hour back: as if the person had waited that long. */
async function anHourPassesFor(
  userId: string,
  attribute: 'lastFailedSignInAt' | 'resetEmailedAt',
): Promise<void> {
  await documents.send(
    new UpdateCommand({
      TableName: USERS_TABLE,
      Key: { pk: `user#${userId}`, sk: 'profile' },
      UpdateExpression: 'SET #at = :anHourAgo',
      ExpressionAttributeNames: { '#at': attribute },
      ExpressionAttributeValues: { ':anHourAgo': new Date(Date.now() - 3_600_000).toISOString() },
    }),
  );
}

const waitOutSlowDown = (userId: string) => anHourPassesFor(userId, 'lastFailedSignInAt');
const emailedResetLongAgo = (user: { userId: string }) => anHourPassesFor(user.userId, 'resetEmailedAt');

describe('signing up, verifying and signing in', () => {
  it('lets a person sign up, follow the emailed link, sign in and see their own account', async () => {
    // prepare
    const account = newAccount();
    const session = await visitor();

    // act
    const signUp = await session.invoke('signUp', account);
    const [email] = await emailsTo(account.email);
    const token = await tokenFromLastEmail(account.email, '/verify-email');
    const verified = await session.invoke('verifyEmail', { token });
    const signIn = await session.invoke('signIn', { username: account.username, password: account.password });
    const me = signedInSession(signIn);
    sessions.push(me);
    const own = await me.invoke('getMe', {});

    // assess
    expect(signUp).toEqual({
      userId: expect.any(String),
      username: account.username,
      verificationEmailSent: true,
    });
    expect(email?.html).toContain(`/verify-email?token=${token}`);
    expect(verified).toEqual({ username: account.username, emailVerified: true });
    expect(signIn.user).toEqual({ userId: signUp.userId, username: account.username, role: 'user' });
    expect(Date.parse(signIn.expiresAt)).toBeGreaterThan(Date.now());
    expect(own).toEqual({
      userId: signUp.userId,
      username: account.username,
      email: account.email,
      role: 'user',
      emailVerified: true,
      createdAt: expect.any(String),
    });
  });

  it('signs in with the email address instead of the username, in any letter case', async () => {
    const user = await registerUser('byemail');
    const session = await visitor();

    const signIn = await session.invoke('signIn', {
      username: user.email.toUpperCase(),
      password: user.password,
    });

    expect(signIn.user.userId).toBe(user.userId);
  });

  it('stores only a scrypt hash of the password and never returns it', async () => {
    const account = newAccount();
    const session = await visitor();

    const outputs: unknown[] = [await session.invoke('signUp', account)];
    outputs.push(
      await session.invoke('verifyEmail', {
        token: await tokenFromLastEmail(account.email, '/verify-email'),
      }),
    );
    const signIn = await session.invoke('signIn', { username: account.username, password: account.password });
    outputs.push(signIn);
    const me = signedInSession(signIn);
    sessions.push(me);
    outputs.push(await me.invoke('getMe', {}));
    const stored = await profileOf(signIn.user.userId);

    expect(JSON.stringify(stored)).not.toContain(account.password);
    expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]+\$[\w-]+$/);
    for (const output of outputs) {
      expect(JSON.stringify(output)).not.toContain('passwordHash');
      expect(JSON.stringify(output)).not.toContain(account.password);
    }
  });

  it('refuses a username that is taken in any letter case, and leaves no claim behind', async () => {
    const first = await registerUser('taken');
    const session = await visitor();
    const second = newAccount();

    const failure = await failureOf(
      session.invoke('signUp', { ...second, username: first.username.toUpperCase() }),
    );
    // The refused sign-up's address was not kept: it signs up fine under a free name.
    const retry = await session.invoke('signUp', second);

    expect(failure.type).toBe('ConflictError');
    expect(failure.message).toContain('username is taken');
    expect(retry.username).toBe(second.username);
  });

  it('refuses an email address that already has an account', async () => {
    const first = await registerUser('dupmail');
    const session = await visitor();

    const failure = await failureOf(
      session.invoke('signUp', { ...newAccount(), email: first.email.toUpperCase() }),
    );

    expect(failure.type).toBe('ConflictError');
    expect(failure.message).toContain('email address already has an account');
  });

  it.each([
    ['too short', () => 'short pw', 'at least 10 characters'],
    [
      'containing the username',
      (username: string) => `my ${username} rules`,
      'must not contain your username',
    ],
    ['a common password', () => 'Password123', 'too easy to guess'],
  ])(
    'refuses a weak password (%s) with a message a person understands',
    async (_case, password, expected) => {
      const account = newAccount();
      const session = await visitor();

      const failure = await failureOf(
        session.invoke('signUp', { ...account, password: password(account.username) }),
      );

      expect(failure.type).toBe('ValidationError');
      expect(failure.message).toContain(expected);
      expect(await emailsTo(account.email)).toEqual([]);
    },
  );

  it('refuses to sign in an account whose address is not verified yet', async () => {
    const account = newAccount();
    const session = await visitor();
    await session.invoke('signUp', account);

    const failure = await failureOf(
      session.invoke('signIn', { username: account.username, password: account.password }),
    );

    expect(failure.type).toBe('ForbiddenError');
    expect(failure.message).toContain('Verify your email address first');
  });

  it('accepts a verification link only once', async () => {
    const account = newAccount();
    const session = await visitor();
    await session.invoke('signUp', account);
    const token = await tokenFromLastEmail(account.email, '/verify-email');
    await session.invoke('verifyEmail', { token });

    const replay = await failureOf(session.invoke('verifyEmail', { token }));

    expect(replay.type).toBe('ValidationError');
    expect(replay.message).toContain('already been used or has expired');
  });

  it('answers a wrong password and an unknown username with the same words', async () => {
    const user = await registerUser('wrongpw');
    const session = await visitor();

    const wrong = await failureOf(
      session.invoke('signIn', { username: user.username, password: 'not the password' }),
    );
    const unknown = await failureOf(
      session.invoke('signIn', { username: uniqueName('nobody'), password: 'not the password' }),
    );

    expect(wrong.type).toBe('UnauthorizedError');
    expect(unknown).toMatchObject({ type: wrong.type, message: wrong.message });
  });
});

describe('a lost verification email', () => {
  it('can be sent again, once a minute, to an unverified account only; the new link verifies', async () => {
    const account = newAccount('resend');
    const session = await visitor();
    await session.invoke('signUp', account);

    const answers = [
      await session.invoke('resendVerification', { email: account.email }),
      await session.invoke('resendVerification', { email: account.email }),
      await session.invoke('resendVerification', { email: 'nobody-here@example.test' }),
    ];

    expect(answers).toEqual([{ accepted: true }, { accepted: true }, { accepted: true }]);
    const links = (await emailsTo(account.email)).filter((m) => m.text?.includes('/verify-email?token='));
    expect(links).toHaveLength(2); // the sign-up's and one resend: the second resend came too soon
    const token = await tokenFromLastEmail(account.email, '/verify-email');
    await expect(session.invoke('verifyEmail', { token })).resolves.toMatchObject({ emailVerified: true });
  });

  it('sends nothing to an account that is already verified', async () => {
    const user = await registerUser('resendverified');
    const session = await visitor();
    const before = (await emailsTo(user.email)).length;

    const answer = await session.invoke('resendVerification', { email: user.email });

    expect(answer).toEqual({ accepted: true });
    expect(await emailsTo(user.email)).toHaveLength(before);
  });
});

describe('brute force', () => {
  it('slows down repeated wrong passwords, then locks the account even against the right one', async () => {
    // prepare
    const user = await registerUser('brute');
    const attacker = await visitor();
    const guess = (password: string) =>
      failureOf(attacker.invoke('signIn', { username: user.username, password }));

    // act: five wrong guesses, then the right password straight away
    const firstFour = [];
    for (let i = 0; i < 4; i++) firstFour.push(await guess(`wrong guess ${i}`));
    const fifth = await guess('wrong guess 4');
    const rightTooSoon = await guess(user.password);
    // each later guess after its wait has passed, up to the tenth failure
    const later = [];
    for (let i = 5; i < 10; i++) {
      await waitOutSlowDown(user.userId);
      later.push(await guess(`wrong guess ${i}`));
    }
    await waitOutSlowDown(user.userId);
    const rightWhileLocked = await guess(user.password);

    // assess
    for (const failure of firstFour) expect(failure.type).toBe('UnauthorizedError');
    expect(fifth.type).toBe('TooManyRequestsError');
    expect(fifth.message).toContain('wait 1 second');
    expect(rightTooSoon.type).toBe('TooManyRequestsError');
    expect(later.slice(0, 4).map((f) => f.type)).toEqual(Array(4).fill('TooManyRequestsError'));
    expect(later[4]?.message).toContain('locked for 15 minutes');
    expect(rightWhileLocked.type).toBe('TooManyRequestsError');
    expect(rightWhileLocked.message).toContain('locked');
    expect((await profileOf(user.userId)).lockedUntil).toEqual(expect.any(String));
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    const user = await registerUser('forgive');
    const session = await visitor();
    const wrongGuesses = async () => {
      const failures = [];
      for (let i = 0; i < 4; i++) {
        failures.push(
          await failureOf(session.invoke('signIn', { username: user.username, password: `wrong ${i}` })),
        );
      }
      return failures;
    };
    await wrongGuesses();

    await session.invoke('signIn', { username: user.username, password: user.password });
    // Had the count survived, these would be the 5th to 8th failures in a row, and slowed down.
    const afterSuccess = await wrongGuesses();

    expect(afterSuccess.map((f) => f.type)).toEqual(Array(4).fill('UnauthorizedError'));
  });
});

describe('forgotten passwords', () => {
  it('resets a password through the emailed link, once, and clears a lock', async () => {
    // prepare: a locked account
    const user = await registerUser('reset');
    const session = await visitor();
    await documents.send(
      new UpdateCommand({
        TableName: USERS_TABLE,
        Key: { pk: `user#${user.userId}`, sk: 'profile' },
        UpdateExpression: 'SET failedSignIns = :ten, lockedUntil = :later',
        ExpressionAttributeValues: { ':ten': 10, ':later': new Date(Date.now() + 900_000).toISOString() },
      }),
    );
    const newPassword = 'a brand new passphrase';

    // act
    const accepted = await session.invoke('forgotPassword', { email: user.email });
    const token = await tokenFromLastEmail(user.email, '/reset-password');
    const reset = await session.invoke('resetPassword', { token, password: newPassword });
    const replay = await failureOf(
      session.invoke('resetPassword', { token, password: 'yet another passphrase' }),
    );
    const withOld = await failureOf(
      session.invoke('signIn', { username: user.username, password: user.password }),
    );
    const withNew = await session.invoke('signIn', { username: user.username, password: newPassword });

    // assess
    expect(accepted).toEqual({ accepted: true });
    expect(reset).toEqual({ passwordReset: true });
    expect(replay.type).toBe('ValidationError');
    expect(replay.message).toContain('already been used or has expired');
    expect(withOld.type).toBe('UnauthorizedError');
    expect(withNew.user.userId).toBe(user.userId);
  });

  it('keeps the link when the new password is refused', async () => {
    const user = await registerUser('resetweak');
    const session = await visitor();
    await session.invoke('forgotPassword', { email: user.email });
    const token = await tokenFromLastEmail(user.email, '/reset-password');

    const weak = await failureOf(session.invoke('resetPassword', { token, password: 'qwertyuiop' }));
    const strong = await session.invoke('resetPassword', { token, password: 'a sturdier passphrase' });

    expect(weak.type).toBe('ValidationError');
    expect(strong).toEqual({ passwordReset: true });
  });

  it('honours only the latest reset link', async () => {
    const user = await registerUser('resettwice');
    const session = await visitor();
    await session.invoke('forgotPassword', { email: user.email });
    const older = await tokenFromLastEmail(user.email, '/reset-password');
    await emailedResetLongAgo(user);
    await session.invoke('forgotPassword', { email: user.email });
    const newer = await tokenFromLastEmail(user.email, '/reset-password');

    const withOlder = await failureOf(
      session.invoke('resetPassword', { token: older, password: 'older link passphrase' }),
    );
    const withNewer = await session.invoke('resetPassword', {
      token: newer,
      password: 'newer link passphrase',
    });

    expect(newer).not.toBe(older);
    expect(withOlder.type).toBe('ValidationError');
    expect(withNewer).toEqual({ passwordReset: true });
  });

  it('sends at most one reset email a minute to an account, with the same answer', async () => {
    const user = await registerUser('resetflood');
    const session = await visitor();

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await session.invoke('forgotPassword', { email: user.email }));

    expect(answers).toEqual([{ accepted: true }, { accepted: true }, { accepted: true }]);
    const resets = (await emailsTo(user.email)).filter((m) => m.text?.includes('/reset-password?token='));
    expect(resets).toHaveLength(1);
  });

  it('refuses a reset link older than an hour', async () => {
    // prepare: a real link, aged past its hour (DynamoDB's TTL deletes lazily, so the item is still there)
    const user = await registerUser('resetold');
    const session = await visitor();
    await session.invoke('forgotPassword', { email: user.email });
    const token = await tokenFromLastEmail(user.email, '/reset-password');
    const tokenHash = createHash('sha256').update(token).digest('hex');
    await documents.send(
      new UpdateCommand({
        TableName: USERS_TABLE,
        Key: { pk: `token#${tokenHash}`, sk: 'reset-password' },
        UpdateExpression: 'SET expiresAt = :past',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
      }),
    );

    // act
    const failure = await failureOf(
      session.invoke('resetPassword', { token, password: 'too late passphrase' }),
    );
    const oldPasswordStillWorks = await session.invoke('signIn', {
      username: user.username,
      password: user.password,
    });

    // assess
    expect(failure.type).toBe('ValidationError');
    expect(failure.message).toContain('expired');
    expect(oldPasswordStillWorks.user.userId).toBe(user.userId);
  });

  it('says the same for an unknown address, and sends nothing', async () => {
    const session = await visitor();
    const address = `${uniqueName('ghost')}@example.test`;

    const answer = await session.invoke('forgotPassword', { email: address });

    expect(answer).toEqual({ accepted: true });
    expect(await emailsTo(address)).toEqual([]);
  });

  it('sends no reset link to an address that was never verified', async () => {
    const account = newAccount();
    const session = await visitor();
    await session.invoke('signUp', account);

    const answer = await session.invoke('forgotPassword', { email: account.email });

    expect(answer).toEqual({ accepted: true });
    const resetLinks = (await emailsTo(account.email)).filter((m) =>
      m.text?.includes('/reset-password?token='),
    );
    expect(resetLinks).toEqual([]);
  });
});

describe('changing a password', () => {
  it('requires the current password and changes only the caller’s', async () => {
    // prepare
    const user = await registerUser('change');
    const bystander = await registerUser('bystander');
    sessions.push(user.session, bystander.session);
    const session = await visitor();
    const newPassword = 'changed to this phrase';

    // act
    const wrongOld = await failureOf(
      user.session.invoke('changePassword', { oldPassword: 'not my password', newPassword }),
    );
    const changed = await user.session.invoke('changePassword', { oldPassword: user.password, newPassword });
    const withOld = await failureOf(
      session.invoke('signIn', { username: user.username, password: user.password }),
    );
    const withNew = await session.invoke('signIn', { username: user.username, password: newPassword });
    const bystanderSignIn = await session.invoke('signIn', {
      username: bystander.username,
      password: bystander.password,
    });

    // assess
    expect(wrongOld.type).toBe('ForbiddenError');
    expect(changed).toEqual({ passwordChanged: true });
    expect(withOld.type).toBe('UnauthorizedError');
    expect(withNew.user.userId).toBe(user.userId);
    expect(bystanderSignIn.user.userId).toBe(bystander.userId);
  });

  it('applies the password policy to the new password', async () => {
    const user = await registerUser('changeweak');
    sessions.push(user.session);

    const failure = await failureOf(
      user.session.invoke('changePassword', { oldPassword: user.password, newPassword: 'aaaaaaaaaaaa' }),
    );

    expect(failure.type).toBe('ValidationError');
    expect(failure.message).toContain('too easy to guess');
  });
});

describe('who may call what', () => {
  it.each(['getMe', 'changePassword'] as const)('refuses %s to a guest at the door (IAM)', async (name) => {
    const session = await visitor();
    const input =
      name === 'getMe' ? {} : { oldPassword: 'whatever it is', newPassword: 'whatever it becomes' };

    const failure = await failureOf(session.invokeRaw(`${STACK}-${name}`, input));

    expect(failure.type).toBe('AccessDeniedException');
  });

  it('makes an admin with admin:create, whose next sign-in may invoke admin-only functions', async () => {
    // prepare
    const admin = await registerUser('admin');
    const plain = await registerUser('plain');
    sessions.push(admin.session, plain.session);
    const session = await visitor();

    // act
    const { stdout } = await createAdmin(admin.username, '--endpoint', cloudUrl());
    const adminSignIn = await session.invoke('signIn', {
      username: admin.username,
      password: admin.password,
    });
    const adminSession = signedInSession(adminSignIn);
    sessions.push(adminSession);
    const sum = await adminSession.invokeRaw('add', { value1: 2, value2: 3 });
    const refused = await failureOf(plain.session.invokeRaw('add', { value1: 2, value2: 3 }));
    const adminMe = await adminSession.invoke('getMe', {});

    // assess
    expect(stdout).toContain('is now an admin');
    expect(adminSignIn.user.role).toBe('admin');
    expect(adminMe.role).toBe('admin');
    expect(sum).toBe(5);
    expect(refused.type).toBe('AccessDeniedException');
  });

  it('says so when admin:create names no account', async () => {
    const failure = await createAdmin(uniqueName('nobody'), '--endpoint', cloudUrl()).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );

    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('No account has the username');
  });
});

function createAdmin(...args: string[]) {
  const script = new URL('../../scripts/create-admin.ts', import.meta.url).pathname;
  return promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: new URL('../..', import.meta.url).pathname,
  });
}
