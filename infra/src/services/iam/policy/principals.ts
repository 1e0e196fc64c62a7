import type { RequestPrincipal } from './types.js';

/**
 * The Principal element of a resource-based policy. A match is `direct` when the statement names the
 * caller (or everyone), `account` when it names the caller's account, which in IAM delegates the
 * decision to the account's own identity-based policies rather than granting by itself.
 */
export type PrincipalMatch = 'direct' | 'account' | undefined;

export type PrincipalMatcher = (principal: RequestPrincipal) => PrincipalMatch;

type Entry =
  | { kind: 'everyone' }
  | { kind: 'account'; accountId: string }
  | { kind: 'role'; arn: string; accountId: string; name: string }
  | { kind: 'arn'; arn: string }
  | { kind: 'service'; service: string }
  | { kind: 'never' };

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:[\w-]+:iam::(\d{12}):root$/;
const ROLE_ARN = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
// Wildcards are refused in principal ARNs: only "*" on its own stands for everyone.
const IAM_ARN = /^arn:[\w-]+:(?:iam|sts)::\d{12}:[^\s*?]+$/;

/** Why a Principal value is not one IAM takes; undefined when it is. */
export function principalProblem(value: unknown): string | undefined {
  if (value === '*') return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'Principal must be "*" or a mapping of AWS, Service, Federated or CanonicalUser to names';
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return 'Principal names no principal';
  for (const [type, names] of entries) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) {
      return `Principal type ${type} is not known`;
    }
    const list = Array.isArray(names) ? names : [names];
    if (list.length === 0 || !list.every((name) => typeof name === 'string' && name !== '')) {
      return `Principal ${type} must be a name or a list of names`;
    }
    const invalid =
      type === 'AWS' && list.find((name) => name !== '*' && !ACCOUNT_ID.test(name) && !IAM_ARN.test(name));
    if (invalid) return `Invalid principal in policy: "AWS":"${invalid}"`;
  }
  return undefined;
}

/** Compiles a checked Principal (or NotPrincipal) value. */
export function compilePrincipal(value: unknown, negated: boolean): PrincipalMatcher {
  const entries =
    value === '*' ? [{ kind: 'everyone' } as const] : entriesOf(value as Record<string, unknown>);
  const match = (principal: RequestPrincipal): PrincipalMatch => {
    let best: PrincipalMatch;
    for (const entry of entries) {
      const found = matchEntry(entry, principal);
      if (found === 'direct') return found;
      best ??= found;
    }
    return best;
  };
  // NotPrincipal applies to everyone it does not name, the caller's account included.
  return negated ? (principal) => (match(principal) === undefined ? 'direct' : undefined) : match;
}

function entriesOf(value: Record<string, unknown>): Entry[] {
  return Object.entries(value).flatMap(([type, names]) =>
    (Array.isArray(names) ? names : [names]).map((name) => entryOf(type, String(name))),
  );
}

function entryOf(type: string, name: string): Entry {
  if (type === 'Service') return { kind: 'service', service: name.toLowerCase() };
  if (type !== 'AWS') return { kind: 'never' }; // federated users and canonical ids never call the local cloud
  if (name === '*') return { kind: 'everyone' };
  const accountId = ACCOUNT_ID.test(name) ? name : ROOT_ARN.exec(name)?.[1];
  if (accountId) return { kind: 'account', accountId };
  const role = ROLE_ARN.exec(name);
  if (role) {
    return { kind: 'role', arn: name, accountId: role[1] as string, name: (role[2] as string).toLowerCase() };
  }
  return { kind: 'arn', arn: name };
}

function matchEntry(entry: Entry, principal: RequestPrincipal): PrincipalMatch {
  switch (entry.kind) {
    case 'everyone':
      return 'direct';
    case 'service':
      return principal.type === 'Service' && principal.service?.toLowerCase() === entry.service
        ? 'direct'
        : undefined;
    case 'account':
      return principal.type !== 'Service' && principal.accountId === entry.accountId ? 'account' : undefined;
    case 'role':
      return principal.type === 'AssumedRole' && sessionOf(entry, principal) ? 'direct' : undefined;
    case 'arn':
      return principal.type !== 'Service' && principal.arn === entry.arn ? 'direct' : undefined;
    case 'never':
      return undefined;
  }
}

/**
 * A role named in a policy covers its sessions. IAM knows which role a session belongs to; the local
 * cloud does when the request carries `roleArn`, else it goes by account and role name (role names are
 * unique in an account, case-insensitively), since a session ARN drops the role's path.
 */
function sessionOf(role: Extract<Entry, { kind: 'role' }>, principal: RequestPrincipal): boolean {
  if (principal.roleArn !== undefined) return principal.roleArn === role.arn;
  const session = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principal.arn);
  return session?.[1] === role.accountId && session[2]?.toLowerCase() === role.name;
}
