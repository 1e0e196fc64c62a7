import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { fromCognitoIdentity, fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import type { FunctionName, InputOf, OutputOf } from '@lambdagram/functions/contracts';
import type { AppConfig } from '@lambdagram/functions/contracts/app-config';
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  Fragment,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { type InvokeOptions, invokeFunction, MESSAGES, toCallError } from './invoke';

export type SignInResult = OutputOf<'signIn'>;
export type SessionUser = SignInResult['user'];

export interface SessionClients {
  lambda: LambdaClient;
  s3: S3Client;
  logs: CloudWatchLogsClient;
}

export interface Session {
  kind: 'guest' | 'user';
  user?: SessionUser;
  /** The Cognito identity: a user's after sign-in; a guest's once it has one (kept across visits). */
  identityId?: string;
  config: AppConfig;
  /** SDK clients bound to this session's credentials; the same objects until the credentials change. */
  clients: SessionClients;
  /** Calls `<functionPrefix>-<name>` as this session; rejects with a `CallError`. */
  invoke<F extends FunctionName>(name: F, input: InputOf<F>, options?: InvokeOptions): Promise<OutputOf<F>>;
  signIn(result: SignInResult): void;
  signOut(): void;
  /** Something the person should know about their session (e.g. it has ended); shown by the layout. */
  notice?: string;
  dismissNotice(): void;
}

export const SESSION_KEY = 'lambdagram.session';
export const GUEST_IDENTITY_KEY = 'lambdagram.guestIdentityId';

/** Credentials are fetched again this long before they expire. */
const REFRESH_BEFORE_MS = 5 * 60_000;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

// --- Persistence -----------------------------------------------------------------------------------

/** The part of `localStorage` the session uses (a fake in tests). */
export type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function browserStorage(): SessionStorage {
  try {
    return window.localStorage;
  } catch {
    return memoryStorage(); // storage disabled: the session lasts as long as the page
  }
}

export function memoryStorage(): SessionStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

function safely<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback;
  }
}

/**
 * The signed-in session kept in storage: `{ session }` while its token is valid, `{ expired: true }`
 * (and the record removed) once it is not, `{}` when there is none or it is unreadable.
 */
export function readStoredSession(
  storage: SessionStorage,
  now: number = Date.now(),
): { session?: SignInResult; expired?: true } {
  const raw = safely(() => storage.getItem(SESSION_KEY), null);
  if (!raw) return {};
  const session = safely(() => JSON.parse(raw) as unknown, undefined);
  if (!isSignInResult(session)) {
    safely(() => storage.removeItem(SESSION_KEY), undefined);
    return {};
  }
  if (!(Date.parse(session.expiresAt) > now)) {
    safely(() => storage.removeItem(SESSION_KEY), undefined);
    return { expired: true };
  }
  return { session };
}

function isSignInResult(value: unknown): value is SignInResult {
  if (typeof value !== 'object' || value === null) return false;
  const { identityId, token, expiresAt, user } = value as Record<string, unknown>;
  if (typeof identityId !== 'string' || typeof token !== 'string' || typeof expiresAt !== 'string')
    return false;
  if (typeof user !== 'object' || user === null) return false;
  const { userId, username, role } = user as Record<string, unknown>;
  return typeof userId === 'string' && typeof username === 'string' && (role === 'user' || role === 'admin');
}

export function storeSession(storage: SessionStorage, session: SignInResult): void {
  const { identityId, token, expiresAt, user } = session;
  safely(
    () => storage.setItem(SESSION_KEY, JSON.stringify({ identityId, token, expiresAt, user })),
    undefined,
  );
}

export function clearStoredSession(storage: SessionStorage): void {
  safely(() => storage.removeItem(SESSION_KEY), undefined);
}

// --- Credentials -----------------------------------------------------------------------------------

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  identityId?: string;
}
export type CredentialsProvider = () => Promise<TemporaryCredentials>;

/**
 * Shares one credential set between the clients and fetches a new one when it is within
 * `refreshBeforeMs` of its expiration (or when the last attempt failed).
 */
