import { cidrContains, parseCidr } from './ip-address.js';
import { type Lookup, type PolicyString, parsePolicyString } from './policy-string.js';
import { anchored, arnPatternSource, PatternCache, stringPatternSource } from './wildcards.js';

/**
 * The base condition operators (without `IfExists` or a set operator): how one policy value compares
 * with one value of the request. A matcher answers undefined when it cannot compare (a variable with no
 * value, a request value that is not a number), which fails the condition whether or not it is negated.
 */
export type ValueMatcher = (value: string, lookup: Lookup) => boolean | undefined;

interface BaseOperator {
  /** Negated operators (StringNotEquals, NotIpAddress, …) hold when the value matches none of the policy's values. */
  negated: boolean;
  /** Whether IAM substitutes policy variables in this operator's values. */
  variables: boolean;
  compile(value: string, variables: boolean): ValueMatcher;
}

const exactly = (variables: boolean, transform: (text: string) => string = (text) => text) => ({
  variables,
  compile(value: string, enabled: boolean): ValueMatcher {
    return withResolved(parsePolicyString(value, { variables: enabled, wildcards: false }), (expected) => {
      const wanted = transform(expected);
      return (actual) => transform(actual) === wanted;
    });
  },
});

const patterned = (build: (encoded: string) => RegExp | null) => ({
  variables: true,
  compile(value: string, enabled: boolean): ValueMatcher {
    const cache = new PatternCache(build);
    return withResolved(parsePolicyString(value, { variables: enabled, wildcards: true }), (encoded) => {
      const pattern = cache.get(encoded);
      return (actual) => pattern?.test(actual) ?? false;
    });
  },
});

const compared = <T>(parse: (text: string) => T | undefined, test: (actual: T, expected: T) => boolean) => ({
  variables: false,
  compile(value: string): ValueMatcher {
    const expected = parse(value);
    return (actual) => {
      const parsed = expected === undefined ? undefined : parse(actual);
      return parsed === undefined || expected === undefined ? undefined : test(parsed, expected);
    };
  },
});

const STRING_EQUALS = exactly(true);
const IGNORE_CASE = exactly(true, (text) => text.toLowerCase());
const STRING_LIKE = patterned((encoded) => anchored(stringPatternSource(encoded)));
const ARN_LIKE = patterned((encoded) => {
  const source = arnPatternSource(encoded, 'condition');
  return source === undefined ? null : anchored(source);
});
const NUMBER_EQUALS = compared(parseNumber, (a, b) => a === b);
const DATE_EQUALS = compared(parseDate, (a, b) => a === b);
const IP_ADDRESS = {
  variables: false,
  compile(value: string): ValueMatcher {
    const block = parseCidr(value);
    return (actual) => (block ? cidrContains(block, actual) : undefined);
  },
};
const BOOL = {
  variables: true,
  compile(value: string, enabled: boolean): ValueMatcher {
    return withResolved(parsePolicyString(value, { variables: enabled, wildcards: false }), (expected) => {
      const wanted = booleanOf(expected);
      return (actual) => {
        const given = booleanOf(actual);
        return wanted === undefined || given === undefined ? undefined : given === wanted;
      };
    });
  },
};

const positive = (operator: Omit<BaseOperator, 'negated'>): BaseOperator => ({ ...operator, negated: false });
const negative = (operator: Omit<BaseOperator, 'negated'>): BaseOperator => ({ ...operator, negated: true });

/** The base operators by lower-case name (IAM reads operator names case-insensitively). */
export const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map(
  Object.entries({
    StringEquals: positive(STRING_EQUALS),
    StringNotEquals: negative(STRING_EQUALS),
    StringEqualsIgnoreCase: positive(IGNORE_CASE),
    StringNotEqualsIgnoreCase: negative(IGNORE_CASE),
    StringLike: positive(STRING_LIKE),
    StringNotLike: negative(STRING_LIKE),
    NumericEquals: positive(NUMBER_EQUALS),
    NumericNotEquals: negative(NUMBER_EQUALS),
    NumericLessThan: positive(compared(parseNumber, (a, b) => a < b)),
    NumericLessThanEquals: positive(compared(parseNumber, (a, b) => a <= b)),
    NumericGreaterThan: positive(compared(parseNumber, (a, b) => a > b)),
    NumericGreaterThanEquals: positive(compared(parseNumber, (a, b) => a >= b)),
    DateEquals: positive(DATE_EQUALS),
    DateNotEquals: negative(DATE_EQUALS),
    DateLessThan: positive(compared(parseDate, (a, b) => a < b)),
    DateLessThanEquals: positive(compared(parseDate, (a, b) => a <= b)),
    DateGreaterThan: positive(compared(parseDate, (a, b) => a > b)),
    DateGreaterThanEquals: positive(compared(parseDate, (a, b) => a >= b)),
    Bool: positive(BOOL),
    BinaryEquals: positive(exactly(false)),
    IpAddress: positive(IP_ADDRESS),
    NotIpAddress: negative(IP_ADDRESS),
    // ArnEquals takes wildcards too: AWS documents the two as the same comparison.
    ArnEquals: positive(ARN_LIKE),
    ArnLike: positive(ARN_LIKE),
    ArnNotEquals: negative(ARN_LIKE),
    ArnNotLike: negative(ARN_LIKE),
  }).map(([name, operator]) => [name.toLowerCase(), operator]),
);

/** Builds a matcher once for a fixed value, or per request (after substitution) for one with variables. */
function withResolved(
  value: PolicyString,
  build: (resolved: string) => (actual: string) => boolean | undefined,
): ValueMatcher {
  if (value.fixed !== undefined) {
    const matcher = build(value.fixed);
    return (actual) => matcher(actual);
  }
  return (actual, lookup) => {
    const resolved = value.resolve(lookup);
    return resolved === undefined ? undefined : build(resolved)(actual);
  };
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

const EPOCH_SECONDS = /^-?\d+$/;
const ISO_8601 = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * A date of a policy or request, in ms since the epoch: W3C ISO 8601 (`2026-01-01`, `2026-01-01T12:00:00Z`)
 * or epoch seconds (`aws:EpochTime`). A time without a zone is UTC, never the machine's zone.
 */
export function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  if (!ISO_8601.test(text)) return undefined;
  const zoned = text.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? `${text}Z` : text;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? undefined : time;
}

function booleanOf(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}
