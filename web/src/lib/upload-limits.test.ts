// The one place the web app imports a contract as a value: tests are not shipped, so zod stays out
// of the bundle while the copies below are held to the functions' own numbers.
import {
  MAX_UPLOAD_BYTES as CONTRACT_MAX_UPLOAD_BYTES,
  uploadMetadata,
} from '@lambdagram/functions/contracts';
import { describe, expect, it } from 'vitest';
import { MAX_CAPTION_LENGTH, MAX_UPLOAD_BYTES } from './upload-limits';

describe('the upload limits of the web app', () => {
  it('match what processUpload enforces', () => {
    expect(MAX_UPLOAD_BYTES).toBe(CONTRACT_MAX_UPLOAD_BYTES);
  });

  it('allow the longest caption the contract allows, and not one more character', () => {
    expect(uploadMetadata.safeParse({ caption: 'a'.repeat(MAX_CAPTION_LENGTH) }).success).toBe(true);
    expect(uploadMetadata.safeParse({ caption: 'a'.repeat(MAX_CAPTION_LENGTH + 1) }).success).toBe(false);
  });
});
