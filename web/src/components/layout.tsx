import { type ReactNode, useEffect, useRef } from 'react';
import { Link, navigate, useRoute } from '../lib/router';
import { useSession } from '../lib/session';
import { Button } from './button';

interface NavItem {
  to: string;
  label: string;
}

function navItems(kind: 'guest' | 'user', isAdmin: boolean): NavItem[] {
  if (kind === 'guest') return [{ to: '/explore', label: 'Explore' }];
  return [
    { to: '/', label: 'Feed' },
    { to: '/explore', label: 'Explore' },
    { to: '/upload', label: 'Upload' },
    { to: '/friends', label: 'Friends' },
    ...(isAdmin ? [{ to: '/admin', label: 'Admin' }] : []),
  ];
}

/** The page frame: a skip link, the header with the navigation, the session notice and the screen. */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const { path } = useRoute();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a navigation, screen-reader and keyboard users start at the new screen, not in the nav.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of path
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  const signOut = () => {
    session.signOut();
    navigate('/');
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          Lambdagram
        </Link>
        <nav aria-label="Main" className="app-nav">
          <ul>
            {navItems(session.kind, session.user?.role === 'admin').map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={path === item.to ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
          <ul className="app-nav__account">
            {session.kind === 'user' && session.user ? (
              <>
                <li>
                  <Link
                    to={`/u/${encodeURIComponent(session.user.username)}`}
                    aria-current={path === `/u/${session.user.username}` ? 'page' : undefined}
                  >
                    {session.user.username}
                  </Link>
                </li>
                <li>
                  <Link
                    to="/settings/password"
                    aria-current={path === '/settings/password' ? 'page' : undefined}
                  >
                    Password
                  </Link>
                </li>
                <li>
                  <Button variant="link" onClick={signOut}>
                    Sign out
                  </Button>
                </li>
              </>
            ) : (
              <>
                <li>
                  <Link to="/sign-in" aria-current={path === '/sign-in' ? 'page' : undefined}>
                    Sign in
                  </Link>
                </li>
                <li>
                  <Link to="/sign-up" aria-current={path === '/sign-up' ? 'page' : undefined}>
                    Sign up
                  </Link>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
      {session.notice && (
        <div className="notice" role="status">
          <span>{session.notice}</span>
          <Button variant="link" onClick={session.dismissNotice}>
            Dismiss
          </Button>
        </div>
      )}
      <main id="main" ref={main} tabIndex={-1} className="app-main">
        {children}
      </main>
    </div>
  );
}
