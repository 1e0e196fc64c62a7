import { invalidParameterValue } from '../errors.js';

/**
 * Lambda event filtering (`FilterCriteria.Filters[].Pattern`): each pattern is an EventBridge event
 * pattern matched against the record as the function would receive it; a record is kept when any
 * pattern matches, and with no patterns every record is kept.
 *
 * Supported: exact values (strings, numbers, booleans, null, `""`), `prefix`, `suffix` (both also with
 * `equals-ignore-case`), `equals-ignore-case`, `anything-but` (values, `prefix`, `suffix`,
 * `equals-ignore-case`), `numeric`, `exists`, and `$or`. As in EventBridge, every field named in a
 * pattern must be present (except under `exists: false`), and an array in the record matches when
 * any of its elements does.
 *
 * @example compileFilters(['{"dynamodb":{"NewImage":{"status":{"S":["active"]}}}}'])(record)
 */
export type RecordFilter = (record: unknown) => boolean;

type Matcher = (value: Leaf) => boolean;
type Leaf = string | number | boolean | null;

interface LeafRule {
  /** Matches one leaf value of the record. */
  matchers: Matcher[];
  /** `{exists: false}` alone: matches when the field is absent. */
  absentOnly: boolean;
  /** Whether an absent field can match at all (only `exists: false`). */
  matchesAbsent: boolean;
}

interface ObjectRule {
  fields: Array<[string, Rule]>;
  /** `$or`: at least one of these must match as well. */
  anyOf: ObjectRule[];
}

type Rule = { kind: 'leaf'; leaf: LeafRule; key: string } | { kind: 'object'; rule: ObjectRule };

const NUMERIC_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);

export function compileFilters(patterns: readonly string[]): RecordFilter {
  if (patterns.length === 0) return () => true;
  const rules = patterns.map(parsePattern);
  return (record) => rules.some((rule) => matchObject(rule, record));
}

/** Throws Lambda's InvalidParameterValueException when a pattern is not a valid filter pattern. */
export function validateFilterPatterns(patterns: readonly string[]): void {
  for (const pattern of patterns) parsePattern(pattern);
}

function invalid(): Error {
  return invalidParameterValue('Invalid filter pattern definition.');
}

function parsePattern(text: string): ObjectRule {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid();
  }
  if (!isPlainObject(parsed) || Object.keys(parsed).length === 0) throw invalid();
  return compileObject(parsed);
}

function compileObject(pattern: Record<string, unknown>): ObjectRule {
  const rule: ObjectRule = { fields: [], anyOf: [] };
  for (const [key, value] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) throw invalid();
      rule.anyOf = value.map((alternative) => {
        if (!isPlainObject(alternative) || Object.keys(alternative).length === 0) throw invalid();
        return compileObject(alternative);
      });
    } else if (Array.isArray(value)) {
      rule.fields.push([key, { kind: 'leaf', leaf: compileLeaf(value, key), key }]);
    } else if (isPlainObject(value) && Object.keys(value).length > 0) {
      rule.fields.push([key, { kind: 'object', rule: compileObject(value) }]);
    } else {
      throw invalid();
    }
  }
  return rule;
}

function compileLeaf(values: unknown[], key: string): LeafRule {
  if (values.length === 0) throw invalid();
  const matchers: Matcher[] = [];
  let existsFalse = false;
  for (const value of values) {
    if (!isPlainObject(value)) {
      if (typeof value === 'object' && value !== null) throw invalid();
      matchers.push(equalsMatcher(value as Leaf));
      continue;
    }
    const entries = Object.entries(value);
    if (entries.length !== 1) throw invalid();
    const [operator, operand] = entries[0] as [string, unknown];
    if (operator === 'exists') {
      if (typeof operand !== 'boolean') throw invalid();
      if (operand) matchers.push(() => true);
      else existsFalse = true;
    } else {
      matchers.push(operatorMatcher(operator, operand, key));
    }
  }
  return { matchers, absentOnly: existsFalse && matchers.length === 0, matchesAbsent: existsFalse };
}

function operatorMatcher(operator: string, operand: unknown, key: string): Matcher {
  switch (operator) {
    case 'prefix':
      return affixMatcher(operand, (value, affix) => value.startsWith(affix));
    case 'suffix':
      return affixMatcher(operand, (value, affix) => value.endsWith(affix));
    case 'equals-ignore-case': {
      if (typeof operand !== 'string') throw invalid();
      const lower = operand.toLowerCase();
      return (value) => typeof value === 'string' && value.toLowerCase() === lower;
    }
    case 'numeric':
      return numericMatcher(operand, key);
    case 'anything-but':
      return anythingButMatcher(operand);
    default:
      throw invalid();
  }
}

