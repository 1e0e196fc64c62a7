import { type Authorizer, accessDenied } from '../../core/auth/authorizer.js';
import type { Caller } from '../../core/auth/caller.js';
import type { ResourcePolicyDefinition, RoleDefinition } from '../../stack/types.js';
import { authorizationRequestFor } from './policy/caller-request.js';
import { type CompiledPolicy, compilePolicy } from './policy/compile.js';
import { describeDecision } from './policy/describe.js';
import { evaluate } from './policy/evaluate.js';
import type { ContextValue } from './policy/types.js';

/** What the local cloud always knows about a request: plain HTTP, from this machine. */
const LOCAL_CONTEXT: Record<string, ContextValue> = {
  'aws:SecureTransport': false,
  'aws:SourceIp': '127.0.0.1',
};

export interface IamAuthorizerOptions {
  roles: readonly RoleDefinition[];
  resourcePolicies: readonly ResourcePolicyDefinition[];
  /** Where each denial is told, with the statement (or the missing one) that decided it. */
  log?: (message: string) => void;
}

/**
 * IAM as AWS decides every call: the policies of the caller's role (inline, SAM's, known managed
 * ones) and the policy of the resource (a function's permissions, a bucket policy), compiled once at
 * start. The root user is allowed; a role session gets exactly what its policies say.
 */
export class IamAuthorizer implements Authorizer {
  private readonly roles = new Map<string, CompiledPolicy[]>();
  private readonly resources = new Map<string, CompiledPolicy>();
  private readonly log: (message: string) => void;

  constructor(options: IamAuthorizerOptions) {
    for (const role of options.roles) {
      const policies = [
        ...role.policies.map((policy) =>
          compilePolicy(policy.document, { name: `${role.roleName}/${policy.name}` }),
        ),
        ...role.managedPolicies.flatMap((policy) =>
          policy.document ? [compilePolicy(policy.document, { name: policy.arn })] : [],
        ),
      ];
      this.roles.set(role.arn, policies);
    }
    for (const policy of options.resourcePolicies) {
      this.resources.set(
        policy.resourceArn,
        compilePolicy(policy.document, { name: `${policy.logicalId} (${policy.kind})`, kind: 'resource' }),
      );
    }
    this.log = options.log ?? ((message) => console.warn(`[local-cloud] ${message}`));
  }

  check(
    caller: Caller,
    action: string,
    resource: string,
    context: Record<string, ContextValue> = {},
  ): string | undefined {
    if (caller.kind === 'root' && !this.resources.has(resourceKey(resource))) return undefined;
    const request = authorizationRequestFor(caller, action, resource, { ...LOCAL_CONTEXT, ...context });
    const identity = caller.roleArn ? (this.roles.get(caller.roleArn) ?? []) : [];
    const result = evaluate(request, { identity, resource: this.resources.get(resourceKey(resource)) });
    if (result.decision === 'Allow') return undefined;
    const message = describeDecision(request, result);
    this.log(`denied: ${message}`);
    return message;
  }

  /**
   * Whether a resource's own policy lets an AWS service act on it for a resource of this account:
   * S3 may invoke a function for a bucket notification only where a Lambda permission says so.
   */
  allowsService(
    service: string,
    action: string,
    resource: string,
    context: Record<string, ContextValue>,
  ): boolean {
    const request = {
      principal: { type: 'Service' as const, arn: service, accountId: '', service },
      action,
      resource,
      context,
    };
    return (
      evaluate(request, { identity: [], resource: this.resources.get(resourceKey(resource)) }).decision ===
      'Allow'
    );
  }

  authorize(caller: Caller, action: string, resource: string, context?: Record<string, ContextValue>): void {
    const denial = this.check(caller, action, resource, context);
    if (denial !== undefined) throw accessDenied(denial);
  }
}

/**
 * Where a resource's policy is attached: a function's permissions are on the function whatever
 * qualifier the call names, a bucket policy covers the bucket and its objects.
 */
function resourceKey(resource: string): string {
  const qualified = /^(arn:aws[a-z-]*:lambda:[^:]+:[^:]+:function:[^:]+):[^:]+$/.exec(resource);
  if (qualified) return qualified[1] as string;
  const object = /^(arn:aws[a-z-]*:s3:::[^/]+)\//.exec(resource);
  return object ? (object[1] as string) : resource;
}
