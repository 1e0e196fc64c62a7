import type { OutputOf } from '@lambdagram/functions/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../query-keys';
import { type Session, useSession } from '../session';

export type Photo = OutputOf<'getPhoto'>;

/** One photo as the caller may see it (to its uploader, `processing` until processUpload is done). */
export function getPhoto(invoke: Session['invoke'], photoId: string, signal?: AbortSignal): Promise<Photo> {
  return invoke('getPhoto', { photoId }, { signal });
}

export function photoQueryOptions(invoke: Session['invoke'], photoId: string) {
  return queryOptions({
    queryKey: queryKeys.photos.one(photoId),
    queryFn: ({ signal }) => getPhoto(invoke, photoId, signal),
  });
}

export interface UsePhotoOptions {
  /** Ask again every this many ms while the photo is being processed. */
  pollWhileProcessingMs?: number;
  enabled?: boolean;
}

/** Used by the photo page and by the upload screen (to learn when processing is done). */
export function usePhoto(photoId: string, { pollWhileProcessingMs, enabled = true }: UsePhotoOptions = {}) {
  const { invoke } = useSession();
  return useQuery({
    ...photoQueryOptions(invoke, photoId),
    enabled,
    refetchInterval: (query) =>
      pollWhileProcessingMs && query.state.data?.status === 'processing' ? pollWhileProcessingMs : false,
  });
}
