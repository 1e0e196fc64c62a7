import type { IdentityPoolDefinition, RoleDefinition } from '../../stack/types.js';
import { identityPoolNotFound, invalidPoolConfiguration } from './errors.js';

/** The role an identity's credentials are for. */
export interface PoolRole {
  roleArn: string;
  /** `AROA…`, the first half of the session's `aws:userid`. */
  roleId: string;
}

/** The stack's identity pools and the roles attached to them. */
export class PoolDirectory {
  private readonly byId: Map<string, IdentityPoolDefinition>;
  private readonly rolesByArn: Map<string, RoleDefinition>;

  constructor(
    pools: readonly IdentityPoolDefinition[],
    roles: readonly RoleDefinition[],
    private readonly where: { region: string; accountId: string },
  ) {
    this.byId = new Map(pools.map((pool) => [pool.identityPoolId, pool]));
    this.rolesByArn = new Map(roles.map((role) => [role.arn, role]));
  }

  /** The pool, or AWS's "not found" (for another account's pool too). */
  get(identityPoolId: string, accountId?: string): IdentityPoolDefinition {
    const pool = this.byId.get(identityPoolId);
    if (!pool || (accountId !== undefined && accountId !== this.where.accountId))
      throw identityPoolNotFound(identityPoolId);
    return pool;
  }

  /** `arn:aws:cognito-identity:<region>:<account>:identitypool/<pool id>`, the resource IAM decides on. */
  arn(identityPoolId: string): string {
    return `arn:aws:cognito-identity:${this.where.region}:${this.where.accountId}:identitypool/${identityPoolId}`;
  }

  /**
   * The pool's authenticated or unauthenticated role. A pool without one, or whose role is not a role
   * of the stack, cannot hand out credentials: AWS's answer is the pool configuration error.
   */
  role(pool: IdentityPoolDefinition, authenticated: boolean): PoolRole {
    const roleArn = authenticated ? pool.authenticatedRoleArn : pool.unauthenticatedRoleArn;
    const role = roleArn === undefined ? undefined : this.rolesByArn.get(roleArn);
    if (!role) throw invalidPoolConfiguration();
    return { roleArn: role.arn, roleId: role.roleId };
  }
}
