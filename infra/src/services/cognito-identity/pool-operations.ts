import type { DescribeIdentityPoolInput, IdentityPool } from '@aws-sdk/client-cognito-identity';
import type { Caller } from '../../core/auth/caller.js';
import type { CognitoContext } from './context.js';
import { InputReader, POOL_OR_IDENTITY_ID } from './input-reader.js';

/** DescribeIdentityPool (signed): the pool as the template defines it. */
export function describeIdentityPool(
  context: CognitoContext,
  input: Record<string, unknown>,
  caller: Caller,
): IdentityPool {
  const reader = new InputReader<DescribeIdentityPoolInput>(input);
  const poolId = reader.string('IdentityPoolId', { ...POOL_OR_IDENTITY_ID, required: true }) as string;
  reader.check();

  context.authorizer.authorize(caller, 'cognito-identity:DescribeIdentityPool', context.pools.arn(poolId));
  const pool = context.pools.get(poolId);
  const described: IdentityPool = {
    IdentityPoolId: pool.identityPoolId,
    IdentityPoolName: pool.identityPoolName,
    AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
    AllowClassicFlow: pool.allowClassicFlow,
    IdentityPoolTags: {},
  };
  if (pool.developerProviderName !== undefined) described.DeveloperProviderName = pool.developerProviderName;
  return described;
}
