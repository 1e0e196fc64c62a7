import { type AnchorHTMLAttributes, type MouseEvent, useMemo, useSyncExternalStore } from 'react';

/** Every screen of the app, by path pattern (`:name` captures one segment). */
export const ROUTES = {
  home: '/',
  explore: '/explore',
  signUp: '/sign-up',
  signIn: '/sign-in',
  verifyEmail: '/verify-email',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  changePassword: '/settings/password',
  upload: '/upload',
  photo: '/photos/:photoId',
  profile: '/u/:username',
  friends: '/friends',
  admin: '/admin',
} as const;

export type RouteName = keyof typeof ROUTES;

export interface Route {
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The route the path matched, or `undefined` for an unknown path (the not-found screen). */
  name: RouteName | undefined;
}

/** Matches `path` against one pattern; returns its params, or `undefined` when it does not match. */
export function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = splitPath(pattern);
  const have = splitPath(path);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of want.entries()) {
    const actual = have[index] as string;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined; // a malformed escape: no route of ours
      }
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}

/** The first route that matches `path`. */
export function matchRoute(path: string): { name: RouteName; params: Record<string, string> } | undefined {
  for (const [name, pattern] of Object.entries(ROUTES) as [RouteName, string][]) {
    const params = matchPattern(pattern, path);
    if (params) return { name, params };
  }
  return undefined;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

function notify(): void {
  for (const listener of listeners) listener();
}

const currentLocation = (): string => window.location.pathname + window.location.search;

/** Goes to `to` (a path with an optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentLocation()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo?.(0, 0);
  notify();
}

/** The current path, its params (by the matched route) and its query. */
export function useRoute(): Route {
  const location = useSyncExternalStore(subscribe, currentLocation, currentLocation);
  return useMemo(() => {
    const url = new URL(location, 'http://app.invalid');
    const match = matchRoute(url.pathname);
    return { path: url.pathname, params: match?.params ?? {}, query: url.searchParams, name: match?.name };
  }, [location]);
}

/** Builds a path from a pattern and params: `pathTo('/photos/:photoId', { photoId })`. */
export function pathTo(pattern: string, params: Record<string, string> = {}): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  replace?: boolean;
}

/** An ordinary link (open in new tab still works) that navigates in place on a plain click. */
export function Link({ to, replace, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (rest.target && rest.target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(to, { replace });
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
