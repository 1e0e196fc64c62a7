import { processUploads } from './upload-processing/process-uploads.js';

/**
 * S3 tells this function about every original written under `uploads/` (asynchronously, at least
 * once). Each becomes a ready photo, or a failed one whose bytes are deleted; a repeated event
 * changes nothing. An unexpected error fails the invocation, so that Lambda retries it.
 */
export const handler = async (event: unknown): Promise<void> => {
  await processUploads(event);
};
