import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PhotoView } from '#contracts/common.js';
import { s3 } from './aws-clients.js';
import { setting } from './environment.js';
import type { PhotoItem, StoredSize } from './photo-items.js';

/** URLs are signed as of the start of their window and live two windows: at least one hour each. */
const URL_WINDOW_SECONDS = 3600;

/** Presigned URLs of the current window, by signing key id and object key (see `imageUrl`). */
const signedUrls = new Map<string, string>();
let signedUrlsWindow = -1;
/** Enough for a few hundred feed pages; beyond that the cache starts again rather than grow. */
const MAX_SIGNED_URLS = 10_000;

/**
 * The presigned GET URL of a published size. Signed as of the start of the current hour, the same
 * key gives the same URL all hour long, so the browser's cache keeps working across page loads; and
 * the execution environment keeps the URLs it signed this hour (presigning through the SDK's
 * middleware costs a fraction of a millisecond each, and a feed page has dozens).
 */
export async function imageUrl(key: string, now = Date.now()): Promise<string> {
  const windowStart = Math.floor(now / 1000 / URL_WINDOW_SECONDS) * URL_WINDOW_SECONDS;
  if (windowStart !== signedUrlsWindow || signedUrls.size >= MAX_SIGNED_URLS) {
    signedUrls.clear();
    signedUrlsWindow = windowStart;
  }
  // Credentials rotate with the function's role session: a URL is only reused with the same key.
  const { accessKeyId } = await s3().config.credentials();
  const cacheKey = `${accessKeyId}\n${key}`;
  const cached = signedUrls.get(cacheKey);
  if (cached) return cached;
  const url = await getSignedUrl(s3(), new GetObjectCommand({ Bucket: setting('PHOTOS_BUCKET'), Key: key }), {
    signingDate: new Date(windowStart * 1000),
    expiresIn: 2 * URL_WINDOW_SECONDS,
  });
  signedUrls.set(cacheKey, url);
  return url;
}

/** The fields of a photo (or of a feed entry, which copies them) that a view is made of. */
export type PhotoFields = Pick<
  PhotoItem,
  'photoId' | 'ownerId' | 'ownerUsername' | 'caption' | 'visibility' | 'status' | 'createdAt' | 'sizes'
> &
  Partial<Pick<PhotoItem, 'width' | 'height' | 'placeholder' | 'failureReason'>>;

/** A photo as the contract shows it, with presigned URLs, smallest size first. Call only after `maySee`. */
export async function photoViewOf(
  photo: PhotoFields,
  options: { showFailure?: boolean } = {},
): Promise<PhotoView> {
  const sizes: StoredSize[] = [...(photo.sizes ?? [])].sort((a, b) => a.width - b.width);
  return {
    photoId: photo.photoId,
    status: photo.status,
    owner: { userId: photo.ownerId, username: photo.ownerUsername },
    caption: photo.caption,
    visibility: photo.visibility,
    createdAt: photo.createdAt,
    width: photo.width,
    height: photo.height,
    placeholder: photo.placeholder,
    images: await Promise.all(
      sizes.map(async (size) => ({ width: size.width, height: size.height, url: await imageUrl(size.key) })),
    ),
    failureReason: options.showFailure ? photo.failureReason : undefined,
  };
}
