import type { PhotoView } from '#contracts/common.js';
import type { Relationship } from '#contracts/friends.js';
import { originalKeyOf } from '#contracts/upload-key.js';
import { ForbiddenError, NotFoundError } from '#shared/errors.js';
import { maySee, type PhotoItem } from '#shared/photo-items.js';
import { relationshipOf } from '#shared/relationships.js';
import type { UserProfile } from '#shared/users.js';
import { headObject } from './photo-objects.js';
import { getPhotoItem } from './photos-table.js';
import { decodeUploadMetadata } from './upload-metadata.js';

/**
 * Said of a photo that does not exist and of one the caller may not see alike: whether a private
 * or friends-only photo exists is nobody else's business.
 */
export const photoNotFound = () => new NotFoundError('This photo does not exist or is not shared with you.');

/** How the caller stands with a photo's owner; a guest is nobody's friend. */
export async function viewerOf(caller: UserProfile | undefined, ownerId: string): Promise<Relationship> {
  return caller ? relationshipOf(caller.userId, ownerId) : 'none';
}

/**
 * The caller's own photo, to change or delete. A photo they may not see is not found; one they may
 * see (a friend's, a public one) but do not own is forbidden.
 */
export async function ownPhoto(caller: UserProfile, photoId: string): Promise<PhotoItem> {
  const photo = await getPhotoItem(photoId);
  if (!photo) throw photoNotFound();
  const viewer = await viewerOf(caller, photo.ownerId);
  if (!maySee(photo, viewer)) throw photoNotFound();
  if (viewer !== 'self')
    throw new ForbiddenError('Only the person who posted this photo can change or delete it.');
  return photo;
}

/**
 * The "processing" view of an upload the caller made that has no photo item yet: their original is
 * under their own prefix. Undefined when there is no such upload.
 */
export async function processingViewOf(caller: UserProfile, photoId: string): Promise<PhotoView | undefined> {
  if (!caller.identityId) return undefined;
  const head = await headObject(originalKeyOf(caller.identityId, photoId));
  if (!head) return undefined;
  const { caption, visibility } = decodeUploadMetadata(head.Metadata);
  return {
    photoId,
    status: 'processing',
    owner: { userId: caller.userId, username: caller.username },
    caption,
    visibility,
    createdAt: (head.LastModified ?? new Date()).toISOString(),
    images: [],
  };
}
