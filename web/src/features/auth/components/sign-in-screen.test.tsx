import type { OutputOf } from '@lambdagram/functions/contracts';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CallError } from '../../../lib/invoke';
import type { Session } from '../../../lib/session';
import { fakeSession, withSession } from '../../../test/fake-session';
import { SignInScreen } from './sign-in-screen';

const result: OutputOf<'signIn'> = {
  identityId: 'us-east-1:abc',
  token: 'token',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { userId: 'u1', username: 'ana', role: 'user' },
};

describe('SignInScreen', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/sign-in');
  });

  it('says what is missing, ties it to the fields and sends nothing', async () => {
    const session = fakeSession();
    render(withSession(session, <SignInScreen />));

    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const username = screen.getByLabelText('Username or email');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter your username or email address.').id).toBe(
      username.getAttribute('aria-describedby'),
    );
    expect(screen.getByText('Enter your password.').getAttribute('role')).toBe('alert');
    expect(session.invoke).not.toHaveBeenCalled();
  });

  it('signs in, keeps the session and goes to the feed', async () => {
    const invoke = vi.fn().mockResolvedValue(result);
    const session = fakeSession({ invoke: invoke as unknown as Session['invoke'] });
    render(withSession(session, <SignInScreen />));

    await userEvent.type(screen.getByLabelText('Username or email'), '  ana ');
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse battery{Enter}');

    await waitFor(() => expect(session.signIn).toHaveBeenCalledWith(result));
    expect(invoke).toHaveBeenCalledWith('signIn', { username: 'ana', password: 'correct horse battery' });
    expect(window.location.pathname).toBe('/');
  });

  it('is disabled while the call is pending', async () => {
    const invoke = vi.fn(() => new Promise(() => {}));
    render(withSession(fakeSession({ invoke: invoke as unknown as Session['invoke'] }), <SignInScreen />));

    await userEvent.type(screen.getByLabelText('Username or email'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'secret-secret');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(screen.getByRole('button', { name: 'Sign in' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByLabelText('Password').hasAttribute('disabled')).toBe(true);
  });

  it("announces the function's refusal in its own words and stays signed out", async () => {
    const invoke = vi
      .fn()
      .mockRejectedValue(new CallError('UnauthorizedError', 'The username or password is incorrect.'));
    const session = fakeSession({ invoke: invoke as unknown as Session['invoke'] });
    render(withSession(session, <SignInScreen />));

    await userEvent.type(screen.getByLabelText('Username or email'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password{Enter}');

    expect((await screen.findByRole('alert')).textContent).toContain(
      'The username or password is incorrect.',
    );
    expect(session.signIn).not.toHaveBeenCalled();
    expect(window.location.pathname).toBe('/sign-in');
  });

  it('offers a new verification link to an unverified account', async () => {
    const invoke = vi
      .fn()
      .mockRejectedValue(new CallError('ForbiddenError', 'Verify your email address first.'));
    render(withSession(fakeSession({ invoke: invoke as unknown as Session['invoke'] }), <SignInScreen />));

    await userEvent.type(screen.getByLabelText('Username or email'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'secret-secret{Enter}');

    expect(await screen.findByRole('link', { name: 'Send a new verification link' })).toBeTruthy();
  });
});
