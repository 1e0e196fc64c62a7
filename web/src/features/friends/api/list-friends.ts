import type { OutputOf } from '@lambdagram/functions/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { type Session, useSession } from '../../../lib/session';

export type FriendsPage = OutputOf<'listFriends'>;

export function listFriends(
  invoke: Session['invoke'],
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<FriendsPage> {
  return invoke('listFriends', { limit: 50, ...(cursor ? { cursor } : {}) }, { signal });
}

export function friendsQueryOptions(invoke: Session['invoke']) {
  return infiniteQueryOptions({
    queryKey: queryKeys.friends.all,
    queryFn: ({ pageParam, signal }) => listFriends(invoke, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
}

export function useFriends() {
  const { invoke } = useSession();
  return useInfiniteQuery(friendsQueryOptions(invoke));
}
