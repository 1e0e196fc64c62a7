import type { Caller } from '../../core/auth/caller.js';

/** An assumed-role session, as STS records it behind a set of temporary credentials. */
export interface RoleSession {
  /** `arn:aws:iam::<account>:role<path><name>`. */
  roleArn: string;
  /** The role's unique id (`AROA…`), the first half of `aws:userid`. */
  roleId: string;
  /** `CognitoIdentityCredentials` for identity-pool sessions. */
  sessionName: string;
  /** Identity-pool sessions: `cognito-identity.amazonaws.com:sub`. */
  identityId?: string;
  /** Identity-pool sessions: `cognito-identity.amazonaws.com:aud`. */
  identityPoolId?: string;
  /** Identity-pool sessions: `cognito-identity.amazonaws.com:amr`. */
  amr?: string[];
  /** Session tags: `aws:PrincipalTag/<key>`. */
  principalTags?: Record<string, string>;
}

/**
 * The caller a role session's credentials stand for:
 * `arn:aws:sts::<account>:assumed-role/<role name>/<session name>`, `aws:userid` `<role id>:<session name>`.
 */
export function roleSessionCaller(
  session: RoleSession,
  accessKeyId: string,
  expiresAt: number,
  accountId: string,
): Caller {
  const caller: Caller = {
    accessKeyId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleNameOf(session.roleArn)}/${session.sessionName}`,
    accountId,
    kind: 'role-session',
    roleArn: session.roleArn,
    userId: `${session.roleId}:${session.sessionName}`,
    principalTags: { ...session.principalTags },
    expiresAt,
  };
  if (session.identityId !== undefined && session.identityPoolId !== undefined) {
    caller.cognitoIdentity = {
      cognitoIdentityId: session.identityId,
      cognitoIdentityPoolId: session.identityPoolId,
    };
  }
  if (session.amr !== undefined) caller.amr = [...session.amr];
  return caller;
}

/** The role's name: the last segment of its ARN (the path, if any, is not part of the session ARN). */
export function roleNameOf(roleArn: string): string {
  const resource = roleArn.slice(roleArn.indexOf(':role/') + ':role/'.length);
  return resource.slice(resource.lastIndexOf('/') + 1);
}
