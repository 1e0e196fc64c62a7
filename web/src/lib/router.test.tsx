import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Link, matchPattern, matchRoute, navigate, pathTo, useRoute } from './router';

describe('matchRoute', () => {
  it.each([
    ['/', 'home', {}],
    ['/explore', 'explore', {}],
    ['/explore/', 'explore', {}],
    ['/verify-email', 'verifyEmail', {}],
    ['/settings/password', 'changePassword', {}],
    [
      '/photos/0b7c2f1e-1111-4222-8333-444455556666',
      'photo',
      { photoId: '0b7c2f1e-1111-4222-8333-444455556666' },
    ],
    ['/u/ana_b', 'profile', { username: 'ana_b' }],
    ['/u/caf%C3%A9', 'profile', { username: 'café' }],
    ['/admin', 'admin', {}],
  ])('matches %s to %s', (path, name, params) => {
    expect(matchRoute(path)).toEqual({ name, params });
  });

  it.each(['/nope', '/photos', '/photos/a/b', '/u/', '/u/%E0%A4%A'])('matches no route for %s', (path) => {
    expect(matchRoute(path)).toBeUndefined();
  });

  it('matches only the given pattern', () => {
    expect(matchPattern('/photos/:photoId', '/u/ana')).toBeUndefined();
  });

  it('builds a path from a pattern', () => {
    expect(pathTo('/u/:username', { username: 'a b' })).toBe('/u/a%20b');
  });
});

function Where() {
  const route = useRoute();
  return (
    <div>
      <p>
        {route.name ?? 'none'} {route.path} {JSON.stringify(route.params)} token=
        {route.query.get('token') ?? '-'}
      </p>
      <Link to="/u/ana">Ana</Link>
      <Link to="/explore" target="_blank">
        New tab
      </Link>
    </div>
  );
}

describe('useRoute and Link', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
  });

  it('follows navigate() with path, params and query', () => {
    render(<Where />);
    expect(screen.getByText(/^home \/ \{\} token=-/)).toBeTruthy();

    act(() => navigate('/reset-password?token=abc'));

    expect(screen.getByText(/^resetPassword \/reset-password \{\} token=abc/)).toBeTruthy();
    expect(window.location.pathname).toBe('/reset-password');
  });

  it('navigates in place on a plain click of a Link', () => {
    render(<Where />);

    fireEvent.click(screen.getByRole('link', { name: 'Ana' }));

    expect(window.location.pathname).toBe('/u/ana');
    expect(screen.getByText(/^profile \/u\/ana \{"username":"ana"\}/)).toBeTruthy();
  });

  it('leaves a modified click and a new-tab link to the browser', () => {
    render(<Where />);

    const ctrlClick = fireEvent.click(screen.getByRole('link', { name: 'Ana' }), { ctrlKey: true });
    const newTab = fireEvent.click(screen.getByRole('link', { name: 'New tab' }));

    expect(ctrlClick).toBe(true); // not prevented
    expect(newTab).toBe(true);
  });

  it('follows the back button', () => {
    render(<Where />);
    act(() => navigate('/explore'));

    act(() => {
      window.history.replaceState(null, '', '/friends');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });

    expect(screen.getByText(/^friends \/friends/)).toBeTruthy();
  });
});
