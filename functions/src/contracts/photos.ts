import { z } from 'zod';
import {
  caption,
  cursor,
  pageLimit,
  photoId,
  photoPage,
  photoView,
  username,
  userSummary,
  visibility,
} from './common.js';

export const getPhoto = {
  input: z.object({ photoId }),
  output: photoView,
};

export const listUserPhotos = {
  input: z.object({ username, cursor, limit: pageLimit(50, 20) }),
  output: photoPage.extend({ user: userSummary }),
};

export const listPublicPhotos = {
  input: z.object({ cursor, limit: pageLimit(50, 20) }),
  output: photoPage,
};

export const updatePhoto = {
  input: z
    .object({ photoId, caption: caption.optional(), visibility: visibility.optional() })
    .refine((input) => input.caption !== undefined || input.visibility !== undefined, {
      message: 'Give a new caption or visibility.',
    }),
  output: photoView,
};

export const deletePhoto = {
  input: z.object({ photoId }),
  output: z.object({ deleted: z.literal(true) }),
};

/**
 * What the browser puts on the original it uploads to `uploads/<identityId>/<photoId>`, as S3
 * user metadata (`x-amz-meta-caption` is URI-encoded: metadata travels in HTTP headers).
 */
export const uploadMetadata = z.object({
  caption: caption.default(''),
  visibility: visibility.default('friends'),
});
export type UploadMetadata = z.infer<typeof uploadMetadata>;

/** Largest original accepted (bytes); the browser checks it first, `processUpload` enforces it. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;
