import type { AppConfig } from '@lambdagram/functions/contracts/app-config';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { type Session, type SessionClients, SessionContext } from '../lib/session';

export const TEST_CONFIG: AppConfig = {
  region: 'us-east-1',
  identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
  functionPrefix: 'lambdagram',
  photosBucket: 'photos',
};

/**
 * A session for component tests: `invoke` is a mock that answers per function name, and no client
 * reaches the network (each `send` rejects).
 */
export function fakeSession(overrides: Partial<Session> = {}): Session {
  const refuse = { send: vi.fn().mockRejectedValue(new TypeError('no network in unit tests')) };
  return {
    kind: 'guest',
    config: TEST_CONFIG,
    clients: { lambda: refuse, s3: refuse, logs: refuse } as unknown as SessionClients,
    invoke: vi
      .fn()
      .mockRejectedValue(new Error('invoke not faked for this test')) as unknown as Session['invoke'],
    signIn: vi.fn(),
    signOut: vi.fn(),
    dismissNotice: vi.fn(),
    ...overrides,
  };
}

/** Wraps a component in a fresh QueryClient (no retries) and the given session. */
export function withSession(session: Session, children: ReactNode, queryClient = testQueryClient()) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
    </QueryClientProvider>
  );
}

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}
