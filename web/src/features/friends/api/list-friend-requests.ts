import type { OutputOf } from '@lambdagram/functions/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { type Session, useSession } from '../../../lib/session';

export type FriendRequests = OutputOf<'listFriendRequests'>;

export function listFriendRequests(invoke: Session['invoke'], signal?: AbortSignal): Promise<FriendRequests> {
  return invoke('listFriendRequests', {}, { signal });
}

export function friendRequestsQueryOptions(invoke: Session['invoke']) {
  return queryOptions({
    queryKey: queryKeys.friendRequests.all,
    queryFn: ({ signal }) => listFriendRequests(invoke, signal),
  });
}

/** The requests others sent the caller (`incoming`) and the ones the caller sent (`outgoing`). */
export function useFriendRequests() {
  const { invoke } = useSession();
  return useQuery(friendRequestsQueryOptions(invoke));
}
