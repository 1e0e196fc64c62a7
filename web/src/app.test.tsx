import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from './app';
import { storeSession } from './lib/session';
import { TEST_CONFIG, testQueryClient } from './test/fake-session';

function renderAt(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App config={TEST_CONFIG} queryClient={testQueryClient()} />);
}

function signInAs(role: 'user' | 'admin') {
  storeSession(window.localStorage, {
    identityId: 'us-east-1:abc',
    token: 'token',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    user: { userId: 'u1', username: 'ana', role },
  });
}

describe('App', () => {
  beforeEach(() => window.localStorage.clear());

  it('shows the not-found screen for an unknown address', async () => {
    renderAt('/no/such/page');

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('offers a guest Explore, Sign in and Sign up, and no Admin', async () => {
    renderAt('/sign-in');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(nav.textContent).toContain('Explore');
    expect(nav.textContent).toContain('Sign in');
    expect(nav.textContent).toContain('Sign up');
    expect(nav.textContent).not.toContain('Admin');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('asks a guest to sign in before the admin panel', async () => {
    renderAt('/admin');

    expect(await screen.findByRole('heading', { name: 'Sign in to open the admin panel' })).toBeTruthy();
  });

  it('keeps the admin panel from a user who is not an admin', async () => {
    signInAs('user');
    renderAt('/admin');

    expect(await screen.findByRole('heading', { name: 'No access' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav.textContent).toContain('Feed');
    expect(nav.textContent).toContain('Sign out');
    expect(nav.textContent).not.toContain('Admin');
  });

  it('shows an admin the Admin link', async () => {
    signInAs('admin');
    renderAt('/sign-in');

    expect((await screen.findByRole('navigation', { name: 'Main' })).textContent).toContain('Admin');
  });
});
