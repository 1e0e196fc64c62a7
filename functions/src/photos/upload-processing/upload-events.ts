import { z } from 'zod';
import { visibility as visibilitySchema } from '#contracts/common.js';
import { type UploadMetadata, uploadMetadata } from '#contracts/photos.js';

/**
 * Where things live in the photos bucket:
 * - `uploads/<identity id>/<photo id>`: an original as the browser uploaded it (the user role may
 *   write only under its own identity's prefix, so the prefix says who uploaded it);
 * - `photos/<photo id>/<width>.webp`: a published size, never changed once written.
 */
export const originalKeyOf = (identityId: string, photoId: string) => `uploads/${identityId}/${photoId}`;
export const sizeKeyOf = (photoId: string, width: number) => `photos/${photoId}/${width}.webp`;

/** Published sizes never change under their key, so browsers may keep them as long as they like. */
export const SIZE_CACHE_CONTROL = 'private, max-age=31536000, immutable';

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

/** S3 event keys are URL-encoded like a form value: `+` for a space, `%XX` for the rest. */
export function decodeEventKey(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

const CAPTION_MAX = 2200;

/**
 * The caption and visibility the browser put on an original (S3 user metadata, whose names S3
 * lower-cases; the caption is URI-encoded because metadata travels in HTTP headers). Never fails:
 * a caption that is not valid URI encoding is kept as sent, one that is too long is cut, a missing
 * visibility takes the contract's default and an unknown one becomes `private` (never more visible
 * than the uploader could have meant).
 */
export function decodeUploadMetadata(metadata: Record<string, string | undefined> = {}): UploadMetadata {
  let caption = metadata.caption ?? '';
  try {
    caption = decodeURIComponent(caption);
  } catch {
    // Not URI-encoded after all: keep the text as it came.
  }
  caption = Array.from(caption.trim()).slice(0, CAPTION_MAX).join('').trim();
  const sent = metadata.visibility?.trim().toLowerCase();
  const visibility =
    sent === undefined || sent === '' ? undefined : (visibilitySchema.safeParse(sent).data ?? 'private');
  return uploadMetadata.parse({ caption, visibility });
}

/** The fields of an S3 notification record that processing needs (AWS sends many more). */
const s3Record = z.object({
  eventName: z.string(),
  eventTime: z.string().optional(),
  s3: z.object({
    bucket: z.object({ name: z.string() }),
    object: z.object({ key: z.string(), size: z.number().optional(), eTag: z.string().optional() }),
  }),
});
const s3Event = z.object({ Records: z.array(z.unknown()) });

export interface ObjectCreated {
  bucket: string;
  /** Decoded: the object's real key. */
  key: string;
  eTag?: string;
  size?: number;
  eventTime?: string;
}

/**
 * The object-created records of an S3 notification, keys decoded. Records of other kinds (removals)
 * and records that are not S3's shape are left out, each reported to `skip` with why.
 */
export function objectsCreatedIn(event: unknown, skip: (why: string) => void = () => {}): ObjectCreated[] {
  const parsed = s3Event.safeParse(event);
  if (!parsed.success) {
    skip('not an S3 notification');
    return [];
  }
  const created: ObjectCreated[] = [];
  for (const raw of parsed.data.Records) {
    const record = s3Record.safeParse(raw);
    if (!record.success) {
      skip('a record that is not an S3 record');
      continue;
    }
    const { eventName, eventTime, s3 } = record.data;
    if (!eventName.startsWith('ObjectCreated:')) {
      skip(`event ${eventName}`);
      continue;
    }
    const key = decodeEventKey(s3.object.key);
    if (key === undefined) {
      skip('a key that is not URL-encoded');
      continue;
    }
    created.push({ bucket: s3.bucket.name, key, eTag: s3.object.eTag, size: s3.object.size, eventTime });
  }
  return created;
}

/** S3 ETags come quoted from HeadObject and bare in events; compare them bare. */
export const bareETag = (etag: string | undefined) => etag?.replace(/^"|"$/g, '');
