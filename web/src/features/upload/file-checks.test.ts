import { uploadMetadataOf } from '@lambdagram/functions/contracts/upload-key';
import { describe, expect, it } from 'vitest';
import { checkCaption, checkFile, contentTypeOf, formatBytes } from './file-checks';

const MB = 1024 * 1024;

describe('the checks before an upload', () => {
  it('accepts JPEG, PNG, WebP and AVIF up to 25 MB', () => {
    const files = [
      { name: 'a.jpg', type: 'image/jpeg', size: 25 * MB },
      { name: 'b.png', type: 'image/png', size: 1 },
      { name: 'c.webp', type: 'image/webp', size: 10 },
      { name: 'd.avif', type: 'image/avif', size: 10 },
    ];

    expect(files.map(checkFile)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('refuses other types, naming the file', () => {
    expect(checkFile({ name: 'clip.mp4', type: 'video/mp4', size: 10 })).toBe(
      '“clip.mp4” is not a JPEG, PNG, WebP or AVIF image.',
    );
    expect(checkFile({ name: 'doc.pdf', type: '', size: 10 })).toMatch(/not a JPEG/);
  });

  it('refuses a file over 25 MB, saying how big it is', () => {
    expect(checkFile({ name: 'raw.jpg', type: 'image/jpeg', size: 25 * MB + 1 })).toBe(
      '“raw.jpg” is 25.1 MB; photos can be at most 25 MB.',
    );
    expect(checkFile({ name: 'raw.jpg', type: 'image/jpeg', size: 30.5 * MB })).toMatch(/is 30\.5 MB/);
  });

  it('refuses an empty file', () => {
    expect(checkFile({ name: 'zero.png', type: 'image/png', size: 0 })).toBe('“zero.png” is empty.');
  });

  it('recognises an image handed over without a type by its extension', () => {
    expect(contentTypeOf({ name: 'IMG_1.AVIF', type: '', size: 1 })).toBe('image/avif');
    expect(contentTypeOf({ name: 'scan.jpeg', type: 'application/octet-stream', size: 1 })).toBe(
      'image/jpeg',
    );
    expect(contentTypeOf({ name: 'photo.jpg', type: 'image/gif', size: 1 })).toBeUndefined();
  });

  it('URI-encodes the caption it sends as metadata', () => {
    expect(uploadMetadataOf(' Café & friends ', 'public')).toEqual({
      caption: 'Caf%C3%A9%20%26%20friends',
      visibility: 'public',
    });
  });

  it('refuses a caption over 2,200 characters or too long for S3 metadata once encoded', () => {
    expect(checkCaption('a'.repeat(2000), 'friends')).toBeUndefined();
    expect(checkCaption('a'.repeat(2201), 'friends')).toMatch(/at most 2,200 characters/);
    expect(checkCaption('a'.repeat(2100), 'friends')).toMatch(/too long to send/);
    expect(checkCaption('日本'.repeat(150), 'friends')).toMatch(/too long to send/);
  });

  it('writes sizes as a person reads them', () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(3.25 * MB)]).toEqual([
      '512 bytes',
      '2 KB',
      '3.3 MB',
    ]);
  });
});
