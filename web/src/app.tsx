import type { AppConfig } from '@lambdagram/functions/contracts/app-config';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { ErrorBoundary } from './components/error-boundary';
import { Layout } from './components/layout';
import { NotFound } from './components/not-found';
import { SignInRequired } from './components/sign-in-required';
import { Spinner } from './components/spinner';
import { queryClient as defaultQueryClient } from './lib/query-client';
import { type RouteName, useRoute } from './lib/router';
import { type Session, SessionProvider, useSession } from './lib/session';

// Every screen is its own chunk: a visitor downloads only the screens they open, and the admin panel
// never reaches anyone who is not an admin.
function screen<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const ExploreScreen = screen(() => import('./features/explore/components/explore-screen'), 'ExploreScreen');
const SignUpScreen = screen(() => import('./features/auth/components/sign-up-screen'), 'SignUpScreen');
const SignInScreen = screen(() => import('./features/auth/components/sign-in-screen'), 'SignInScreen');
const VerifyEmailScreen = screen(
  () => import('./features/auth/components/verify-email-screen'),
  'VerifyEmailScreen',
);
const ForgotPasswordScreen = screen(
  () => import('./features/auth/components/forgot-password-screen'),
  'ForgotPasswordScreen',
);
const ResetPasswordScreen = screen(
  () => import('./features/auth/components/reset-password-screen'),
  'ResetPasswordScreen',
);
const ChangePasswordScreen = screen(
  () => import('./features/auth/components/change-password-screen'),
  'ChangePasswordScreen',
);
const FeedScreen = screen(() => import('./features/feed/components/feed-screen'), 'FeedScreen');
const UploadScreen = screen(() => import('./features/upload/components/upload-screen'), 'UploadScreen');
const PhotoScreen = screen(() => import('./features/photo/components/photo-screen'), 'PhotoScreen');
const ProfileScreen = screen(() => import('./features/profile/components/profile-screen'), 'ProfileScreen');
const FriendsScreen = screen(() => import('./features/friends/components/friends-screen'), 'FriendsScreen');
const AdminScreen = screen(() => import('./features/admin/components/admin-screen'), 'AdminScreen');

const TITLES: Record<RouteName, string> = {
  home: 'Home',
  explore: 'Explore',
  signUp: 'Sign up',
  signIn: 'Sign in',
  verifyEmail: 'Verify your email',
  forgotPassword: 'Forgot password',
  resetPassword: 'Reset password',
  changePassword: 'Change password',
  upload: 'Upload',
  photo: 'Photo',
  profile: 'Profile',
  friends: 'Friends',
  admin: 'Admin',
};

/** The screen for a route, as this session may see it. */
export function screenFor(name: RouteName | undefined, session: Pick<Session, 'kind' | 'user'>): ReactNode {
  const signedIn = session.kind === 'user';
  switch (name) {
    case 'home':
      return signedIn ? <FeedScreen /> : <ExploreScreen />;
    case 'explore':
      return <ExploreScreen />;
    case 'signUp':
      return <SignUpScreen />;
    case 'signIn':
      return <SignInScreen />;
    case 'verifyEmail':
      return <VerifyEmailScreen />;
    case 'forgotPassword':
      return <ForgotPasswordScreen />;
    case 'resetPassword':
      return <ResetPasswordScreen />;
    case 'changePassword':
      return signedIn ? <ChangePasswordScreen /> : <SignInRequired what="change your password" />;
    case 'upload':
      return signedIn ? <UploadScreen /> : <SignInRequired what="upload photos" />;
    case 'photo':
      return <PhotoScreen />;
    case 'profile':
      return <ProfileScreen />;
    case 'friends':
      return signedIn ? <FriendsScreen /> : <SignInRequired what="see your friends" />;
    case 'admin':
      if (session.user?.role === 'admin') return <AdminScreen />;
      return signedIn ? <NoAccess /> : <SignInRequired what="open the admin panel" />;
    case undefined:
      return <NotFound />;
  }
}

function NoAccess() {
  return (
    <section className="screen">
      <h1>No access</h1>
      <p>The admin panel is for administrators only.</p>
    </section>
  );
}

function Screens() {
  const session = useSession();
  const route = useRoute();
  useEffect(() => {
    document.title = `${route.name ? TITLES[route.name] : 'Not found'} · Lambdagram`;
  }, [route.name]);
  return (
    <ErrorBoundary key={route.path}>
      <Suspense fallback={<Spinner />}>{screenFor(route.name, session)}</Suspense>
    </ErrorBoundary>
  );
}

export interface AppProps {
  config: AppConfig;
  queryClient?: typeof defaultQueryClient;
}

export function App({ config, queryClient = defaultQueryClient }: AppProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider config={config}>
        <Layout>
          <Screens />
        </Layout>
      </SessionProvider>
    </QueryClientProvider>
  );
}
