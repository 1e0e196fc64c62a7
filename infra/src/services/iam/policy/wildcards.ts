import { QUESTION, STAR } from './policy-string.js';

/**
 * Regular expressions for the encoded strings of `policy-string.ts`: `STAR` and `QUESTION` are the
 * policy's wildcards, every other character is literal.
 */

const SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function escapeRegExp(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

/** StringLike and actions: `*` is any run of characters, `?` any one character. */
export function stringPatternSource(encoded: string): string {
  let source = '';
  for (const char of encoded)
    source += char === STAR ? '[^]*' : char === QUESTION ? '[^]' : escapeRegExp(char);
  return source;
}

/** True when the encoded string holds a wildcard of the policy. */
export function hasWildcard(encoded: string): boolean {
  return encoded.includes(STAR) || encoded.includes(QUESTION);
}

/**
 * An ARN pattern as IAM matches it: six colon-separated components, the first five (`arn`, partition,
 * service, region, account) each matched on its own, the sixth (the resource, which may itself hold
 * colons) as a whole. Undefined when the pattern can never match an ARN.
 *
 * - `resource` (the Resource element): a `*` that ends a segment (before a `:` or at the end) may
 *   expand beyond colon boundaries; any other `*` and every `?` stay within their segment (IAM user
 *   guide, "Using wildcards in resource ARNs"). A pattern with fewer components ending in `*`
 *   (`arn:aws:s3:*`) thus covers the rest of the ARN.
 * - `condition` (ArnEquals/ArnLike): each component is checked separately, and the wildcards of the
 *   sixth match any characters.
 */
export function arnPatternSource(encoded: string, mode: 'resource' | 'condition'): string | undefined {
  const components = encoded.split(':');
  if (components[0] !== 'arn') return undefined;
  if (components.length < 6) {
    const last = components.at(-1) ?? '';
    if (mode !== 'resource' || !last.endsWith(STAR)) return undefined;
    const head = components.slice(0, -1).map(prefixComponent);
    return `${[...head, prefixComponent(last.slice(0, -1))].join(':')}[^]*`;
  }
  const prefix = components.slice(0, 5).map(prefixComponent).join(':');
  const resource = components.slice(5).join(':');
  return `${prefix}:${mode === 'resource' ? resourceSegments(resource) : stringPatternSource(resource)}`;
}

function prefixComponent(component: string): string {
  let source = '';
  for (const char of component)
    source += char === STAR ? '[^:]*' : char === QUESTION ? '[^:]' : escapeRegExp(char);
  return source;
}

function resourceSegments(resource: string): string {
  let source = '';
  for (let at = 0; at < resource.length; at++) {
    const char = resource[at] as string;
    if (char === STAR) {
      const next = resource[at + 1];
      source += next === undefined || next === ':' ? '[^]*' : '[^:]*';
    } else source += char === QUESTION ? '[^:]' : escapeRegExp(char);
  }
  return source;
}

/** Compiles a pattern source into an anchored expression. */
export function anchored(source: string, flags = ''): RegExp {
  return new RegExp(`^${source}$`, flags);
}

/**
 * Expressions built from strings that hold variables, kept per resolved string: a role's requests
 * resolve the same variables again and again. Bounded, because a variable may take any value.
 */
export class PatternCache {
  private readonly patterns = new Map<string, RegExp | null>();

  constructor(private readonly build: (encoded: string) => RegExp | null) {}

  get(encoded: string): RegExp | null {
    let pattern = this.patterns.get(encoded);
    if (pattern === undefined) {
      if (this.patterns.size >= 256) this.patterns.clear();
      pattern = this.build(encoded);
      this.patterns.set(encoded, pattern);
    }
    return pattern;
  }
}
