import { visibility as visibilitySchema } from '#contracts/common.js';
import { type UploadMetadata, uploadMetadata } from '#contracts/photos.js';
import { decodeUploadCaption } from '#contracts/upload-key.js';

const CAPTION_MAX = 2200;

/**
 * The caption and visibility the browser put on an original (S3 user metadata, whose names S3
 * lower-cases; the caption is URI-encoded because metadata travels in HTTP headers). Never fails:
 * a caption that is not valid URI encoding is kept as sent, one that is too long is cut, a missing
 * visibility takes the contract's default and an unknown one becomes `private` (never more visible
 * than the uploader could have meant).
 */
export function decodeUploadMetadata(metadata: Record<string, string | undefined> = {}): UploadMetadata {
  let caption = decodeUploadCaption(metadata.caption ?? '');
  caption = Array.from(caption.trim()).slice(0, CAPTION_MAX).join('').trim();
  const sent = metadata.visibility?.trim().toLowerCase();
  const visibility =
    sent === undefined || sent === '' ? undefined : (visibilitySchema.safeParse(sent).data ?? 'private');
  return uploadMetadata.parse({ caption, visibility });
}
