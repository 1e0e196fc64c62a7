import type { OutputOf } from '@lambdagram/functions/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { photoDeleted } from '../../../lib/api/photo-lists';
import { queryKeys } from '../../../lib/query-keys';
import { type Session, useSession } from '../../../lib/session';

export function deletePhoto(invoke: Session['invoke'], photoId: string): Promise<OutputOf<'deletePhoto'>> {
  return invoke('deletePhoto', { photoId });
}

/** Deletes a photo (its owner only) and drops it from every list. */
export function useDeletePhoto() {
  const { invoke } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (photoId: string) => deletePhoto(invoke, photoId),
    onSuccess: (_, photoId) => {
      queryClient.removeQueries({ queryKey: queryKeys.photos.one(photoId) });
      photoDeleted(queryClient, photoId);
    },
  });
}
