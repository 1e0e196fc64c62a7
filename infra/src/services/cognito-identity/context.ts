import type { Authorizer } from '../../core/auth/authorizer.js';
import type { TemporaryCredentials } from '../iam/temporary-credentials.js';
import { unsupportedProvider } from './errors.js';
import type { IdentityStore } from './identity-store.js';
import { COGNITO_PROVIDER, type IdentityTokens } from './identity-tokens.js';
import type { PoolDirectory } from './pools.js';

/** What the operations work with. */
export interface CognitoContext {
  pools: PoolDirectory;
  identities: IdentityStore;
  tokens: IdentityTokens;
  credentials: TemporaryCredentials;
  authorizer: Authorizer;
  now: () => number;
}

/** The model's `LoginsMap`: at most 10 providers, names of 1–128 characters, tokens of 1–50000. */
export const LOGINS_RULES = { maxEntries: 10, key: { min: 1, max: 128 }, value: { min: 1, max: 50_000 } };

/**
 * The identity-pool token of a `Logins` map, if any. The stack's pools federate no outside provider
 * (no Cognito user pool, OpenID Connect or social login), so any other key names an unsupported one.
 */
export function cognitoToken(logins: Record<string, string> | undefined): string | undefined {
  if (logins === undefined) return undefined;
  for (const provider of Object.keys(logins)) {
    if (provider !== COGNITO_PROVIDER) throw unsupportedProvider();
  }
  return logins[COGNITO_PROVIDER];
}
