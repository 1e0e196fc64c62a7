import type { SigningCredentials } from '../sigv4/verify.js';
import type { Caller, CredentialStore } from './caller.js';

/**
 * Several credential stores seen as one: the root credentials and the temporary ones STS-like services
 * issue. The first store that knows a key answers.
 *
 * @example new CredentialStores(new RootCredentials(root, account), temporaryCredentials)
 */
export class CredentialStores implements CredentialStore {
  private readonly stores: readonly CredentialStore[];

  constructor(...stores: CredentialStore[]) {
    this.stores = stores;
  }

  lookup(accessKeyId: string): (SigningCredentials & { caller: Caller }) | undefined {
    for (const store of this.stores) {
      const found = store.lookup(accessKeyId);
      if (found) return found;
    }
    return undefined;
  }
}
