/**
 * A string of a policy (a Resource, a condition value) with its policy variables (`${aws:userid}`,
 * `${aws:PrincipalTag/team, 'none'}`) and, where the element allows them, its wildcards.
 *
 * Wildcards are encoded as private-use characters so that text substituted from a variable, and the
 * escapes `${*}`, `${?}`, `${$}`, stay literal however the string is matched afterwards.
 */

/** A `*` of the policy (not one substituted from a variable or written `${*}`). */
export const STAR = '\uE000';
/** A `?` of the policy. */
export const QUESTION = '\uE001';

/** A condition key's value as the evaluator sees it: strings, or an array for multivalued keys. */
export type KeyValue = string | readonly string[];

/** Reads a condition key of the request; `key` is lower case. */
export type Lookup = (key: string) => KeyValue | undefined;

export interface PolicyString {
  /** The text as written in the policy. */
  readonly source: string;
  /** The encoded text when it holds no variable, so that it can be matched without a request. */
  readonly fixed: string | undefined;
  /**
   * The encoded text with the request's values substituted; undefined when a variable has no single
   * value and no default, in which case IAM treats the value as matching nothing.
   */
  resolve(lookup: Lookup): string | undefined;
}

/** Text of the policy, a literal (an escape such as `${*}`), or a variable. */
type Part = { text: string; literal: boolean } | { key: string; fallback?: string };

const ESCAPES = new Map([
  ['*', '*'],
  ['?', '?'],
  ['$', '$'],
]);
const VARIABLE = /^\s*([^,\s][^,]*?)\s*(?:,\s*'([^']*)'\s*)?$/;

/**
 * Parses a policy string. `variables` is false for 2008-10-17 documents (where `${…}` is plain text) and
 * for operators that take no variables; `wildcards` is false for operators that compare exactly.
 */
export function parsePolicyString(
  source: string,
  options: { variables: boolean; wildcards: boolean },
): PolicyString {
  const parts = options.variables ? splitVariables(source) : [{ text: source, literal: false }];
  const encoded = parts.map((part) =>
    'text' in part ? (part.literal ? part.text : encodeWildcards(part.text, options.wildcards)) : part,
  );
  if (encoded.every((part) => typeof part === 'string')) {
    const fixed = encoded.join('');
    return { source, fixed, resolve: () => fixed };
  }
  return { source, fixed: undefined, resolve: (lookup) => substitute(encoded, lookup) };
}

function encodeWildcards(text: string, wildcards: boolean): string {
  return wildcards ? text.replaceAll('*', STAR).replaceAll('?', QUESTION) : text;
}

/** Splits `a${x}b` into text, escapes and variables; an unclosed `${` is text. */
function splitVariables(source: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('${', at);
    const close = open < 0 ? -1 : source.indexOf('}', open + 2);
    if (open < 0 || close < 0) break;
    parts.push({ text: source.slice(at, open), literal: false });
    const inner = source.slice(open + 2, close);
    const escaped = ESCAPES.get(inner);
    if (escaped !== undefined) parts.push({ text: escaped, literal: true });
    else {
      const match = VARIABLE.exec(inner);
      // A variable IAM cannot parse never resolves, so the value it stands in matches nothing.
      parts.push(match?.[1] ? variable(match[1], match[2]) : { key: '' });
    }
    at = close + 1;
  }
  parts.push({ text: source.slice(at), literal: false });
  return parts.filter((part) => !('text' in part) || part.text !== '');
}

function variable(key: string, fallback: string | undefined): Part {
  return fallback === undefined ? { key: key.toLowerCase() } : { key: key.toLowerCase(), fallback };
}

function substitute(
  parts: ReadonlyArray<string | { key: string; fallback?: string }>,
  lookup: Lookup,
): string | undefined {
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = part.key === '' ? undefined : lookup(part.key);
    if (typeof value === 'string' && !value.includes(STAR) && !value.includes(QUESTION)) text += value;
    // A multivalued key cannot stand in a string; like a missing one it takes the default, if any.
    else if (part.fallback !== undefined) text += part.fallback;
    else return undefined;
  }
  return text;
}
