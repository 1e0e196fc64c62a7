import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { ownPhoto } from './photo-access.js';
import { deleteObject } from './photo-objects.js';
import { deletePhotoItem } from './photos-table.js';

/**
 * The owner deletes a photo: every published size and the original first, then the item (so that a
 * failure halfway leaves an item to delete again, never stray objects). The feeds follow through
 * the table's stream.
 */
export const handler = defineFunction(contracts.deletePhoto, async ({ photoId }, context) => {
  const photo = await ownPhoto(await requireUser(context), photoId);
  const keys = [...photo.sizes.map((size) => size.key), photo.originalKey];
  await Promise.all(keys.map((key) => deleteObject(key)));
  await deletePhotoItem(photo);
  return { deleted: true as const };
});
