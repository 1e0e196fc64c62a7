import { describe, expect, it } from 'vitest';
import { encodeCursor } from '#shared/cursors.js';
import { readFeedPage } from '../../../src/feed/feed-pages.js';

// The cursor is checked before anything is read, so these need no table.
const ME = '6f1c1a52-3c1e-4b8e-9a57-0e4a4c1f2b10';
const SOMEONE_ELSE = '9b2d7e44-81a0-4c55-b7f3-2d6e0c9a1f87';
const ENTRY = '2026-11-24T19:58:31.412Z#3e5b9f02-7d4a-4f1e-8c63-5a2b1d0e9f34';
const refused = expect.objectContaining({
  name: 'ValidationError',
  message: 'This page link is no longer valid.',
});

describe('feed cursors', () => {
  it('refuses a cursor handed to another reader', async () => {
    // prepare
    const theirs = encodeCursor({ list: 'feed', reader: SOMEONE_ELSE, before: ENTRY });

    // act, assess
    await expect(readFeedPage(ME, { limit: 20, cursor: theirs })).rejects.toThrow(refused);
  });

  it.each([
    ['a position that is not an entry key', encodeCursor({ list: 'feed', reader: ME, before: 'user#x' })],
    [
      'an entry key with something after it',
      encodeCursor({ list: 'feed', reader: ME, before: `${ENTRY}#x` }),
    ],
    ['a cursor of another list', encodeCursor({ list: 'friends', reader: ME, after: SOMEONE_ELSE })],
    [
      'a partition key smuggled in',
      encodeCursor({ list: 'feed', reader: ME, before: ENTRY, userId: SOMEONE_ELSE }),
    ],
    ['garbage', 'eyJsaXN0IjoiZmVlZC'],
  ])('refuses %s', async (_case, cursor) => {
    await expect(readFeedPage(ME, { limit: 20, cursor })).rejects.toThrow(refused);
  });
});
