/**
 * Limits on what a person may upload, checked in the browser before any byte is sent.
 *
 * `MAX_UPLOAD_BYTES` is a copy of the value in `functions/src/contracts/photos.ts`, which
 * `processUpload` enforces: the contracts reach the web app as types only (a value import would
 * bundle zod and the schemas). `upload-limits.test.ts` fails if the two drift apart.
 */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** The formats `processUpload` decodes (README, "Uploading"). */
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif'] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

/** S3 refuses user metadata (names and values) over 2 KB with `MetadataTooLarge`. */
export const MAX_UPLOAD_METADATA_BYTES = 2048;

/** The caption limit of the contracts (`caption` in `functions/src/contracts/common.ts`). */
export const MAX_CAPTION_LENGTH = 2200;
