import { invalidFilterPattern } from './pattern-errors.js';
import type { ComparisonOperator, PatternToken } from './pattern-lexer.js';

/** The right-hand side of a condition, compiled to a test of the value it is compared with. */
export type ValueTest = (actual: unknown) => boolean;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Compiles `operator value` into a test. Values are compared as text (with a leading and/or trailing
 * `*` wildcard; `*` alone matches any value), as numbers when the literal is one, or with a `%regex%`.
 * Ordering operators need a number on both sides; a value that is not a string, number or boolean
 * (missing, null, object, array) never matches, not even `!=` — the service skips such events.
 */
export function compileValueTest(operator: ComparisonOperator, value: PatternToken): ValueTest {
  const equality = operator === '=' || operator === '!=';
  const negate = operator === '!=';
  if (value.kind === 'regex') {
    if (!equality) throw invalidFilterPattern();
    const regex = new RegExp(value.source);
    return (actual) => isScalar(actual) && regex.test(String(actual)) !== negate;
  }
  if (value.kind !== 'word' && value.kind !== 'quoted') throw invalidFilterPattern();
  const literal = value.text;
  const literalNumber = value.kind === 'word' && NUMBER.test(literal) ? Number(literal) : undefined;
  if (!equality) {
    if (literalNumber === undefined) throw invalidFilterPattern();
    return (actual) => {
      const number = asNumber(actual);
      return number !== undefined && compareNumbers(number, operator, literalNumber);
    };
  }
  const textMatches = wildcardMatcher(literal);
  return (actual) => {
    if (!isScalar(actual)) return false;
    const number = literalNumber === undefined ? undefined : asNumber(actual);
    const equal = number !== undefined ? number === literalNumber : textMatches(String(actual));
    return equal !== negate;
  };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Numbers, and strings that spell one (space-delimited fields are always text). */
function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMBER.test(value)) return Number(value);
  return undefined;
}

function compareNumbers(actual: number, operator: ComparisonOperator, expected: number): boolean {
  switch (operator) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}

/**
 * `*` is a wildcard only at the start or the end of a value (`*Event`, `Event*`, `*html*`); inside
 * (`Ev*ent`) it is a literal asterisk, as the CloudWatch documentation specifies.
 */
function wildcardMatcher(literal: string): (text: string) => boolean {
  if (/^\*+$/.test(literal)) return () => true;
  const anyPrefix = literal.startsWith('*');
  const anySuffix = literal.endsWith('*');
  const core = literal.slice(anyPrefix ? 1 : 0, anySuffix ? -1 : undefined);
  if (anyPrefix && anySuffix) return (text) => text.includes(core);
  if (anyPrefix) return (text) => text.endsWith(core);
  if (anySuffix) return (text) => text.startsWith(core);
  return (text) => text === core;
}
