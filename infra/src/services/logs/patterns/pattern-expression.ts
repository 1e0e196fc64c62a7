import { invalidFilterPattern } from './pattern-errors.js';
import type { PatternToken } from './pattern-lexer.js';

export type Test<Subject> = (subject: Subject) => boolean;

/** Reads one condition (`$.a = 1`, `status = 4*`) starting at `tokens[at]`. */
export type ConditionParser<Subject> = (
  tokens: readonly PatternToken[],
  at: number,
) => { test: Test<Subject>; next: number };

/**
 * Parses `condition`s joined by `&&` and `||` with parentheses, `&&` binding tighter than `||` (the order
 * the CloudWatch documentation gives). Stops at a token it cannot continue with (a `,` between
 * space-delimited fields, or the end) and says where.
 */
export function parseExpression<Subject>(
  tokens: readonly PatternToken[],
  at: number,
  condition: ConditionParser<Subject>,
): { test: Test<Subject>; next: number } {
  const parseOr = (from: number): { test: Test<Subject>; next: number } => {
    const first = parseAnd(from);
    const tests = [first.test];
    let next = first.next;
    while (tokens[next]?.kind === 'or') {
      const alternative = parseAnd(next + 1);
      tests.push(alternative.test);
      next = alternative.next;
    }
    return { test: tests.length === 1 ? first.test : (s) => tests.some((test) => test(s)), next };
  };
  const parseAnd = (from: number): { test: Test<Subject>; next: number } => {
    const first = parseUnit(from);
    const tests = [first.test];
    let next = first.next;
    while (tokens[next]?.kind === 'and') {
      const part = parseUnit(next + 1);
      tests.push(part.test);
      next = part.next;
    }
    return { test: tests.length === 1 ? first.test : (s) => tests.every((test) => test(s)), next };
  };
  const parseUnit = (from: number): { test: Test<Subject>; next: number } => {
    const token = tokens[from];
    if (token?.kind === 'open') {
      const inner = parseOr(from + 1);
      if (tokens[inner.next]?.kind !== 'close') throw invalidFilterPattern();
      return { test: inner.test, next: inner.next + 1 };
    }
    if (token?.kind !== 'word') throw invalidFilterPattern();
    return condition(tokens, from);
  };
  return parseOr(at);
}
