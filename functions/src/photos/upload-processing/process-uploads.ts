import { MAX_UPLOAD_BYTES } from '#contracts/photos.js';
import { parseUploadKey } from '#contracts/upload-key.js';
import { accountOfIdentity } from '#shared/caller.js';
import { setting } from '#shared/environment.js';
import type { PhotoItem, StoredSize } from '#shared/photo-items.js';
import { ImageRejectedError } from '../images/image-errors.js';
import { type ProcessedImage, processImage } from '../images/process-image.js';
import { deleteObject, headObject, putSize, readObject, sizeKeyOf } from '../photo-objects.js';
import { getPhotoItem, putNewPhoto } from '../photos-table.js';
import { decodeUploadMetadata } from '../upload-metadata.js';
import { bareETag, type ObjectCreated, objectsCreatedIn } from './upload-events.js';

/** What became of one upload, for the one log line it gets. */
type Outcome =
  | 'ready'
  | 'failed'
  | 'duplicate'
  | 'photo-id-taken'
  | 'already-published'
  | 'gone'
  | 'changed-meanwhile'
  | 'no-account'
  | 'bad-key'
  | 'other-bucket';

interface Summary {
  outcome: Outcome;
  photoId?: string;
  identityId?: string;
  ownerId?: string;
  reason?: string;
  bytes?: number;
  sizes?: number[];
}

const TOO_LARGE_MESSAGE = `This file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Upload a smaller one.`;

/**
 * Handles an S3 notification: every object-created record in turn (one at a time: each may hold a
 * 25 MB original and its decoded pixels). Records that cannot succeed (a bad key, a refused image)
 * are settled for good; an unexpected error (S3 or DynamoDB unavailable) is thrown after the other
 * records were handled, so that Lambda retries the event, which is safe as handling is idempotent.
 */
export async function processUploads(event: unknown): Promise<void> {
  const uploads = objectsCreatedIn(event, (why) => console.log(JSON.stringify({ outcome: 'skipped', why })));
  const errors: unknown[] = [];
  for (const upload of uploads) {
    const started = Date.now();
    try {
      const summary = await processUpload(upload);
      // One line per upload, ids only: captions and names stay out of the log.
      console.log(JSON.stringify({ ...summary, ms: Date.now() - started }));
    } catch (error) {
      console.error(JSON.stringify({ outcome: 'error', key: upload.key, ms: Date.now() - started }), error);
      errors.push(error);
    }
  }
  if (errors.length > 0) {
    throw new AggregateError(errors, `${errors.length} of ${uploads.length} uploads could not be processed`);
  }
}

