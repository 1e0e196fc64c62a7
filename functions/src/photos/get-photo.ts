import { contracts } from '#contracts/index.js';
import { findUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { maySee } from '#shared/photo-items.js';
import { photoViewOf } from '#shared/photo-views.js';
import { photoNotFound, processingViewOf, viewerOf } from './photo-access.js';
import { getPhotoItem } from './photos-table.js';

/**
 * One photo, if the caller may see it (guests: ready public photos). A photo they may not see is
 * "not found", exactly like one that does not exist. Before processing has written the photo, its
 * uploader (and only they) learns that it is being processed.
 */
export const handler = defineFunction(contracts.getPhoto, async ({ photoId }, context) => {
  const caller = await findUser(context);
  const photo = await getPhotoItem(photoId);
  if (photo) {
    const viewer = await viewerOf(caller, photo.ownerId);
    if (maySee(photo, viewer)) return photoViewOf(photo, { showFailure: viewer === 'self' });
  } else if (caller) {
    const processing = await processingViewOf(caller, photoId);
    if (processing) return processing;
  }
  throw photoNotFound();
});
