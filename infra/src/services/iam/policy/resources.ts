import { type Lookup, type PolicyString, parsePolicyString } from './policy-string.js';
import { anchored, arnPatternSource, hasWildcard, PatternCache } from './wildcards.js';

/**
 * Whether a statement's Resource or NotResource list covers a resource ARN. An entry whose policy
 * variable has no value matches nothing, and keeps a NotResource from applying: a statement never
 * applies on the strength of a value the request cannot supply.
 */
export type ResourceMatcher = (resource: string, lookup: Lookup) => boolean;

/** One entry: undefined when its policy variable has no value. */
type EntryMatcher = (resource: string, lookup: Lookup) => boolean | undefined;

const SERVICE_WILDCARD = /^arn:[^:]*:[^:]*[*?]/;

/** Why a Resource value is not one IAM takes; undefined when it is. */
export function resourceProblem(resource: string): string | undefined {
  if (resource === '*') return undefined;
  if (!resource.startsWith('arn:')) return `Resource ${resource} must be in ARN format or "*"`;
  // IAM user guide: a wildcard cannot stand in the service segment that identifies the product.
  if (SERVICE_WILDCARD.test(resource)) {
    return `Resource ${resource}: the service segment cannot contain wildcards`;
  }
  return undefined;
}

export function compileResources(
  resources: readonly string[],
  negated: boolean,
  variables: boolean,
): ResourceMatcher {
  const entries = resources.map((resource) => compileEntry(resource, variables));
  if (negated) {
    return (resource, lookup) => {
      for (const entry of entries) if (entry(resource, lookup) !== false) return false;
      return true;
    };
  }
  if (entries.length === 1) {
    const [only] = entries as [EntryMatcher];
    return (resource, lookup) => only(resource, lookup) === true;
  }
  return (resource, lookup) => {
    for (const entry of entries) if (entry(resource, lookup) === true) return true;
    return false;
  };
}

function compileEntry(resource: string, variables: boolean): EntryMatcher {
  if (resource === '*') return () => true;
  const value = parsePolicyString(resource, { variables, wildcards: true });
  if (value.fixed !== undefined) return fixedEntry(value.fixed);
  const cache = new PatternCache(patternOf);
  return (actual, lookup) => {
    const resolved = (value as PolicyString).resolve(lookup);
    if (resolved === undefined) return undefined;
    return cache.get(resolved)?.test(actual) ?? false;
  };
}

function fixedEntry(encoded: string): EntryMatcher {
  if (!hasWildcard(encoded) && encoded.split(':').length >= 6) return (actual) => actual === encoded;
  const pattern = patternOf(encoded);
  return pattern ? (actual) => pattern.test(actual) : () => false;
}

function patternOf(encoded: string): RegExp | null {
  const source = arnPatternSource(encoded, 'resource');
  return source === undefined ? null : anchored(source);
}
