import { uploadMetadataOf } from '@lambdagram/functions/contracts/upload-key';
import {
  MAX_CAPTION_LENGTH,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_METADATA_BYTES,
  UPLOAD_CONTENT_TYPES,
  type UploadContentType,
} from '../../lib/upload-limits';

/** What the checks need of a `File` (tests pass plain objects). */
export interface FileFacts {
  name: string;
  type: string;
  size: number;
}

/** Some systems hand over AVIF (and the odd JPEG) with no type: the name then says what it is. */
const TYPE_BY_EXTENSION: Record<string, UploadContentType> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};

/** The content type to send for a file, or `undefined` when it is not a format we accept. */
export function contentTypeOf(file: FileFacts): UploadContentType | undefined {
  const declared = file.type.toLowerCase();
  if ((UPLOAD_CONTENT_TYPES as readonly string[]).includes(declared)) return declared as UploadContentType;
  if (declared !== '' && declared !== 'application/octet-stream') return undefined;
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return TYPE_BY_EXTENSION[extension];
}

/** "3.4 MB", "812 KB": sizes as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/**
 * Why this file cannot be uploaded, in words for its owner, or `undefined` when it may be sent.
 * Mirrors what `processUpload` refuses, so nobody waits for an upload that is bound to fail.
 */
export function checkFile(file: FileFacts): string | undefined {
  if (!contentTypeOf(file)) return `“${file.name}” is not a JPEG, PNG, WebP or AVIF image.`;
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_UPLOAD_BYTES) {
    // Rounded up, so a file just over the limit never reads as exactly the limit.
    const megabytes = Math.ceil((file.size / (1024 * 1024)) * 10) / 10;
    return `“${file.name}” is ${megabytes} MB; photos can be at most ${formatBytes(MAX_UPLOAD_BYTES)}.`;
  }
  return undefined;
}

/** Why this caption cannot go with the photo, or `undefined` when it can. */
export function checkCaption(caption: string, visibility: string): string | undefined {
  if (Array.from(caption.trim()).length > MAX_CAPTION_LENGTH) {
    return `A caption has at most ${MAX_CAPTION_LENGTH.toLocaleString('en')} characters.`;
  }
  const metadata = uploadMetadataOf(caption, visibility);
  const bytes = Object.entries(metadata).reduce((sum, [name, value]) => sum + name.length + value.length, 0);
  if (bytes > MAX_UPLOAD_METADATA_BYTES) {
    return 'This caption is too long to send with the photo. Shorten it, then add the rest from the photo’s page.';
  }
  return undefined;
}
