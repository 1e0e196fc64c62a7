import type { Caller } from '../../../core/auth/caller.js';
import type { AuthorizationRequest, ContextValue } from './types.js';

const COGNITO = 'cognito-identity.amazonaws.com';

/**
 * The request IAM evaluates for a signed caller: the principal, and the condition keys the caller's
 * credentials carry (`aws:PrincipalTag/<key>`, the identity pool's `cognito-identity.amazonaws.com:sub`,
 * `:aud` and `:amr`), `aws:CurrentTime` and `aws:EpochTime`, plus what the service adds (`s3:prefix`,
 * `aws:SourceIp`, `aws:SecureTransport` — false: the local cloud speaks plain HTTP). Keys the service
 * gives win.
 *
 * Anonymous callers (the operations AWS leaves unsigned) are not authorized through IAM and are refused.
 *
 * @example authorizationRequestFor(caller, 'lambda:InvokeFunction', functionArn, { 'aws:SecureTransport': false })
 */
export function authorizationRequestFor(
  caller: Caller,
  action: string,
  resource: string,
  serviceContext: Record<string, ContextValue> = {},
  now: number = Date.now(),
): AuthorizationRequest {
  if (caller.accountId === '' || caller.arn === 'anonymous') {
    throw new Error(`anonymous callers are not authorized by IAM policies (${action})`);
  }
  const context: Record<string, ContextValue> = {
    'aws:CurrentTime': new Date(now).toISOString(),
    'aws:EpochTime': Math.floor(now / 1000),
  };
  for (const [key, value] of Object.entries(caller.principalTags ?? {}))
    context[`aws:PrincipalTag/${key}`] = value;
  if (caller.cognitoIdentity) {
    context[`${COGNITO}:sub`] = caller.cognitoIdentity.cognitoIdentityId;
    context[`${COGNITO}:aud`] = caller.cognitoIdentity.cognitoIdentityPoolId;
  }
  if (caller.amr) context[`${COGNITO}:amr`] = caller.amr;
  Object.assign(context, serviceContext);

  const principal: AuthorizationRequest['principal'] =
    caller.kind === 'root'
      ? {
          type: 'Root',
          arn: caller.arn,
          accountId: caller.accountId,
          userId: caller.userId ?? caller.accountId,
        }
      : { type: 'AssumedRole', arn: caller.arn, accountId: caller.accountId };
  if (caller.kind !== 'root') {
    if (caller.userId !== undefined) principal.userId = caller.userId;
    if (caller.roleArn !== undefined) principal.roleArn = caller.roleArn;
  }
  return { principal, action, resource, context };
}
