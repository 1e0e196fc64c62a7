import { compilePolicy } from '../../../../../src/services/iam/policy/compile.js';
import { evaluate } from '../../../../../src/services/iam/policy/evaluate.js';
import type { AuthorizationRequest, EvaluationResult } from '../../../../../src/services/iam/policy/types.js';
import { type PolicyCase, ROLE_SESSION } from './builders.js';

export function requestOf(testCase: PolicyCase): AuthorizationRequest {
  const request: AuthorizationRequest = {
    principal: testCase.principal ?? ROLE_SESSION,
    action: testCase.action,
    resource: testCase.resource,
    context: testCase.context ?? {},
  };
  if (testCase.resourceAccountId !== undefined) request.resourceAccountId = testCase.resourceAccountId;
  return request;
}

/** Compiles the case's documents under the names the table promises and evaluates its request. */
export function runCase(testCase: PolicyCase): EvaluationResult {
  const identity = (testCase.identity ?? []).map((document, index) =>
    compilePolicy(document, { name: `IdentityPolicy${index}` }),
  );
  const resource = testCase.resourcePolicy
    ? compilePolicy(testCase.resourcePolicy, { name: 'ResourcePolicy', kind: 'resource' })
    : undefined;
  return evaluate(requestOf(testCase), resource ? { identity, resource } : { identity });
}
