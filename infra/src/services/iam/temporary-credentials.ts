import path from 'node:path';
import type { Caller, CredentialStore } from '../../core/auth/caller.js';
import type { SigningCredentials } from '../../core/sigv4/verify.js';
import { AtomicJsonFile } from '../../core/state/atomic-json-file.js';
import { newSecretAccessKey, newSessionToken, newTemporaryAccessKeyId } from './access-keys.js';
import { type RoleSession, roleSessionCaller } from './role-session.js';

/** What the caller of STS-like operations hands back to the client (`Credentials` of the response). */
export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface TemporaryCredentialsOptions {
  /** The local cloud's state directory; credentials live in `<stateDir>/iam/temporary-credentials.json`. */
  stateDir: string;
  accountId: string;
  /**
   * How long credentials stay known after they expire, so that a client still holding them is told
   * `ExpiredTokenException` (as AWS, which can always read its own tokens) rather than that the key is
   * unknown. Past that they are dropped, so the file does not grow without end. Default 24 hours.
   */
  retainExpiredMs?: number;
  /** The clock, ms since the epoch (tests move it). */
  now?: () => number;
}

interface StoredCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
  session: RoleSession;
}

interface CredentialsFile {
  credentials: StoredCredentials[];
}

type Found = SigningCredentials & { caller: Caller };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Temporary credentials bound to role sessions, as STS issues them (`ASIA…` key, secret, session token,
 * expiration). They are kept in the state directory, so that a restart of the local cloud does not
 * invalidate what browsers hold. The front door looks keys up here (with the root credentials, through
 * `CredentialStores`); signatures with expired ones are refused with `ExpiredTokenException`.
 *
 * @example
 * const issued = await credentials.issue({ roleArn, roleId, sessionName: 'CognitoIdentityCredentials', durationSeconds: 3600 });
 */
export class TemporaryCredentials implements CredentialStore {
  private readonly byKey = new Map<string, { stored: StoredCredentials; found: Found }>();
  private readonly file: AtomicJsonFile<CredentialsFile>;
  private readonly retainExpiredMs: number;
  private readonly now: () => number;

  constructor(private readonly options: TemporaryCredentialsOptions) {
    this.retainExpiredMs = options.retainExpiredMs ?? DAY_MS;
    this.now = options.now ?? Date.now;
    this.file = new AtomicJsonFile(path.join(options.stateDir, 'iam', 'temporary-credentials.json'), () => ({
      credentials: [...this.byKey.values()].map((entry) => entry.stored),
    }));
    for (const stored of this.file.read()?.credentials ?? []) this.remember(stored);
    this.dropLongExpired();
  }

  /** Issues credentials for a session; resolves once they are on disk, so they outlive a restart. */
  async issue(session: RoleSession & { durationSeconds: number }): Promise<IssuedCredentials> {
    const { durationSeconds, ...roleSession } = session;
    if (!Number.isInteger(durationSeconds) || durationSeconds < 1) {
      throw new RangeError(`durationSeconds must be a positive integer, not ${durationSeconds}`);
    }
    // Whole seconds: the wire carries the expiration in epoch seconds, and the store must agree with it.
    const expiresAt = Math.floor((this.now() + durationSeconds * 1000) / 1000) * 1000;
    let accessKeyId = newTemporaryAccessKeyId();
    while (this.byKey.has(accessKeyId)) accessKeyId = newTemporaryAccessKeyId();
    const stored: StoredCredentials = {
      accessKeyId,
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      expiresAt,
      session: roleSession,
    };
    this.dropLongExpired();
    this.remember(stored);
    await this.file.save();
    return {
      accessKeyId,
      secretAccessKey: stored.secretAccessKey,
      sessionToken: stored.sessionToken,
      expiration: new Date(expiresAt),
    };
  }

  /**
   * The credentials behind a key and the role session's caller; expired ones too (their `expiresAt`
   * makes the signature check answer `ExpiredTokenException`), until they are dropped.
   */
  lookup(accessKeyId: string): Found | undefined {
    return this.byKey.get(accessKeyId)?.found;
  }

  /** Resolves once every write asked for so far is on disk. */
  settled(): Promise<void> {
    return this.file.settled();
  }

  private remember(stored: StoredCredentials): void {
    const caller = roleSessionCaller(
      stored.session,
      stored.accessKeyId,
      stored.expiresAt,
      this.options.accountId,
    );
    const found: Found = {
      accessKeyId: stored.accessKeyId,
      secretAccessKey: stored.secretAccessKey,
      sessionToken: stored.sessionToken,
      expiresAt: stored.expiresAt,
      caller,
    };
    this.byKey.set(stored.accessKeyId, { stored, found });
  }

  private dropLongExpired(): void {
    const horizon = this.now() - this.retainExpiredMs;
    for (const [key, entry] of this.byKey) {
      if (entry.stored.expiresAt <= horizon) this.byKey.delete(key);
    }
  }
}
