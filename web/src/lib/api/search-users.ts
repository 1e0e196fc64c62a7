import type { OutputOf } from '@lambdagram/functions/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { type Session, useSession } from '../session';

export type FoundUser = OutputOf<'searchUsers'>['users'][number];

/** What `searchUsers` accepts as a prefix: 1 to 30 letters, digits or underscores. */
export const SEARCH_PREFIX = /^[A-Za-z0-9_]{1,30}$/;

export function searchUsers(
  invoke: Session['invoke'],
  prefix: string,
  limit: number,
  signal?: AbortSignal,
): Promise<OutputOf<'searchUsers'>> {
  return invoke('searchUsers', { prefix, limit }, { signal });
}

export function searchUsersQueryOptions(invoke: Session['invoke'], prefix: string, limit = 10) {
  return queryOptions({
    queryKey: [...queryKeys.userSearch.prefix(prefix), limit] as const,
    queryFn: ({ signal }) => searchUsers(invoke, prefix, limit, signal),
    enabled: SEARCH_PREFIX.test(prefix),
  });
}

/** Users whose name starts with `prefix` (any case), each with their relationship to the caller. */
export function useSearchUsers(prefix: string, { limit = 10 }: { limit?: number } = {}) {
  const { invoke } = useSession();
  return useQuery({ ...searchUsersQueryOptions(invoke, prefix, limit), placeholderData: keepPreviousData });
}

/**
 * The caller's relationship to one user, found by searching for their exact name (any case; it
 * sorts first among the names it begins):
 * `undefined` while loading or when nobody has that name.
 */
export function useRelationshipWith(username: string, { enabled = true }: { enabled?: boolean } = {}) {
  const { invoke } = useSession();
  const query = useQuery({
    ...searchUsersQueryOptions(invoke, username, 5),
    enabled: enabled && SEARCH_PREFIX.test(username),
  });
  const user = query.data?.users.find((found) => found.username.toLowerCase() === username.toLowerCase());
  return { ...query, user };
}
