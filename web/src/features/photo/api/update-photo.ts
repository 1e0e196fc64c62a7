import type { InputOf, OutputOf } from '@lambdagram/functions/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { photoChanged } from '../../../lib/api/photo-lists';
import { queryKeys } from '../../../lib/query-keys';
import { type Session, useSession } from '../../../lib/session';

export type PhotoChanges = InputOf<'updatePhoto'>;

export function updatePhoto(
  invoke: Session['invoke'],
  changes: PhotoChanges,
): Promise<OutputOf<'updatePhoto'>> {
  return invoke('updatePhoto', changes);
}

/** Changes a photo's caption or visibility (its owner only); every list showing it is fetched again. */
export function useUpdatePhoto() {
  const { invoke } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: PhotoChanges) => updatePhoto(invoke, changes),
    onSuccess: (photo) => {
      queryClient.setQueryData(queryKeys.photos.one(photo.photoId), photo);
      photoChanged(queryClient, photo);
    },
  });
}
