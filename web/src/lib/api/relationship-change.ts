import type { OutputOf, Relationship } from '@lambdagram/functions/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys, RELATIONSHIP_VIEWS } from '../query-keys';
import { type Session, useSession } from '../session';
import { FAN_OUT_SETTLE_MS } from './photo-lists';

type SearchResult = OutputOf<'searchUsers'>;

/**
 * A mutation that changes the caller's relationship to one user (the friend requests and
 * `removeFriend`): search results show the new relationship at once, and everything a
 * relationship decides is fetched again — also after a refusal, which usually means it had changed.
 */
export function useRelationshipChange<V extends { userId: string }>(
  change: (invoke: Session['invoke'], variables: V) => Promise<{ relationship: Relationship }>,
) {
  const { invoke } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: V) => change(invoke, variables),
    onSuccess: ({ relationship }, { userId }) => {
      queryClient.setQueriesData<SearchResult>({ queryKey: queryKeys.userSearch.all }, (result) =>
        result
          ? { users: result.users.map((user) => (user.userId === userId ? { ...user, relationship } : user)) }
          : result,
      );
    },
    onSettled: () => {
      // fanOut adds a new friend's recent photos to the feed (or takes them out) a moment later.
      setTimeout(
        () => void queryClient.invalidateQueries({ queryKey: queryKeys.feed.all }),
        FAN_OUT_SETTLE_MS,
      );
      return Promise.all(RELATIONSHIP_VIEWS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
