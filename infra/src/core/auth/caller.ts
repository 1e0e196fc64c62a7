import type { SigningCredentials } from '../sigv4/verify.js';

/**
 * Who signed a request. Today every caller is the account's root user; the Cognito identity-pool
 * issue adds role sessions (an assumed role, its identity id and principal tags) through the same type.
 */
export interface Caller {
  accessKeyId: string;
  /** `arn:aws:iam::<account>:root`, or an assumed-role ARN for role sessions. */
  arn: string;
  accountId: string;
  kind: 'root' | 'role-session';
  /** Set when the caller holds Cognito identity-pool credentials. */
  cognitoIdentity?: { cognitoIdentityId: string; cognitoIdentityPoolId: string };
  /** Role sessions: the role assumed (`arn:aws:iam::<account>:role/<name>`), whose policies decide. */
  roleArn?: string;
  /** `aws:userid`: `<role id>:<session name>` for role sessions, the account id for root. */
  userId?: string;
  /** `aws:PrincipalTag/<key>` values of the session. */
  principalTags?: Record<string, string>;
  /** `cognito-identity.amazonaws.com:amr` of an identity-pool session (`authenticated` or `unauthenticated`, …). */
  amr?: string[];
  /** When temporary credentials stop being valid, ms since the epoch. */
  expiresAt?: number;
}

/** Anonymous callers of the operations AWS leaves unsigned. */
export const ANONYMOUS: Caller = { accessKeyId: '', arn: 'anonymous', accountId: '', kind: 'root' };

/** Resolves an access key to its secret and to the caller it stands for. */
export interface CredentialStore {
  lookup(accessKeyId: string): (SigningCredentials & { caller: Caller }) | undefined;
}

/** The account's root credentials (`test`/`test` unless overridden): the only ones there are for now. */
export class RootCredentials implements CredentialStore {
  private readonly root: SigningCredentials & { caller: Caller };

  constructor(credentials: { accessKeyId: string; secretAccessKey: string }, accountId: string) {
    const caller: Caller = {
      accessKeyId: credentials.accessKeyId,
      arn: `arn:aws:iam::${accountId}:root`,
      accountId,
      kind: 'root',
    };
    this.root = { ...credentials, caller };
  }

  lookup(accessKeyId: string): (SigningCredentials & { caller: Caller }) | undefined {
    return accessKeyId === this.root.accessKeyId ? this.root : undefined;
  }
}