export function memoizeCredentials(
  provider: CredentialsProvider,
  {
    now = Date.now,
    refreshBeforeMs = REFRESH_BEFORE_MS,
  }: { now?: () => number; refreshBeforeMs?: number } = {},
): CredentialsProvider {
  let current: TemporaryCredentials | undefined;
  let pending: Promise<TemporaryCredentials> | undefined;
  const fresh = (credentials: TemporaryCredentials) =>
    !credentials.expiration || credentials.expiration.getTime() - now() > refreshBeforeMs;
  return () => {
    if (current && fresh(current)) return Promise.resolve(current);
    pending ??= provider().then(
      (credentials) => {
        current = credentials;
        pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

function cognitoClientConfig(config: AppConfig) {
  return config.endpoint ? { region: config.region, endpoint: config.endpoint } : { region: config.region };
}

/** Cognito's answers for an identity id that can no longer be used unauthenticated. */
const UNUSABLE_IDENTITY = new Set(['ResourceNotFoundException', 'NotAuthorizedException']);

/**
 * A guest's unauthenticated credentials. The identity id is kept in storage so a returning guest
 * keeps it; one that Cognito no longer accepts is replaced by a new one.
 */
export function guestCredentials(config: AppConfig, storage: SessionStorage): CredentialsProvider {
  const clientConfig = cognitoClientConfig(config);
  return async () => {
    const known = safely(() => storage.getItem(GUEST_IDENTITY_KEY), null);
    if (known) {
      try {
        return await fromCognitoIdentity({ identityId: known, clientConfig })();
      } catch (error) {
        if (!UNUSABLE_IDENTITY.has((error as { name?: string }).name ?? '')) throw error;
        safely(() => storage.removeItem(GUEST_IDENTITY_KEY), undefined);
      }
    }
    // The pool provider calls GetId; its own id cache is left out: ours is the one that counts.
    const credentials = await fromCognitoIdentityPool({
      identityPoolId: config.identityPoolId,
      clientConfig,
      cache: memoryStorage(),
    })();
    safely(() => storage.setItem(GUEST_IDENTITY_KEY, credentials.identityId), undefined);
    return credentials;
  };
}

/** A signed-in user's credentials: the token from `signIn` as the developer-authenticated login. */
export function userCredentials(
  config: AppConfig,
  session: Pick<SignInResult, 'identityId' | 'token'>,
  onExpired: () => void,
): CredentialsProvider {
  const provider = fromCognitoIdentity({
    identityId: session.identityId,
    logins: { 'cognito-identity.amazonaws.com': session.token },
    clientConfig: cognitoClientConfig(config),
  });
  return async () => {
    try {
      return await provider();
    } catch (error) {
      if (toCallError(error).errorType === 'ExpiredToken') onExpired();
      throw error;
    }
  };
}

export function createClients(config: AppConfig, credentials: CredentialsProvider): SessionClients {
  const base = {
    region: config.region,
    credentials,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  };
  return {
    lambda: new LambdaClient(base),
    // The local cloud serves buckets by path, not by subdomain.
    s3: new S3Client({ ...base, forcePathStyle: Boolean(config.endpoint) }),
    logs: new CloudWatchLogsClient(base),
  };
}

// --- React -----------------------------------------------------------------------------------------

/** Exported so tests can hand a component a fake session. */
export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a <SessionProvider> above it');
  return session;
}

export interface SessionProviderProps {
  config: AppConfig;
  children: ReactNode;
  /** Where the session is kept; `localStorage` unless a test says otherwise. */
  storage?: SessionStorage;
}

/**
 * Holds who is using the app (a guest or a signed-in user), their credentials and the SDK clients
 * made with them. The part of the tree below it is mounted afresh whenever that person changes, so no
 * screen keeps another person's data.
 */
export function SessionProvider({ config, children, storage: givenStorage }: SessionProviderProps) {
  const queryClient = useQueryClient();
  const storage = useMemo(() => givenStorage ?? browserStorage(), [givenStorage]);
  const [initial] = useState(() => readStoredSession(storage));
  const [signedIn, setSignedIn] = useState<SignInResult | undefined>(initial.session);
  const [notice, setNotice] = useState<string | undefined>(initial.expired ? MESSAGES.expired : undefined);

  const expire = useCallback(() => {
    clearStoredSession(storage);
    setSignedIn(undefined);
    setNotice(MESSAGES.expired);
    queryClient.clear();
  }, [storage, queryClient]);

  const signIn = useCallback(
    (result: SignInResult) => {
      storeSession(storage, result);
      setSignedIn(result);
      setNotice(undefined);
      queryClient.clear();
    },
    [storage, queryClient],
  );

  const signOut = useCallback(() => {
    clearStoredSession(storage);
    setSignedIn(undefined);
    setNotice(undefined);
    queryClient.clear();
  }, [storage, queryClient]);

  // One credential set, and one set of clients, per person: made again only when they change.
  const clients = useMemo(() => {
    const provider = signedIn ? userCredentials(config, signedIn, expire) : guestCredentials(config, storage);
    return createClients(config, memoizeCredentials(provider));
  }, [config, signedIn, storage, expire]);

  // The token's end is the session's end; a timer says so even when nothing is being called.
  useEffect(() => {
    if (!signedIn) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const left = Date.parse(signedIn.expiresAt) - Date.now();
      if (left <= 0) expire();
      else timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
    };
    check();
    return () => clearTimeout(timer);
  }, [signedIn, expire]);

  // Another tab signed in or out: follow it.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_KEY) return;
      const next = readStoredSession(storage).session;
      setSignedIn((previous) => (previous?.token === next?.token ? previous : next));
      queryClient.clear();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [storage, queryClient]);

  const session = useMemo<Session>(() => {
    const invoke = async <F extends FunctionName>(name: F, input: InputOf<F>, options?: InvokeOptions) => {
      try {
        return await invokeFunction(clients.lambda, config.functionPrefix, name, input, options);
      } catch (error) {
        if (signedIn && toCallError(error).errorType === 'ExpiredToken') expire();
        throw error;
      }
    };
    return {
      kind: signedIn ? 'user' : 'guest',
      user: signedIn?.user,
      identityId:
        signedIn?.identityId ?? (safely(() => storage.getItem(GUEST_IDENTITY_KEY), null) || undefined),
      config,
      clients,
      invoke,
      signIn,
      signOut,
      notice,
      dismissNotice: () => setNotice(undefined),
    };
  }, [clients, config, signedIn, storage, signIn, signOut, expire, notice]);

  return (
    <SessionContext.Provider value={session}>
      <Fragment key={signedIn?.identityId ?? 'guest'}>{children}</Fragment>
    </SessionContext.Provider>
  );
}
