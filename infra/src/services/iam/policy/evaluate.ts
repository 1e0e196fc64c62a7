import type { CompiledPolicy } from './compile.js';
import type { Lookup } from './policy-string.js';
import type { PrincipalMatch } from './principals.js';
import { lazyLookup } from './request-context.js';
import type { AuthorizationRequest, DecidingStatement, EvaluationResult } from './types.js';

export interface ApplicablePolicies {
  /** The policies of the caller's role (ignored for the root user and for services, which have none). */
  identity: readonly CompiledPolicy[];
  /** The policy of the resource acted on (a function's permissions, a bucket policy). */
  resource?: CompiledPolicy;
}

const IMPLICIT_IDENTITY: EvaluationResult = Object.freeze({
  decision: 'ImplicitDeny',
  missingAllow: 'identity',
});
const IMPLICIT_RESOURCE: EvaluationResult = Object.freeze({
  decision: 'ImplicitDeny',
  missingAllow: 'resource',
});
const ROOT_ALLOW: EvaluationResult = Object.freeze({ decision: 'Allow' });

/**
 * IAM's evaluation of one request: an explicit Deny in any policy wins; otherwise an Allow decides —
 * in the identity-based or the resource-based policy when caller and resource share an account, in
 * both for a cross-account call, in the resource policy for a service principal; otherwise the
 * request is implicitly denied.
 *
 * The root user of the account has no identity-based policies and may do everything in its account,
 * unless a resource-based policy explicitly denies it (as a bucket policy can); from another account
 * it needs the resource policy's allow like anyone.
 *
 * @example
 * const result = evaluate(
 *   { principal, action: 'lambda:InvokeFunction', resource: functionArn, context: { 'aws:SecureTransport': false } },
 *   { identity: [compilePolicy(document, { name: 'InvokePolicy' })] },
 * );
 * if (result.decision !== 'Allow') throw accessDenied(describeDecision(request, result));
 */
export function evaluate(request: AuthorizationRequest, policies: ApplicablePolicies): EvaluationResult {
  const lookup = lazyLookup(request);
  const action = request.action.toLowerCase();
  const { principal } = request;

  let identityAllow: DecidingStatement | undefined;
  if (principal.type === 'AssumedRole') {
    for (const policy of policies.identity) {
      for (const statement of policy.statements) {
        if (!statement.action(action)) continue;
        if (statement.resource && !statement.resource(request.resource, lookup)) continue;
        if (!conditionsHold(statement.conditions, lookup)) continue;
        if (statement.effect === 'Deny') return { decision: 'ExplicitDeny', decidedBy: statement.ref };
        identityAllow ??= statement.ref;
      }
    }
  }

  let resourceAllow: DecidingStatement | undefined;
  let accountAllow: DecidingStatement | undefined;
  const resourcePolicy = policies.resource;
  if (resourcePolicy) {
    if (resourcePolicy.kind !== 'resource') {
      throw new TypeError(`${resourcePolicy.name} was not compiled as a resource policy`);
    }
    for (const statement of resourcePolicy.statements) {
      if (!statement.action(action)) continue;
      const match: PrincipalMatch = statement.principal?.(principal);
      if (match === undefined) continue;
      if (statement.resource && !statement.resource(request.resource, lookup)) continue;
      if (!conditionsHold(statement.conditions, lookup)) continue;
      if (statement.effect === 'Deny') return { decision: 'ExplicitDeny', decidedBy: statement.ref };
      if (match === 'direct') resourceAllow ??= statement.ref;
      else accountAllow ??= statement.ref;
    }
  }

  if (principal.type === 'Service') return allow(resourceAllow) ?? IMPLICIT_RESOURCE;
  const sameAccount = principal.accountId === resourceAccountOf(request);
  if (principal.type === 'Root') {
    return sameAccount ? ROOT_ALLOW : (allow(resourceAllow ?? accountAllow) ?? IMPLICIT_RESOURCE);
  }
  if (sameAccount) return allow(identityAllow ?? resourceAllow) ?? IMPLICIT_IDENTITY;
  if (!identityAllow) return IMPLICIT_IDENTITY;
  return resourceAllow || accountAllow ? { decision: 'Allow', decidedBy: identityAllow } : IMPLICIT_RESOURCE;
}

function allow(statement: DecidingStatement | undefined): EvaluationResult | undefined {
  return statement ? { decision: 'Allow', decidedBy: statement } : undefined;
}

function conditionsHold(conditions: readonly ((lookup: Lookup) => boolean)[], lookup: Lookup): boolean {
  for (const condition of conditions) if (!condition(lookup)) return false;
  return true;
}

/** S3 ARNs name no account: their owner is given, or the local cloud's single account is assumed. */
function resourceAccountOf(request: AuthorizationRequest): string {
  if (request.resourceAccountId !== undefined) return request.resourceAccountId;
  const { resource } = request;
  let start = 0;
  for (let field = 0; field < 4 && start >= 0; field++) start = resource.indexOf(':', start) + 1 || -1;
  const end = start < 0 ? -1 : resource.indexOf(':', start);
  return end > start ? resource.slice(start, end) : request.principal.accountId;
}
