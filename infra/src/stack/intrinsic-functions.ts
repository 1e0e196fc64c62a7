import type { TemplateError } from '../core/errors.js';
import type { StackEnvironment } from './pseudo-parameters.js';
import { parseSub } from './sub.js';
import { UnresolvableError } from './unresolvable.js';
import { describe, isObject, ownValue, scalarToString, type TemplateObject } from './values.js';

/** What an intrinsic function may ask of the evaluator, at the place of the template it is evaluated. */
export interface IntrinsicScope {
  env: StackEnvironment;
  mappings: TemplateObject;
  /** Evaluates a nested value at the same place. */
  evaluate(value: unknown): unknown;
  /** A TemplateError naming the place being evaluated. */
  fail(message: string): TemplateError;
  condition(name: string): boolean;
  ref(name: string): unknown;
  getAtt(logicalId: string, attribute: string): string;
}

type IntrinsicFunction = (args: unknown, scope: IntrinsicScope) => unknown;

/** The intrinsic functions evaluated wherever they appear (`Ref` and `Fn::GetAtt` live in the evaluator). */
export const INTRINSIC_FUNCTIONS: Record<string, IntrinsicFunction> = {
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Split': split,
  'Fn::FindInMap': findInMap,
  'Fn::Base64': (args, scope) =>
    Buffer.from(stringOf(scope.evaluate(args), 'Fn::Base64', scope)).toString('base64'),
  'Fn::GetAZs': getAZs,
  'Fn::If': ifFunction,
};

/** Functions AWS resolves against other stacks, services or macros: valid, but unknowable locally. */
export const REMOTE_FUNCTIONS = new Set(['Fn::ImportValue', 'Fn::Transform', 'Fn::Cidr']);

/** Condition functions: legal only in `Conditions` (and in `Rules`). */
export const CONDITION_FUNCTIONS = new Set(['Fn::Equals', 'Fn::Not', 'Fn::And', 'Fn::Or', 'Condition']);

function sub(args: unknown, scope: IntrinsicScope): string {
  const [template, variables] = Array.isArray(args) ? args : [args, {}];
  if (typeof template !== 'string' || !isObject(variables) || (Array.isArray(args) && args.length !== 2)) {
    throw scope.fail(`Fn::Sub takes a string or [string, {variables}], got ${describe(args)}`);
  }
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(variables)) {
    values.set(name, stringOf(scope.evaluate(value), `Fn::Sub variable ${name}`, scope));
  }
  return parseSub(template)
    .map((part) => {
      if ('literal' in part) return part.literal;
      const name = part.variable;
      const variable = values.get(name);
      if (variable !== undefined) return variable;
      const dot = name.indexOf('.');
      // `${AWS::Region}` has no dot; `${Bucket.Arn}` and `${Db.Endpoint.Address}` split at the first one.
      if (dot > 0 && !name.startsWith('AWS::')) return scope.getAtt(name.slice(0, dot), name.slice(dot + 1));
      return stringOf(scope.ref(name), `Fn::Sub \${${name}}`, scope);
    })
    .join('');
}

function join(args: unknown, scope: IntrinsicScope): string {
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') {
    throw scope.fail(`Fn::Join takes [delimiter, [values]], got ${describe(args)}`);
  }
  const list = scope.evaluate(args[1]);
  if (!Array.isArray(list)) throw scope.fail(`Fn::Join needs a list of values, got ${describe(list)}`);
  return list.map((item) => stringOf(item, 'Fn::Join', scope)).join(args[0]);
}

function select(args: unknown, scope: IntrinsicScope): unknown {
  if (!Array.isArray(args) || args.length !== 2) {
    throw scope.fail(`Fn::Select takes [index, [values]], got ${describe(args)}`);
  }
  const index = Number(scalarToString(scope.evaluate(args[0])));
  const list = scope.evaluate(args[1]);
  if (!Array.isArray(list)) throw scope.fail(`Fn::Select needs a list of values, got ${describe(list)}`);
  if (!Number.isInteger(index) || index < 0 || index >= list.length) {
    throw scope.fail(`Fn::Select index ${describe(args[0])} is outside the list of ${list.length} values`);
  }
  return list[index];
}

