import { createHash } from 'node:crypto';
import type { FunctionDefinition, RoleDefinition } from '../../stack/types.js';
import type { IssuedCredentials, TemporaryCredentials } from './temporary-credentials.js';

/** How long a function's credentials last; renewed when less than RENEW_BEFORE_MS is left. */
const DURATION_SECONDS = 12 * 60 * 60;
const RENEW_BEFORE_MS = 60 * 60 * 1000;

/**
 * Each function runs with temporary credentials of its own role, as Lambda gives it
 * (`assumed-role/<role>/<function name>`), so that its calls to the local cloud are decided by that
 * role's policies. An execution environment gets them when it starts; they are renewed ahead of
 * their expiry, for the environments started after.
 */
export class FunctionCredentials {
  private readonly issued = new Map<string, IssuedCredentials>();
  private readonly renewing = new Map<string, Promise<void>>();
  private readonly roleIds = new Map<string, string>();

  constructor(
    private readonly credentials: TemporaryCredentials,
    roles: readonly RoleDefinition[],
  ) {
    for (const role of roles) this.roleIds.set(role.arn, role.roleId);
  }

  /** Issues credentials for every function (before any environment starts). */
  async prepare(functions: readonly FunctionDefinition[]): Promise<void> {
    await Promise.all(functions.map((fn) => this.renew(fn)));
  }

  /** The credentials for an environment of `fn` starting now. */
  for(fn: FunctionDefinition): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
    const current = this.issued.get(fn.functionName);
    if (!current) throw new Error(`no credentials were prepared for ${fn.functionName}`);
    if (current.expiration.getTime() - Date.now() < RENEW_BEFORE_MS && !this.renewing.has(fn.functionName)) {
      const renewal = this.renew(fn).finally(() => this.renewing.delete(fn.functionName));
      this.renewing.set(
        fn.functionName,
        renewal.catch(() => undefined),
      );
    }
    return current;
  }

  private async renew(fn: FunctionDefinition): Promise<void> {
    const issued = await this.credentials.issue({
      roleArn: fn.role,
      roleId: this.roleIds.get(fn.role) ?? unknownRoleId(fn.role),
      sessionName: fn.functionName,
      durationSeconds: DURATION_SECONDS,
    });
    this.issued.set(fn.functionName, issued);
  }
}

/** A role outside the stack still gets a stable id (its policies are unknown: IAM denies its calls). */
function unknownRoleId(roleArn: string): string {
  const digest = createHash('sha256')
    .update(roleArn)
    .digest('hex')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
  return `AROA${digest.slice(0, 17)}`;
}
