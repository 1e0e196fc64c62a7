import { fromCognitoIdentity, fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEST_CONFIG } from '../test/fake-session';
import {
  GUEST_IDENTITY_KEY,
  guestCredentials,
  memoizeCredentials,
  memoryStorage,
  readStoredSession,
  SESSION_KEY,
  type Session,
  SessionProvider,
  type SessionStorage,
  type SignInResult,
  storeSession,
  useSession,
} from './session';

vi.mock('@aws-sdk/credential-providers', () => ({
  fromCognitoIdentity: vi.fn(),
  fromCognitoIdentityPool: vi.fn(),
}));

const NOW = Date.parse('2030-01-01T12:00:00Z');
const later = (ms: number) => new Date(NOW + ms).toISOString();

function signInResult(overrides: Partial<SignInResult> = {}): SignInResult {
  return {
    identityId: 'us-east-1:user-identity',
    token: 'token-1',
    expiresAt: later(60 * 60_000),
    user: { userId: 'u1', username: 'ana', role: 'user' },
    ...overrides,
  };
}

describe('readStoredSession', () => {
  it('restores a session whose token is still valid', () => {
    const storage = memoryStorage();
    storeSession(storage, signInResult());

    expect(readStoredSession(storage, NOW)).toEqual({ session: signInResult() });
  });

  it('reports an expired session and forgets it', () => {
    const storage = memoryStorage();
    storeSession(storage, signInResult({ expiresAt: later(-1) }));

    expect(readStoredSession(storage, NOW)).toEqual({ expired: true });
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('ignores and removes a record it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem(SESSION_KEY, '{"identityId": 3');

    expect(readStoredSession(storage, NOW)).toEqual({});
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('ignores a record of the wrong shape', () => {
    const storage = memoryStorage();
    storage.setItem(
      SESSION_KEY,
      JSON.stringify({ ...signInResult(), user: { username: 'ana', role: 'root' } }),
    );

    expect(readStoredSession(storage, NOW)).toEqual({});
  });
});

describe('memoizeCredentials', () => {
  const credentials = (expiresInMs: number) => ({
    accessKeyId: `AK${expiresInMs}`,
    secretAccessKey: 's',
    expiration: new Date(NOW + expiresInMs),
  });

  it('shares one credential set until it is about to expire, then fetches a new one', async () => {
    let now = NOW;
    const provider = vi
      .fn()
      .mockResolvedValueOnce(credentials(60 * 60_000))
      .mockResolvedValueOnce(credentials(2 * 60 * 60_000));
    const memoized = memoizeCredentials(provider, { now: () => now, refreshBeforeMs: 5 * 60_000 });

    const [first, second] = await Promise.all([memoized(), memoized()]);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);

    now = NOW + 56 * 60_000; // four minutes before expiry
    const refreshed = await memoized();

    expect(provider).toHaveBeenCalledTimes(2);
    expect(refreshed.accessKeyId).toBe(`AK${2 * 60 * 60_000}`);
  });

  it('tries again after a failure', async () => {
    const provider = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(credentials(60 * 60_000));
    const memoized = memoizeCredentials(provider, { now: () => NOW });

    await expect(memoized()).rejects.toThrow('Failed to fetch');
    await expect(memoized()).resolves.toMatchObject({ secretAccessKey: 's' });
  });
});

describe('guestCredentials', () => {
  const issued = (identityId: string) => ({ identityId, accessKeyId: 'AK', secretAccessKey: 'S' });

  beforeEach(() => {
    vi.mocked(fromCognitoIdentity).mockReset();
    vi.mocked(fromCognitoIdentityPool).mockReset();
  });

  it('gets a new identity on the first visit and keeps its id for the next', async () => {
    const storage = memoryStorage();
    vi.mocked(fromCognitoIdentityPool).mockReturnValue(vi.fn().mockResolvedValue(issued('id-new')));

    await guestCredentials(TEST_CONFIG, storage)();

    expect(storage.getItem(GUEST_IDENTITY_KEY)).toBe('id-new');
    expect(fromCognitoIdentityPool).toHaveBeenCalledWith(
      expect.objectContaining({
        identityPoolId: TEST_CONFIG.identityPoolId,
        clientConfig: { region: 'us-east-1' },
      }),
    );
  });

  it('reuses the kept identity of a returning guest, through the local endpoint when there is one', async () => {
    const storage = memoryStorage();
    storage.setItem(GUEST_IDENTITY_KEY, 'id-kept');
    vi.mocked(fromCognitoIdentity).mockReturnValue(vi.fn().mockResolvedValue(issued('id-kept')));
    const config = { ...TEST_CONFIG, endpoint: 'http://127.0.0.1:4566' };

    const credentials = await guestCredentials(config, storage)();

    expect(credentials.identityId).toBe('id-kept');
    expect(fromCognitoIdentity).toHaveBeenCalledWith({
      identityId: 'id-kept',
      clientConfig: { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' },
    });
    expect(fromCognitoIdentityPool).not.toHaveBeenCalled();
  });

  it('replaces a kept identity that Cognito no longer knows', async () => {
    const storage = memoryStorage();
    storage.setItem(GUEST_IDENTITY_KEY, 'id-gone');
    const gone = Object.assign(new Error('Identity not found'), { name: 'ResourceNotFoundException' });
    vi.mocked(fromCognitoIdentity).mockReturnValue(vi.fn().mockRejectedValue(gone));
    vi.mocked(fromCognitoIdentityPool).mockReturnValue(vi.fn().mockResolvedValue(issued('id-fresh')));

    await guestCredentials(TEST_CONFIG, storage)();

    expect(storage.getItem(GUEST_IDENTITY_KEY)).toBe('id-fresh');
  });

  it('keeps the identity when the network fails', async () => {
    const storage = memoryStorage();
    storage.setItem(GUEST_IDENTITY_KEY, 'id-kept');
    vi.mocked(fromCognitoIdentity).mockReturnValue(
      vi.fn().mockRejectedValue(new TypeError('Failed to fetch')),
    );

    await expect(guestCredentials(TEST_CONFIG, storage)()).rejects.toThrow('Failed to fetch');
    expect(storage.getItem(GUEST_IDENTITY_KEY)).toBe('id-kept');
  });
});

let seen: Session[] = [];

function Probe() {
  const session = useSession();
  seen.push(session);
  return (
    <p>
      {session.kind}:{session.user?.username ?? '-'}:{session.notice ?? ''}
    </p>
  );
}

describe('SessionProvider', () => {
  let queryClient: QueryClient;

  function renderProvider(storage: SessionStorage) {
    return render(
      <QueryClientProvider client={queryClient}>
        <SessionProvider config={TEST_CONFIG} storage={storage}>
          <Probe />
        </SessionProvider>
      </QueryClientProvider>,
    );
  }

  beforeEach(() => {
    seen = [];
    queryClient = new QueryClient();
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts as a guest when nothing is stored', () => {
    renderProvider(memoryStorage());

    expect(screen.getByText('guest:-:')).toBeTruthy();
  });

  it('restores a signed-in user after a reload', () => {
    const storage = memoryStorage();
    storeSession(storage, signInResult());

    renderProvider(storage);

    expect(screen.getByText('user:ana:')).toBeTruthy();
    expect(seen.at(-1)?.identityId).toBe('us-east-1:user-identity');
  });

  it('turns an expired stored session into a guest, with a message', () => {
    const storage = memoryStorage();
    storeSession(storage, signInResult({ expiresAt: later(-60_000) }));

    renderProvider(storage);

    expect(screen.getByText('guest:-:Your session has ended. Please sign in again.')).toBeTruthy();
  });

  it('ends the session when its token expires while the page is open', () => {
    const storage = memoryStorage();
    storeSession(storage, signInResult({ expiresAt: later(10 * 60_000) }));
    renderProvider(storage);

    act(() => vi.advanceTimersByTime(10 * 60_000 + 1));

    expect(screen.getByText('guest:-:Your session has ended. Please sign in again.')).toBeTruthy();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('keeps a sign-in, makes new clients for it and drops the cached data of the guest', () => {
    const storage = memoryStorage();
    renderProvider(storage);
    queryClient.setQueryData(['public-photos'], { pages: [] });
    const guestClients = seen.at(-1)?.clients;

    act(() => seen.at(-1)?.signIn(signInResult()));

    expect(screen.getByText('user:ana:')).toBeTruthy();
    expect(readStoredSession(storage, NOW).session).toEqual(signInResult());
    expect(seen.at(-1)?.clients).not.toBe(guestClients);
    expect(queryClient.getQueryData(['public-photos'])).toBeUndefined();
  });

  it('keeps the same clients while the credentials are the same', () => {
    const storage = memoryStorage();
    storeSession(storage, signInResult());
    const { rerender } = renderProvider(storage);
    const first = seen.at(-1)?.clients;

    rerender(
      <QueryClientProvider client={queryClient}>
        <SessionProvider config={TEST_CONFIG} storage={storage}>
          <Probe />
        </SessionProvider>
      </QueryClientProvider>,
    );

    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)?.clients).toBe(first);
  });

  it('forgets the session and the cached data on sign-out', () => {
    const storage = memoryStorage();
    storeSession(storage, signInResult());
    renderProvider(storage);
    queryClient.setQueryData(['feed'], { pages: [] });

    act(() => seen.at(-1)?.signOut());

    expect(screen.getByText('guest:-:')).toBeTruthy();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
    expect(queryClient.getQueryData(['feed'])).toBeUndefined();
  });

  it('ends the session when a call says the token has expired', async () => {
    const storage = memoryStorage();
    storeSession(storage, signInResult());
    renderProvider(storage);
    const session = seen.at(-1) as Session;
    const expired = Object.assign(new Error('expired'), { name: 'ExpiredTokenException' });
    vi.spyOn(session.clients.lambda, 'send').mockRejectedValue(expired as never);

    await act(async () => {
      await expect(session.invoke('getMe', {})).rejects.toMatchObject({ errorType: 'ExpiredToken' });
    });

    expect(screen.getByText('guest:-:Your session has ended. Please sign in again.')).toBeTruthy();
  });
});
