/**
 * The shapes the policy evaluator speaks: who asks, for what, and the verdict. Kept apart from the
 * evaluator so that the services (and tests) can build requests without pulling in the matchers.
 */

/** Whether a document is attached to an identity (a role) or to a resource (a function, a bucket). */
export type PolicyKind = 'identity' | 'resource';

import type { ContextValue } from '../../../core/auth/authorizer.js';

export type { ContextValue };

export interface RequestPrincipal {
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`, `arn:aws:iam::<account>:root`, or the service name. */
  arn: string;
  /** The caller's account (for a service principal, the account it acts for, if any). */
  accountId: string;
  /** `aws:userid`: `<role id>:<session name>` for role sessions, the account id for root. */
  userId?: string;
  type: 'AssumedRole' | 'Root' | 'Service';
  /** Service principals: `s3.amazonaws.com`, matched against a resource policy's `Principal.Service`. */
  service?: string;
  /**
   * Role sessions: the role (`arn:aws:iam::<account>:role<path><name>`). It is `aws:PrincipalArn`, and a
   * resource policy naming it matches exactly; without it a role principal matches by account and name.
   */
  roleArn?: string;
}

export interface AuthorizationRequest {
  principal: RequestPrincipal;
  /** `service:Action`, e.g. `lambda:InvokeFunction` (matched case-insensitively). */
  action: string;
  /** The ARN of the resource acted on (matched case-sensitively). */
  resource: string;
  /**
   * Condition keys of the request, names case-insensitive (`aws:SourceAccount`, `s3:prefix`,
   * `aws:PrincipalTag/team`, `aws:SecureTransport`). `aws:userid`, `aws:PrincipalArn`, `aws:PrincipalAccount`,
   * `aws:PrincipalType` (and `aws:PrincipalServiceName` for services) are derived from the principal
   * unless given here.
   */
  context: Record<string, ContextValue>;
  /** The account owning the resource; defaults to the ARN's account field, else the principal's (S3 ARNs carry none). */
  resourceAccountId?: string;
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** The statement that decided a request. */
export interface DecidingStatement {
  /** The name the policy was compiled under. */
  policy: string;
  policyKind: PolicyKind;
  /** 0-based position in the document's `Statement` (0 when `Statement` is a single object). */
  statementIndex: number;
  sid?: string;
}

export interface EvaluationResult {
  decision: Decision;
  /** The deny that matched, or an allow that matched; absent for implicit denies and the root user. */
  decidedBy?: DecidingStatement;
  /** Implicit denies: the kind of policy whose allow was missing (`resource` for services and cross-account calls). */
  missingAllow?: PolicyKind;
}
