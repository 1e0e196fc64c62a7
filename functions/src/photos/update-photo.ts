import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { ConflictError } from '#shared/errors.js';
import { photoViewOf } from '#shared/photo-views.js';
import { ownPhoto, photoNotFound } from './photo-access.js';
import { updatePhotoDetails } from './photos-table.js';

/** The owner changes a photo's caption or visibility; the feeds follow through the table's stream. */
export const handler = defineFunction(
  contracts.updatePhoto,
  async ({ photoId, caption, visibility }, context) => {
    const photo = await ownPhoto(await requireUser(context), photoId);
    if (photo.status !== 'ready') {
      throw new ConflictError(
        'This upload could not be published, so it cannot be edited. Delete it and upload again.',
      );
    }
    const updated = await updatePhotoDetails(photo, { caption, visibility });
    // Deleted (or otherwise changed) between the read and the write.
    if (!updated) throw photoNotFound();
    return photoViewOf(updated, { showFailure: true });
  },
);
