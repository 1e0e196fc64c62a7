import type { OutputOf } from '@lambdagram/functions/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { type Session, useSession } from '../../../lib/session';

export type UserPhotosPage = OutputOf<'listUserPhotos'>;

export const USER_PHOTOS_PAGE_SIZE = 24;

export function listUserPhotos(
  invoke: Session['invoke'],
  username: string,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<UserPhotosPage> {
  return invoke(
    'listUserPhotos',
    { username, limit: USER_PHOTOS_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
    { signal },
  );
}

export function userPhotosQueryOptions(invoke: Session['invoke'], username: string) {
  return infiniteQueryOptions({
    queryKey: queryKeys.userPhotos.of(username),
    queryFn: ({ pageParam, signal }) => listUserPhotos(invoke, username, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** A user's photos as the caller may see them (all of their own; a friend's public and friends-only). */
export function useUserPhotos(username: string) {
  const { invoke } = useSession();
  return useInfiniteQuery(userPhotosQueryOptions(invoke, username));
}
