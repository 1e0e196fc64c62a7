import { type ActionMatcher, compileActions } from './actions.js';
import { type ConditionTest, compileCondition } from './conditions.js';
import { readPolicyDocument } from './policy-document.js';
import { compilePrincipal, type PrincipalMatcher } from './principals.js';
import { compileResources, type ResourceMatcher } from './resources.js';
import type { DecidingStatement, PolicyKind } from './types.js';

export interface CompiledStatement {
  effect: 'Allow' | 'Deny';
  /** Reported as the statement that decided a request; one object per statement, so evaluating allocates none. */
  ref: DecidingStatement;
  action: ActionMatcher;
  /** Absent in a resource policy statement without Resource (it concerns the resource it is attached to). */
  resource?: ResourceMatcher;
  /** Resource policies only. */
  principal?: PrincipalMatcher;
  conditions: readonly ConditionTest[];
}

/** A policy compiled once and evaluated against any number of requests. */
export interface CompiledPolicy {
  readonly name: string;
  readonly kind: PolicyKind;
  readonly statements: readonly CompiledStatement[];
}

const compiled = new WeakMap<object, Map<string, CompiledPolicy>>();

/**
 * Validates a policy document as IAM does and compiles its matchers (wildcards become expressions once,
 * variables are substituted per request). Documents given as objects are compiled once per name and
 * kind: keep them unchanged after compiling.
 *
 * @throws MalformedPolicyDocumentError naming the policy and statement at fault
 * @example
 * const policy = compilePolicy(role.policies[0].document, { name: role.policies[0].name });
 * const bucketPolicy = compilePolicy(definition.document, { name: definition.logicalId, kind: 'resource' });
 */
export function compilePolicy(
  document: unknown,
  source: { name: string; kind?: PolicyKind },
): CompiledPolicy {
  const kind = source.kind ?? 'identity';
  if (typeof document !== 'object' || document === null) return build(document, source.name, kind);
  const cacheKey = `${kind}\u0000${source.name}`;
  let byName = compiled.get(document);
  const known = byName?.get(cacheKey);
  if (known) return known;
  const policy = build(document, source.name, kind);
  if (!byName) {
    byName = new Map();
    compiled.set(document, byName);
  }
  byName.set(cacheKey, policy);
  return policy;
}

function build(document: unknown, name: string, kind: PolicyKind): CompiledPolicy {
  const { variables, statements } = readPolicyDocument(document, name, kind);
  return {
    name,
    kind,
    statements: statements.map((statement) => {
      const ref: DecidingStatement = { policy: name, policyKind: kind, statementIndex: statement.index };
      if (statement.sid !== undefined) ref.sid = statement.sid;
      const result: CompiledStatement = {
        effect: statement.effect,
        ref: Object.freeze(ref),
        action: compileActions(statement.action ?? statement.notAction ?? [], statement.action === undefined),
        conditions: statement.condition.map(({ operator, key, values }) =>
          compileCondition(operator, key, values, variables),
        ),
      };
      const resources = statement.resource ?? statement.notResource;
      if (resources) {
        result.resource = compileResources(resources, statement.resource === undefined, variables);
      }
      const principal = statement.principal ?? statement.notPrincipal;
      if (principal !== undefined) {
        result.principal = compilePrincipal(principal, statement.principal === undefined);
      }
      return result;
    }),
  };
}
