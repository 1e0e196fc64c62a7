import { describe, expect, it } from 'vitest';
import { originalKeyOf, parseUploadKey } from '../../../src/contracts/upload-key.js';

const IDENTITY = 'us-east-1:6a9f2c3e-5b1d-4c8e-9f0a-2d7b4e6c1a35';
const PHOTO = '0c2d8e4f-7a1b-4c3d-9e5f-6a7b8c9d0e1f';

describe('parseUploadKey', () => {
  it('accepts exactly uploads/<identity id>/<photo id>', () => {
    expect(parseUploadKey(originalKeyOf(IDENTITY, PHOTO))).toEqual({ identityId: IDENTITY, photoId: PHOTO });
  });

  it.each([
    ['another folder', `photos/${IDENTITY}/${PHOTO}`],
    ['a nested path', `uploads/${IDENTITY}/${PHOTO}/again`],
    ['a file name instead of a photo id', `uploads/${IDENTITY}/holiday.jpg`],
    ['an upper-case photo id', `uploads/${IDENTITY}/${PHOTO.toUpperCase()}`],
    ['no identity', `uploads/${PHOTO}`],
    ['an identity that is not Cognito-shaped', `uploads/someone/${PHOTO}`],
    ['an identity with a path in it', `uploads/../${IDENTITY}/${PHOTO}`],
    ['an empty photo id', `uploads/${IDENTITY}/`],
  ])('rejects %s', (_case, key) => {
    expect(parseUploadKey(key)).toBeUndefined();
  });
});
