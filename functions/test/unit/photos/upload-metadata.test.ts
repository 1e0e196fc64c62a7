import { describe, expect, it } from 'vitest';
import { decodeUploadMetadata } from '../../../src/photos/upload-metadata.js';

describe('decodeUploadMetadata', () => {
  it('decodes the URI-encoded caption and reads the visibility', () => {
    // prepare: what the browser sends for "Café at 5 % — ☕️" as x-amz-meta-caption
    const metadata = { caption: encodeURIComponent('Café at 5 % — ☕️'), visibility: 'public' };

    // act
    const decoded = decodeUploadMetadata(metadata);

    // assess
    expect(decoded).toEqual({ caption: 'Café at 5 % — ☕️', visibility: 'public' });
  });

  it("takes the contract's defaults when the browser sent nothing", () => {
    expect(decodeUploadMetadata(undefined)).toEqual({ caption: '', visibility: 'friends' });
    expect(decodeUploadMetadata({})).toEqual({ caption: '', visibility: 'friends' });
  });

  it('makes an unknown visibility private, never more visible than meant', () => {
    expect(decodeUploadMetadata({ visibility: 'everyone' }).visibility).toBe('private');
    expect(decodeUploadMetadata({ visibility: ' Public ' }).visibility).toBe('public');
  });

  it('keeps a caption that is not URI-encoded as it came', () => {
    expect(decodeUploadMetadata({ caption: '100% sure' }).caption).toBe('100% sure');
  });

  it('cuts an overlong caption to 2,200 characters without splitting a character', () => {
    // prepare
    const caption = encodeURIComponent('😀'.repeat(3000));

    // act
    const decoded = decodeUploadMetadata({ caption });

    // assess
    expect(Array.from(decoded.caption)).toHaveLength(2200);
    expect(decoded.caption).toBe('😀'.repeat(2200));
  });
});
