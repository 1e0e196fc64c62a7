import { guest, type Session, signedInSession, uniqueName } from './app.js';
import { tokenFromLastEmail } from './outbox.js';

export interface TestUser {
  session: Session;
  userId: string;
  username: string;
  email: string;
  password: string;
}

/**
 * A user made the way a person does it, through the real functions: sign up as a guest, follow the
 * emailed verification link, sign in, trade the token for authenticated credentials.
 */
export async function registerUser(prefix = 'user'): Promise<TestUser> {
  const username = uniqueName(prefix);
  const email = `${username.toLowerCase()}@example.test`;
  // Not derived from the username: the password policy refuses a password that contains it.
  const password = `correct horse battery ${Math.random().toString(36).slice(2, 10)}`;
  const visitor = await guest();
  const { userId } = await visitor.invoke('signUp', { username, email, password });
  const token = await tokenFromLastEmail(email, '/verify-email');
  await visitor.invoke('verifyEmail', { token });
  const signIn = await visitor.invoke('signIn', { username, password });
  visitor.destroy();
  return { session: signedInSession(signIn), userId, username, email, password };
}
