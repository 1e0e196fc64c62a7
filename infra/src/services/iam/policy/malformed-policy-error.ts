/**
 * A policy document IAM would refuse (`MalformedPolicyDocument`): names the policy, the statement
 * (its 0-based index and Sid) when the fault is inside one, and the reason.
 *
 * It lives beside the evaluator rather than in `src/errors.ts` because the evaluator is a self-contained
 * module; the services translate it to their own 400 error when they accept policies over the wire.
 *
 * @example new MalformedPolicyDocumentError('FunctionRolePolicy0', 'Effect must be Allow or Deny', { index: 1 })
 */
export class MalformedPolicyDocumentError extends Error {
  override readonly name = 'MalformedPolicyDocumentError';
  /** The code IAM answers with. */
  readonly code = 'MalformedPolicyDocument';

  constructor(
    readonly policyName: string,
    readonly reason: string,
    readonly statement?: { index: number; sid?: string },
    options: { cause?: unknown } = {},
  ) {
    super(`${policyName}${statement ? ` ${describeStatement(statement)}` : ''}: ${reason}`, options);
  }
}

function describeStatement({ index, sid }: { index: number; sid?: string }): string {
  return sid === undefined ? `statement ${index}` : `statement ${index} (${sid})`;
}
