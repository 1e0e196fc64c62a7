import { describe, expect, it } from 'vitest';
import { maySee } from '#shared/photo-items.js';
import { indexKeysOf } from '../../../src/photos/photos-table.js';

const OWNER = '6f1c1a52-3c1e-4b8e-9a57-0e4a4c1f2b10';
const cases = (['public', 'friends', 'private'] as const).flatMap((visibility) =>
  (['ready', 'failed'] as const).map((status) => ({ ownerId: OWNER, visibility, status })),
);

describe('the index keys of a photo', () => {
  it.each(cases)(
    'put a $status $visibility photo in exactly the indexes of those who may see it',
    (photo) => {
      // act
      const keys = indexKeysOf(photo);

      // assess: publicByOwner for anyone, sharedByOwner for friends, publicPhotos for the explore page
      expect(keys.publicOwnerId !== undefined).toBe(maySee(photo, 'none'));
      expect(keys.sharedOwnerId !== undefined).toBe(maySee(photo, 'friends'));
      expect(keys.publicFeed !== undefined).toBe(maySee(photo, 'none'));
      for (const value of [keys.publicOwnerId, keys.sharedOwnerId]) {
        if (value !== undefined) expect(value).toBe(OWNER);
      }
    },
  );
});
