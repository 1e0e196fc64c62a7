import { BASE_OPERATORS, type ValueMatcher } from './condition-operators.js';
import type { Lookup } from './policy-string.js';

/** One operator applied to one key: true when the request satisfies it. */
export type ConditionTest = (lookup: Lookup) => boolean;

const OPERATOR = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/i;

/** Why an operator name is not one IAM knows; undefined when it is. */
export function operatorProblem(name: string): string | undefined {
  const [, set, base = '', ifExists] = OPERATOR.exec(name) ?? [];
  if (base.toLowerCase() === 'null') {
    return set || ifExists
      ? `${name} is not a condition operator (Null takes neither a set operator nor IfExists)`
      : undefined;
  }
  return BASE_OPERATORS.has(base.toLowerCase()) ? undefined : `${name} is not a condition operator`;
}

/**
 * Compiles one operator on one key, with IAM's rules for absent keys: a missing key fails a positive
 * operator and satisfies a negated one; `…IfExists` and `ForAllValues` are satisfied by a missing key,
 * `ForAnyValue` is not. Without a set operator, a multivalued key satisfies nothing. Several values
 * of the policy are alternatives (for negated operators: the value must match none of them).
 */
export function compileCondition(
  operatorName: string,
  key: string,
  values: readonly string[],
  variables: boolean,
): ConditionTest {
  const [, set, base = '', ifExists] = OPERATOR.exec(operatorName) ?? [];
  const name = key.toLowerCase();
  if (base.toLowerCase() === 'null') return compileNull(name, values);
  const operator = BASE_OPERATORS.get(base.toLowerCase());
  if (!operator) throw new Error(`unknown condition operator ${operatorName}`);
  const matchers = values.map((value) => operator.compile(value, variables && operator.variables));
  const test = operator.negated ? noneMatch(matchers) : anyMatches(matchers);
  const setOperator = set?.toLowerCase();
  const whenMissing =
    ifExists !== undefined || setOperator === 'forallvalues' || (!setOperator && operator.negated);

  if (setOperator === 'forallvalues') {
    return (lookup) => {
      const value = lookup(name);
      if (value === undefined) return whenMissing;
      if (typeof value === 'string') return test(value, lookup);
      for (const item of value) if (!test(item, lookup)) return false;
      return true;
    };
  }
  if (setOperator === 'foranyvalue') {
    return (lookup) => {
      const value = lookup(name);
      if (value === undefined) return whenMissing;
      if (typeof value === 'string') return test(value, lookup);
      for (const item of value) if (test(item, lookup)) return true;
      return false;
    };
  }
  return (lookup) => {
    const value = lookup(name);
    if (value === undefined) return whenMissing;
    return typeof value === 'string' && test(value, lookup);
  };
}

type ValueTest = (value: string, lookup: Lookup) => boolean;

function anyMatches(matchers: readonly ValueMatcher[]): ValueTest {
  if (matchers.length === 1) {
    const [only] = matchers as [ValueMatcher];
    return (value, lookup) => only(value, lookup) === true;
  }
  return (value, lookup) => {
    for (const matcher of matchers) if (matcher(value, lookup) === true) return true;
    return false;
  };
}

function noneMatch(matchers: readonly ValueMatcher[]): ValueTest {
  return (value, lookup) => {
    for (const matcher of matchers) if (matcher(value, lookup) !== false) return false;
    return true;
  };
}

/** `Null: {key: "true"}` holds when the key is absent, `"false"` when it is present. */
function compileNull(name: string, values: readonly string[]): ConditionTest {
  const whenAbsent = values.some((value) => value.toLowerCase() === 'true');
  const whenPresent = values.some((value) => value.toLowerCase() === 'false');
  return (lookup) => (lookup(name) === undefined ? whenAbsent : whenPresent);
}