/** `{"prefix": "x"}` or `{"prefix": {"equals-ignore-case": "x"}}` (and the same for `suffix`). */
function affixMatcher(operand: unknown, test: (value: string, affix: string) => boolean): Matcher {
  if (typeof operand === 'string') return (value) => typeof value === 'string' && test(value, operand);
  if (isPlainObject(operand) && Object.keys(operand).length === 1) {
    const folded = operand['equals-ignore-case'];
    if (typeof folded === 'string') {
      const lower = folded.toLowerCase();
      return (value) => typeof value === 'string' && test(value.toLowerCase(), lower);
    }
  }
  throw invalid();
}

function anythingButMatcher(operand: unknown): Matcher {
  if (isPlainObject(operand)) {
    const entries = Object.entries(operand);
    if (entries.length !== 1) throw invalid();
    const [operator, inner] = entries[0] as [string, unknown];
    if (operator === 'prefix' || operator === 'suffix') {
      const affix = operatorMatcher(operator, inner, '');
      return (value) => typeof value === 'string' && !affix(value);
    }
    if (operator === 'equals-ignore-case') {
      const list = Array.isArray(inner) ? inner : [inner];
      if (list.length === 0 || !list.every((item) => typeof item === 'string')) throw invalid();
      const lowered = new Set(list.map((item) => (item as string).toLowerCase()));
      return (value) => typeof value === 'string' && !lowered.has(value.toLowerCase());
    }
    throw invalid();
  }
  const list = Array.isArray(operand) ? operand : [operand];
  if (list.length === 0 || !list.every((item) => typeof item === 'string' || typeof item === 'number')) {
    throw invalid();
  }
  return (value) => value !== null && !list.includes(value as string | number);
}

/**
 * `{"numeric": [">", 0, "<=", 5]}`. A DynamoDB number travels as a string (`{"N": "5"}`), so under an
 * `N` key the string is read as the number it spells; elsewhere only JSON numbers compare.
 */
function numericMatcher(operand: unknown, key: string): Matcher {
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) throw invalid();
  const comparisons: Array<[string, number]> = [];
  for (let i = 0; i < operand.length; i += 2) {
    const op = operand[i];
    const bound = operand[i + 1];
    if (typeof op !== 'string' || !NUMERIC_OPERATORS.has(op) || typeof bound !== 'number') throw invalid();
    comparisons.push([op, bound]);
  }
  return (value) => {
    const number =
      typeof value === 'number'
        ? value
        : key === 'N' && typeof value === 'string'
          ? Number(value)
          : Number.NaN;
    if (!Number.isFinite(number)) return false;
    return comparisons.every(([op, bound]) => compare(number, op, bound));
  };
}

function compare(value: number, op: string, bound: number): boolean {
  switch (op) {
    case '=':
      return value === bound;
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    default:
      return value >= bound;
  }
}

function equalsMatcher(expected: Leaf): Matcher {
  return (value) => value === expected;
}

function matchObject(rule: ObjectRule, subject: unknown): boolean {
  // Below a missing object every field is missing: only `exists: false` can match there.
  const value = isPlainObject(subject) ? subject : {};
  for (const [key, field] of rule.fields) {
    if (!matchField(field, value[key], key in value)) return false;
  }
  return rule.anyOf.length === 0 || rule.anyOf.some((alternative) => matchObject(alternative, value));
}

function matchField(rule: Rule, value: unknown, present: boolean): boolean {
  if (rule.kind === 'object') {
    if (Array.isArray(value)) return value.some((item) => matchObject(rule.rule, item));
    return matchObject(rule.rule, value);
  }
  const leaves = present ? leafValues(value) : [];
  if (leaves.length === 0) return rule.leaf.matchesAbsent;
  if (rule.leaf.absentOnly) return false;
  return leaves.some((leaf) => rule.leaf.matchers.some((matcher) => matcher(leaf)));
}

/** The leaf values at a field: itself, or the elements of an array; objects are not leaves. */
function leafValues(value: unknown): Leaf[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is Leaf => item === null || typeof item !== 'object');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