function split(args: unknown, scope: IntrinsicScope): string[] {
  if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string' || args[0] === '') {
    throw scope.fail(`Fn::Split takes [delimiter, string], got ${describe(args)}`);
  }
  return stringOf(scope.evaluate(args[1]), 'Fn::Split', scope).split(args[0]);
}

function findInMap(args: unknown, scope: IntrinsicScope): unknown {
  if (!Array.isArray(args) || args.length < 3 || args.length > 4) {
    throw scope.fail(`Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey], got ${describe(args)}`);
  }
  const [mapName, topKey, secondKey] = args
    .slice(0, 3)
    .map((key, position) => stringOf(scope.evaluate(key), `Fn::FindInMap key ${position + 1}`, scope));
  const map = ownValue(scope.mappings, mapName as string);
  if (!isObject(map)) throw scope.fail(`Fn::FindInMap: no mapping named '${mapName}' in Mappings`);
  const top = ownValue(map, topKey as string);
  const value = isObject(top) ? ownValue(top, secondKey as string) : undefined;
  if (value !== undefined) return value;
  // The AWS::LanguageExtensions form adds `{ DefaultValue: … }` as a fourth argument.
  const fallback = args[3];
  if (isObject(fallback) && 'DefaultValue' in fallback) return scope.evaluate(fallback.DefaultValue);
  throw scope.fail(`Fn::FindInMap: mapping '${mapName}' has no entry [${topKey}][${secondKey}]`);
}

function getAZs(args: unknown, scope: IntrinsicScope): string[] {
  const region = scalarToString(scope.evaluate(args)) || scope.env.region;
  // The local cloud has no zones; three made-up names give templates the list shape they expect.
  return ['a', 'b', 'c'].map((letter) => `${region}${letter}`);
}

function ifFunction(args: unknown, scope: IntrinsicScope): unknown {
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
    throw scope.fail(`Fn::If takes [ConditionName, valueIfTrue, valueIfFalse], got ${describe(args)}`);
  }
  return scope.evaluate(scope.condition(args[0]) ? args[1] : args[2]);
}

/**
 * Evaluates a condition expression (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`) to a
 * boolean, as in the `Conditions` section.
 */
export function evaluateCondition(expression: unknown, scope: IntrinsicScope): boolean {
  if (!isObject(expression) || Object.keys(expression).length !== 1) {
    throw scope.fail(
      `a condition must be one of Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition; got ${describe(expression)}`,
    );
  }
  const [[name, args]] = Object.entries(expression) as [[string, unknown]];
  switch (name) {
    case 'Condition':
      if (typeof args !== 'string') {
        throw scope.fail(`Condition takes a condition name, got ${describe(args)}`);
      }
      return scope.condition(args);
    case 'Fn::Equals': {
      if (!Array.isArray(args) || args.length !== 2) {
        throw scope.fail(`Fn::Equals takes [value1, value2], got ${describe(args)}`);
      }
      const [left, right] = args.map((value) => comparable(scope.evaluate(value)));
      return left === right;
    }
    case 'Fn::Not':
      if (!Array.isArray(args) || args.length !== 1) {
        throw scope.fail(`Fn::Not takes [condition], got ${describe(args)}`);
      }
      return !evaluateCondition(args[0], scope);
    case 'Fn::And':
    case 'Fn::Or': {
      if (!Array.isArray(args) || args.length < 2 || args.length > 10) {
        throw scope.fail(`${name} takes 2 to 10 conditions, got ${describe(args)}`);
      }
      // Every operand is evaluated (no short cut) so that a mistake in any of them is reported.
      const results = args.map((operand) => evaluateCondition(operand, scope));
      return name === 'Fn::And' ? results.every(Boolean) : results.some(Boolean);
    }
    default:
      if (REMOTE_FUNCTIONS.has(name)) throw new UnresolvableError(`${name} cannot be evaluated locally`);
      throw scope.fail(`${name} is not a condition function`);
  }
}

/** CloudFormation compares the string forms: `!Equals [!Ref Count, 3]` holds when Count is "3". */
function comparable(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(comparable));
  return scalarToString(value) ?? JSON.stringify(value);
}

function stringOf(value: unknown, where: string, scope: IntrinsicScope): string {
  const text = scalarToString(value);
  if (text === undefined) throw scope.fail(`${where} needs a string, got ${describe(value)}`);
  return text;
}