/** One original: published as a photo, recorded as failed, or recognised as already handled. */
export async function processUpload(upload: ObjectCreated): Promise<Summary> {
  const bucket = setting('PHOTOS_BUCKET');
  if (upload.bucket !== bucket) return { outcome: 'other-bucket' };
  const parsed = parseUploadKey(upload.key);
  if (!parsed) {
    // Nothing outside the layout can ever become a photo; it would only take up space.
    if (upload.key.startsWith('uploads/')) await deleteObject(upload.key);
    return { outcome: 'bad-key' };
  }
  const { identityId, photoId } = parsed;
  const ids = { photoId, identityId };

  const existing = await getPhotoItem(photoId);
  if (existing) return { ...ids, ...(await settleExisting(existing, upload.key)) };

  const head = await headObject(upload.key);
  if (!head) return { ...ids, outcome: 'gone' };
  const owner = await accountOfIdentity(identityId);
  if (!owner) {
    // Only signed-in users can write here; an identity with no account left has nobody to show it to.
    await deleteObject(upload.key);
    return { ...ids, outcome: 'no-account' };
  }
  const etag = bareETag(head.ETag) ?? '';
  const metadata = decodeUploadMetadata(head.Metadata);
  const base = {
    photoId,
    ownerId: owner.userId,
    ownerUsername: owner.username,
    ownerIdentityId: identityId,
    caption: metadata.caption,
    createdAt: createdAtOf(upload),
    originalKey: upload.key,
    uploadETag: etag,
  };
  const refuse = async (reason: string, message: string): Promise<Summary> => {
    const failed: PhotoItem = {
      ...base,
      visibility: 'private',
      status: 'failed',
      failureReason: message,
      sizes: [],
    };
    const winner = (await putNewPhoto(failed)) ? undefined : await getPhotoItem(photoId);
    // Keep the bytes only if they are, after all, the original of a published photo.
    if (!(winner?.status === 'ready' && winner.originalKey === upload.key)) await deleteObject(upload.key);
    const outcome = winner ? outcomeOfLostRace(winner, upload.key, etag) : 'failed';
    return { ...ids, ownerId: owner.userId, outcome, reason, bytes: head.ContentLength };
  };

  // Refused on its declared size, without reading it.
  if ((head.ContentLength ?? 0) > MAX_UPLOAD_BYTES) return refuse('too-large', TOO_LARGE_MESSAGE);
  const bytes = await readObject(upload.key, head.ETag);
  if (!bytes) return { ...ids, outcome: 'changed-meanwhile' };
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return refuse('too-large', TOO_LARGE_MESSAGE);

  let image: ProcessedImage;
  try {
    image = await processImage(bytes);
  } catch (error) {
    if (error instanceof ImageRejectedError) return refuse(error.reason, error.message);
    throw error;
  }

  const sizes = await Promise.all(
    image.variants.map(async (variant): Promise<StoredSize> => {
      const key = sizeKeyOf(photoId, variant.width);
      await putSize(key, variant.body, variant.contentType);
      return { width: variant.width, height: variant.height, key };
    }),
  );
  const ready: PhotoItem = {
    ...base,
    visibility: metadata.visibility,
    status: 'ready',
    width: image.width,
    height: image.height,
    sizes,
    placeholder: image.placeholder,
  };
  const outcome = (await putNewPhoto(ready))
    ? 'ready'
    : outcomeOfLostRace(await getPhotoItem(photoId), upload.key, etag);
  // Somebody else's photo took the id meanwhile: this original can never be published.
  if (outcome === 'photo-id-taken') await deleteObject(upload.key);
  return {
    ...ids,
    ownerId: owner.userId,
    outcome,
    bytes: bytes.byteLength,
    sizes: sizes.map((size) => size.width),
  };
}

/**
 * An event for a photo id that already has an item: the same original again (a duplicate event, or
 * the owner writing the same key again) changes nothing; a refused original that is back is deleted
 * again; somebody else's original claiming a taken id is deleted, never published over the photo.
 */
async function settleExisting(photo: PhotoItem, key: string): Promise<Pick<Summary, 'outcome' | 'ownerId'>> {
  if (photo.originalKey !== key) {
    await deleteObject(key);
    return { outcome: 'photo-id-taken' };
  }
  if (photo.status === 'failed') await deleteObject(key);
  const head = photo.status === 'ready' ? await headObject(key) : undefined;
  const sameBytes = !head || bareETag(head.ETag) === photo.uploadETag;
  return { outcome: sameBytes ? 'duplicate' : 'already-published', ownerId: photo.ownerId };
}

/** Another invocation wrote the item first: the same upload (a concurrent duplicate) or another's. */
function outcomeOfLostRace(winner: PhotoItem | undefined, key: string, etag: string): Outcome {
  if (winner?.originalKey !== key) return 'photo-id-taken';
  return winner.uploadETag === etag ? 'duplicate' : 'already-published';
}

/** When the upload happened (S3's event time), so that every delivery of it agrees. */
function createdAtOf(upload: ObjectCreated): string {
  const time = upload.eventTime ? new Date(upload.eventTime) : new Date();
  return Number.isNaN(time.getTime()) ? new Date().toISOString() : time.toISOString();
}
