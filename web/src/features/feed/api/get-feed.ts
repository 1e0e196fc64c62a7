import type { OutputOf } from '@lambdagram/functions/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { type Session, useSession } from '../../../lib/session';

export type FeedPage = OutputOf<'getFeed'>;

/** A screenful on a phone, two on a desktop; the next page is asked for before the end shows. */
export const FEED_PAGE_SIZE = 12;

export function getFeed(
  invoke: Session['invoke'],
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<FeedPage> {
  return invoke('getFeed', { limit: FEED_PAGE_SIZE, ...(cursor ? { cursor } : {}) }, { signal });
}

export function feedQueryOptions(invoke: Session['invoke']) {
  return infiniteQueryOptions({
    queryKey: queryKeys.feed.all,
    queryFn: ({ pageParam, signal }) => getFeed(invoke, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The caller's feed (their friends' photos and their own), newest first, page by page. */
export function useFeed() {
  const { invoke } = useSession();
  return useInfiniteQuery(feedQueryOptions(invoke));
}
