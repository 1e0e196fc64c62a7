import {
  type CryptoKey,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import { AtomicJsonFile } from '../../core/state/atomic-json-file.js';

/** The key pair that signs the identity pool's OpenID tokens. */
export interface SigningKey {
  /** The `kid` header of the tokens. */
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
}

const ALGORITHM = 'RS256';

/**
 * The RS256 key pair kept in `file`, generated on first start. Keeping it means tokens handed out before
 * a restart still verify after it, as identities and credentials do.
 */
export async function loadOrCreateSigningKey(file: string, region: string): Promise<SigningKey> {
  let stored: StoredKey | undefined;
  const store = new AtomicJsonFile<StoredKey>(file, () => stored as StoredKey);
  stored = store.read();
  if (!stored) {
    const pair = await generateKeyPair(ALGORITHM, { extractable: true });
    const privateJwk = await exportJWK(pair.privateKey);
    // AWS's kids read like `<region>-<n>`; a thumbprint suffix keeps ours unique per key.
    stored = { kid: `${region}-${(await calculateJwkThumbprint(privateJwk)).slice(0, 12)}`, privateJwk };
    await store.save();
  }
  const { kty, n, e } = stored.privateJwk;
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, ALGORITHM)) as CryptoKey,
    publicKey: (await importJWK({ kty, n, e }, ALGORITHM)) as CryptoKey,
  };
}
