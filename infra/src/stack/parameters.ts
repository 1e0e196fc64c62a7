import { TemplateError } from '../core/errors.js';
import type { IssueList } from './issues.js';
import { describe, isObject, scalarToString, type TemplateObject } from './values.js';

/** What `Ref` to a parameter gives: a string, a list of strings, or a reason it cannot be known locally. */
export type ParameterValue = { value: string | string[] } | { unresolvable: string };

const LIST_TYPES = /^(CommaDelimitedList|List<.+>)$/;
const NUMBER_TYPES = new Set(['Number', 'List<Number>']);
// AWS-specific types (`AWS::EC2::KeyPair::KeyName`, …) are validated against the account on AWS;
// locally they can only be taken as the strings they are.
const AWS_SPECIFIC_TYPE = /^(List<)?AWS::[A-Za-z0-9:]+>?$/;
const SSM_VALUE_TYPE = /^AWS::SSM::Parameter::Value<.+>$/;

/**
 * Gives every declared parameter its value (override, else `Default`) and checks it against the
 * declaration's `Type`, `AllowedValues`, `AllowedPattern`, `Min/MaxLength` and `Min/MaxValue`.
 *
 * @example resolveParameters(template.Parameters, { Stage: 'dev' }, issues).get('Stage') // { value: 'dev' }
 */
export function resolveParameters(
  declared: TemplateObject,
  overrides: Record<string, string>,
  issues: IssueList,
): Map<string, ParameterValue> {
  const values = new Map<string, ParameterValue>();
  for (const [name, declaration] of Object.entries(declared)) {
    values.set(name, resolveParameter(name, declaration, overrides[name]));
  }
  for (const name of Object.keys(overrides)) {
    if (!(name in declared)) {
      issues.add(
        'Parameters',
        name,
        'an override was given but the template declares no such parameter; ignored',
      );
    }
  }
  return values;
}

function resolveParameter(name: string, declaration: unknown, override: string | undefined): ParameterValue {
  const fail = (message: string) => new TemplateError(message, 'Parameters', name);
  if (!isObject(declaration)) throw fail('a parameter declaration must be a mapping');
  const type = declaration.Type;
  if (typeof type !== 'string') throw fail('a parameter needs a Type');
  if (!isKnownType(type)) throw fail(`unknown parameter Type '${type}'`);

  const raw = override ?? defaultOf(declaration, fail);
  if (raw === undefined) {
    throw fail('has no Default and no value was given for it (pass it in parameterOverrides)');
  }
  if (SSM_VALUE_TYPE.test(type)) {
    return {
      unresolvable: `parameter ${name} is read from SSM Parameter Store (${raw}), which is not available locally`,
    };
  }
  const isList = LIST_TYPES.test(type);
  // CloudFormation trims each member of a comma-delimited list.
  const items = isList ? raw.split(',').map((item) => item.trim()) : [raw];
  for (const item of items) checkConstraints(item, type, declaration, fail);
  return { value: isList ? items : raw };
}

function isKnownType(type: string): boolean {
  return type === 'String' || NUMBER_TYPES.has(type) || LIST_TYPES.test(type) || AWS_SPECIFIC_TYPE.test(type);
}

function defaultOf(
  declaration: TemplateObject,
  fail: (message: string) => TemplateError,
): string | undefined {
  if (declaration.Default === undefined || declaration.Default === null) return undefined;
  const value = Array.isArray(declaration.Default)
    ? declaration.Default.map(scalarToString).join(',')
    : scalarToString(declaration.Default);
  if (value === undefined) throw fail(`Default must be a string, got ${describe(declaration.Default)}`);
  return value;
}

function checkConstraints(
  value: string,
  type: string,
  declaration: TemplateObject,
  fail: (message: string) => TemplateError,
): void {
  const hint =
    typeof declaration.ConstraintDescription === 'string' ? ` (${declaration.ConstraintDescription})` : '';
  if (NUMBER_TYPES.has(type)) {
    const number = Number(value);
    if (value.trim() === '' || Number.isNaN(number)) throw fail(`'${value}' is not a number${hint}`);
    if (typeof declaration.MinValue === 'number' && number < declaration.MinValue) {
      throw fail(`${value} is less than MinValue ${declaration.MinValue}${hint}`);
    }
    if (typeof declaration.MaxValue === 'number' && number > declaration.MaxValue) {
      throw fail(`${value} is greater than MaxValue ${declaration.MaxValue}${hint}`);
    }
  } else {
    if (typeof declaration.MinLength === 'number' && value.length < declaration.MinLength) {
      throw fail(`'${value}' is shorter than MinLength ${declaration.MinLength}${hint}`);
    }
    if (typeof declaration.MaxLength === 'number' && value.length > declaration.MaxLength) {
      throw fail(`'${value}' is longer than MaxLength ${declaration.MaxLength}${hint}`);
    }
    if (
      typeof declaration.AllowedPattern === 'string' &&
      !patternOf(declaration.AllowedPattern, fail).test(value)
    ) {
      throw fail(`'${value}' does not match AllowedPattern ${declaration.AllowedPattern}${hint}`);
    }
  }
  if (Array.isArray(declaration.AllowedValues)) {
    const allowed = declaration.AllowedValues.map(scalarToString);
    if (!allowed.includes(value)) {
      throw fail(`'${value}' is not one of the AllowedValues [${allowed.join(', ')}]${hint}`);
    }
  }
}

/** CloudFormation matches the whole value against the pattern. */
function patternOf(pattern: string, fail: (message: string) => TemplateError): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    throw fail(`AllowedPattern ${pattern} is not a valid regular expression: ${(error as Error).message}`);
  }
}
