import type { PhotoPage } from '@lambdagram/functions/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { type Session, useSession } from '../../../lib/session';

export const PUBLIC_PAGE_SIZE = 24;

/** One page of everyone's public photos, newest first. */
export function listPublicPhotos(
  invoke: Session['invoke'],
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<PhotoPage> {
  return invoke('listPublicPhotos', { limit: PUBLIC_PAGE_SIZE, ...(cursor ? { cursor } : {}) }, { signal });
}

export function publicPhotosQueryOptions(invoke: Session['invoke']) {
  return infiniteQueryOptions({
    queryKey: queryKeys.publicPhotos.all,
    queryFn: ({ pageParam, signal }) => listPublicPhotos(invoke, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** Public photos page by page (guests too); `fetchNextPage` follows the cursor. */
export function usePublicPhotos() {
  const { invoke } = useSession();
  return useInfiniteQuery(publicPhotosQueryOptions(invoke));
}
