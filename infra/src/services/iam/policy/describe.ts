import type { AuthorizationRequest, DecidingStatement, EvaluationResult } from './types.js';

/**
 * The sentence a developer needs, worded as the services' AccessDenied errors word it:
 *
 * - `User: <arn> is not authorized to perform: <action> on resource: <arn> because no identity-based policy allows the <action> action`
 * - `… with an explicit deny in an identity-based policy: <policy name> statement <n> (<sid>)`
 * - `… because no resource-based policy allows the <action> action` (services, cross-account calls)
 *
 * `<n>` is the 0-based position of the statement in the document. For an allowed request it says which
 * statement allowed it, for the log.
 */
export function describeDecision(request: AuthorizationRequest, result: EvaluationResult): string {
  const { action, resource } = request;
  const user = request.principal.arn || request.principal.service || 'anonymous';
  if (result.decision === 'Allow') {
    const by = result.decidedBy
      ? ` by ${policyKindOf(result.decidedBy)} ${statementOf(result.decidedBy)}`
      : ' as the root user of the account';
    return `User: ${user} is authorized to perform: ${action} on resource: ${resource}${by}`;
  }
  const denied = `User: ${user} is not authorized to perform: ${action} on resource: ${resource}`;
  if (result.decision === 'ExplicitDeny' && result.decidedBy) {
    return `${denied} with an explicit deny in ${article(result.decidedBy)} ${policyKindOf(result.decidedBy)}: ${statementOf(result.decidedBy)}`;
  }
  const missing = result.missingAllow === 'resource' ? 'resource-based' : 'identity-based';
  return `${denied} because no ${missing} policy allows the ${action} action`;
}

function policyKindOf(statement: DecidingStatement): string {
  return statement.policyKind === 'identity' ? 'identity-based policy' : 'resource-based policy';
}

function article(statement: DecidingStatement): string {
  return statement.policyKind === 'identity' ? 'an' : 'a';
}

function statementOf({ policy, statementIndex, sid }: DecidingStatement): string {
  return `${policy} statement ${statementIndex}${sid === undefined ? '' : ` (${sid})`}`;
}
