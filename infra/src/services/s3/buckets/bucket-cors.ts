import type { CorsRule } from '../../../stack/types.js';

/**
 * CORS as S3 evaluates a bucket's rules: the first rule whose origins, method and (for a preflight)
 * requested headers all match wins. Origins and headers may hold one `*` wildcard; headers compare
 * case-insensitively.
 */
export function matchingRule(
  rules: readonly CorsRule[],
  origin: string,
  method: string,
  requestedHeaders: readonly string[] = [],
): CorsRule | undefined {
  return rules.find(
    (rule) =>
      rule.allowedOrigins.some((allowed) => wildcardMatch(allowed, origin, false)) &&
      rule.allowedMethods.includes(method) &&
      requestedHeaders.every((header) =>
        rule.allowedHeaders.some((allowed) => wildcardMatch(allowed, header, true)),
      ),
  );
}

/** The `Access-Control-*` headers of an actual (non-preflight) response allowed by a rule. */
export function actualResponseHeaders(rule: CorsRule, origin: string): Record<string, string> {
  const anyOrigin = rule.allowedOrigins.includes('*');
  const headers: Record<string, string> = {
    'access-control-allow-origin': anyOrigin ? '*' : origin,
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
  // S3 allows credentials whenever it echoes a specific origin.
  if (!anyOrigin) headers['access-control-allow-credentials'] = 'true';
  if (rule.exposedHeaders.length > 0)
    headers['access-control-expose-headers'] = rule.exposedHeaders.join(', ');
  if (rule.maxAgeSeconds !== undefined) headers['access-control-max-age'] = String(rule.maxAgeSeconds);
  return headers;
}

/** The headers of a successful preflight: as an actual response, plus the requested headers allowed. */
export function preflightHeaders(
  rule: CorsRule,
  origin: string,
  requestedHeaders: readonly string[],
): Record<string, string> {
  const headers = actualResponseHeaders(rule, origin);
  if (requestedHeaders.length > 0) headers['access-control-allow-headers'] = requestedHeaders.join(', ');
  return headers;
}

/** `Access-Control-Request-Headers` as a list of lowercase names. */
export function requestedHeadersOf(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  const star = p.indexOf('*');
  if (star < 0) return p === v;
  const head = p.slice(0, star);
  const tail = p.slice(star + 1);
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
}
