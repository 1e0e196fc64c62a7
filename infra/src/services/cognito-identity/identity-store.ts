import { randomUUID } from 'node:crypto';
import { AtomicJsonFile } from '../../core/state/atomic-json-file.js';

/** An identity of an identity pool, as the store keeps it. */
export interface StoredIdentity {
  /** `<region>:<uuid>`, the region being the pool's. */
  identityId: string;
  identityPoolId: string;
  /** ms since the epoch. */
  createdAt: number;
  /** Linked logins: developer provider name → developer user identifier. None for unauthenticated identities. */
  logins: Record<string, string>;
}

interface IdentitiesFile {
  identities: StoredIdentity[];
}

/**
 * The identities of all pools and their developer-user links, kept in one JSON file replaced atomically,
 * so that an identity handed out (and cached by a browser) survives a restart of the local cloud.
 * Every change resolves once it is on disk.
 */
export class IdentityStore {
  private readonly byId = new Map<string, StoredIdentity>();
  /** `<pool>\n<provider>\n<user>` → identity id: which identity a developer user is linked to. */
  private readonly byLogin = new Map<string, string>();
  private readonly file: AtomicJsonFile<IdentitiesFile>;

  constructor(file: string) {
    this.file = new AtomicJsonFile(file, () => ({ identities: [...this.byId.values()] }));
    for (const identity of this.file.read()?.identities ?? []) this.remember(identity);
  }

  get(identityId: string): StoredIdentity | undefined {
    return this.byId.get(identityId);
  }

  /** The identity a developer user is linked to in a pool. */
  findByLogin(identityPoolId: string, provider: string, userIdentifier: string): StoredIdentity | undefined {
    const identityId = this.byLogin.get(loginKey(identityPoolId, provider, userIdentifier));
    return identityId === undefined ? undefined : this.byId.get(identityId);
  }

  /** A new identity in the pool, linked to `logins` when given. */
  async create(
    identityPoolId: string,
    logins: Record<string, string> = {},
    now: number = Date.now(),
  ): Promise<StoredIdentity> {
    const region = identityPoolId.slice(0, identityPoolId.indexOf(':'));
    const identity: StoredIdentity = {
      identityId: `${region}:${randomUUID()}`,
      identityPoolId,
      createdAt: now,
      logins: { ...logins },
    };
    this.remember(identity);
    await this.file.save();
    return identity;
  }

  /** Links a developer user to an identity (the caller has checked neither is linked elsewhere). */
  async link(identity: StoredIdentity, provider: string, userIdentifier: string): Promise<void> {
    identity.logins[provider] = userIdentifier;
    this.byLogin.set(loginKey(identity.identityPoolId, provider, userIdentifier), identity.identityId);
    await this.file.save();
  }

  /** Resolves once every write asked for so far is on disk. */
  settled(): Promise<void> {
    return this.file.settled();
  }

  private remember(identity: StoredIdentity): void {
    this.byId.set(identity.identityId, identity);
    for (const [provider, user] of Object.entries(identity.logins)) {
      this.byLogin.set(loginKey(identity.identityPoolId, provider, user), identity.identityId);
    }
  }
}

function loginKey(identityPoolId: string, provider: string, userIdentifier: string): string {
  return `${identityPoolId}\n${provider}\n${userIdentifier}`;
}
