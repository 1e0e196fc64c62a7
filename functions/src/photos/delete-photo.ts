import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { contracts } from '#contracts/index.js';
import { s3 } from '#shared/aws-clients.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { setting } from '#shared/environment.js';
import { ownPhoto } from './photo-access.js';
import { deletePhotoItem } from './photos-table.js';

/**
 * The owner deletes a photo: every published size and the original first, then the item (so that a
 * failure halfway leaves an item to delete again, never stray objects). The feeds follow through
 * the table's stream.
 */
export const handler = defineFunction(contracts.deletePhoto, async ({ photoId }, context) => {
  const photo = await ownPhoto(await requireUser(context), photoId);
  const keys = [...photo.sizes.map((size) => size.key), photo.originalKey];
  await Promise.all(
    keys.map((Key) => s3().send(new DeleteObjectCommand({ Bucket: setting('PHOTOS_BUCKET'), Key }))),
  );
  await deletePhotoItem(photo);
  return { deleted: true as const };
});
