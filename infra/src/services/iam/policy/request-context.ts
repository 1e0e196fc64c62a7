import type { KeyValue, Lookup } from './policy-string.js';
import type { AuthorizationRequest, ContextValue, RequestPrincipal } from './types.js';

const PRINCIPAL_KEYS = [
  'aws:userid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:principalservicename',
  'aws:principalisawsservice',
];

/**
 * The condition keys of a request by lower-case name (IAM reads key names case-insensitively), with
 * the keys AWS derives from the principal of every signed request unless the request gives them.
 * Numbers and booleans become the strings IAM compares.
 */
export function requestContext(request: AuthorizationRequest): Map<string, KeyValue> {
  const keys = givenKeys(request.context);
  for (const name of PRINCIPAL_KEYS) {
    const value = keys.has(name) ? undefined : principalKey(request.principal, name);
    if (value !== undefined) keys.set(name, value);
  }
  return keys;
}

/** A lookup that reads the request's keys only when a condition or variable first asks for one. */
export function lazyLookup(request: AuthorizationRequest): Lookup {
  let keys: Map<string, KeyValue> | undefined;
  return (name) => {
    keys ??= givenKeys(request.context);
    return keys.get(name) ?? principalKey(request.principal, name);
  };
}

function givenKeys(context: Record<string, ContextValue>): Map<string, KeyValue> {
  const keys = new Map<string, KeyValue>();
  for (const name in context) {
    const value = context[name];
    if (value === undefined) continue;
    keys.set(lowerCase(name), typeof value === 'string' || typeof value === 'object' ? value : String(value));
  }
  return keys;
}

/** The keys AWS sets from the principal; for a role session aws:PrincipalArn is the role's ARN, not the session's. */
function principalKey(principal: RequestPrincipal, name: string): string | undefined {
  const service = principal.type === 'Service';
  switch (name) {
    case 'aws:userid':
      return principal.type === 'Root'
        ? (principal.userId ?? principal.accountId)
        : service
          ? undefined
          : principal.userId;
    case 'aws:principalarn':
      return principal.type === 'Root' ? principal.arn : service ? undefined : principal.roleArn;
    case 'aws:principalaccount':
      return service ? undefined : principal.accountId;
    case 'aws:principaltype':
      return principal.type === 'Root' ? 'Account' : service ? undefined : 'AssumedRole';
    case 'aws:principalservicename':
      return service ? principal.service : undefined;
    case 'aws:principalisawsservice':
      return service ? 'true' : 'false';
    default:
      return undefined;
  }
}

/** Key names repeat from request to request: their lower-case forms are kept rather than recomputed. */
const lowerCaseNames = new Map<string, string>();

function lowerCase(name: string): string {
  let lower = lowerCaseNames.get(name);
  if (lower === undefined) {
    if (lowerCaseNames.size >= 1024) lowerCaseNames.clear();
    lower = name.toLowerCase();
    lowerCaseNames.set(name, lower);
  }
  return lower;
}
