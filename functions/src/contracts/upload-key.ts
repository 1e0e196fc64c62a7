// The upload key and metadata: the agreement between the browser, which writes an original into
// the photos bucket, and `processUpload`, which S3 tells about it. This module imports nothing, so
// the web app bundles these few lines (`@lambdagram/functions/contracts/upload-key`) and not the
// contracts' schemas (zod).

/**
 * `uploads/<identity id>/<photo id>`: where the browser puts an original. The authenticated role may
 * write only under its own identity's prefix, so the prefix says who uploaded it.
 */
export const originalKeyOf = (identityId: string, photoId: string) => `uploads/${identityId}/${photoId}`;

const IDENTITY_ID = /^[a-z]{2}(?:-[a-z]+)+-\d:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PHOTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface UploadKey {
  identityId: string;
  photoId: string;
}

/**
 * The uploader's identity and the photo id of an original's key, or undefined for any key that is
 * not exactly `uploads/<identity id>/<lower-case uuid>` (a nested path, a file name, a bad id).
 *
 * @example
 * parseUploadKey('uploads/us-east-1:0b4c…/5f0e…') // { identityId: 'us-east-1:0b4c…', photoId: '5f0e…' }
 */
export function parseUploadKey(key: string): UploadKey | undefined {
  const parts = key.split('/');
  if (parts.length !== 3 || parts[0] !== 'uploads') return undefined;
  const [, identityId = '', photoId = ''] = parts;
  if (!IDENTITY_ID.test(identityId) || !PHOTO_ID.test(photoId)) return undefined;
  return { identityId, photoId };
}

/**
 * The S3 user metadata an original carries: its caption, URI-encoded because metadata travels in
 * HTTP headers, and its visibility (S3 lower-cases the names; these are lower case already).
 *
 * @example
 * uploadMetadataOf(' Café ', 'friends') // { caption: 'Caf%C3%A9', visibility: 'friends' }
 */
export function uploadMetadataOf(caption: string, visibility: string): Record<string, string> {
  return { caption: encodeURIComponent(caption.trim()), visibility };
}

/** The caption as `uploadMetadataOf` received it; a caption that is not valid URI encoding is kept as sent. */
export function decodeUploadCaption(sent: string): string {
  try {
    return decodeURIComponent(sent);
  } catch {
    // Not URI-encoded after all: keep the text as it came.
    return sent;
  }
}
