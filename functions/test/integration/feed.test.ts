import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { PhotoItem } from '#shared/photo-items.js';
import type { PhotoView, Visibility } from '../../src/contracts/index.js';
import { INDEX_KEYS, indexKeysOf } from '../../src/photos/photos-table.js';
import '../support/use-global-stack.js';
import { FunctionError, guest, rootDocuments, STACK } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { registerUser, type TestUser } from '../support/users.js';

const PHOTOS_TABLE = `${STACK}-photos`;
const FEEDS_TABLE = `${STACK}-feeds`;
const FRIENDSHIPS_TABLE = `${STACK}-friendships`;

const documents = rootDocuments();

// Photos are written straight into the photos table, as processUpload would write them: the
// table's stream then drives the real fanOut, which is what these tests are about.

let clock = Date.now();
/** Creation times a second apart, so that feeds have a definite order. */
function nextCreatedAt(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

async function postPhoto(
  owner: TestUser,
  {
    visibility = 'friends',
    caption = 'a photo',
    status = 'ready',
  }: Partial<Pick<PhotoItem, 'caption' | 'status'>> & {
    visibility?: Visibility;
  } = {},
): Promise<PhotoItem> {
  const photoId = randomUUID();
  const fields: PhotoItem = {
    photoId,
    ownerId: owner.userId,
    ownerUsername: owner.username,
    ownerIdentityId: owner.session.identityId,
    caption,
    visibility,
    status,
    createdAt: nextCreatedAt(),
    ...(status === 'ready'
      ? {
          width: 1600,
          height: 1200,
          sizes: [720, 320, 1440].map((width) => ({
            width,
            height: (width * 3) / 4,
            key: `photos/${photoId}/${width}.webp`,
          })),
          placeholder: { color: '#336699', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
        }
      : { sizes: [], failureReason: 'This file is not an image.' }),
    originalKey: `uploads/${owner.session.identityId}/${photoId}`,
    uploadETag: `"${photoId.replaceAll('-', '')}"`,
  };
  const photo: PhotoItem = { ...fields, ...indexKeysOf(fields) };
  await documents.send(new PutCommand({ TableName: PHOTOS_TABLE, Item: photo }));
  return photo;
}

async function changePhoto(photo: PhotoItem, change: { caption?: string; visibility?: Visibility }) {
  const visibility = change.visibility ?? photo.visibility;
  // As updatePhoto writes it: the index keys follow the visibility.
  const indexKeys: Record<string, string | undefined> = indexKeysOf({ ...photo, visibility });
  const setKeys = INDEX_KEYS.filter((key) => indexKeys[key] !== undefined);
  const removedKeys = INDEX_KEYS.filter((key) => indexKeys[key] === undefined);
  await documents.send(
    new UpdateCommand({
      TableName: PHOTOS_TABLE,
      Key: { photoId: photo.photoId },
      UpdateExpression: [
        `SET ${['caption = :caption', 'visibility = :visibility', ...setKeys.map((key) => `${key} = :${key}`)].join(', ')}`,
        ...(removedKeys.length > 0 ? [`REMOVE ${removedKeys.join(', ')}`] : []),
      ].join(' '),
      ExpressionAttributeValues: {
        ':caption': change.caption ?? photo.caption,
        ':visibility': visibility,
        ...Object.fromEntries(setKeys.map((key) => [`:${key}`, indexKeys[key]])),
      },
    }),
  );
}

async function makeFriends(a: TestUser, b: TestUser): Promise<void> {
  await a.session.invoke('sendFriendRequest', { userId: b.userId });
  await b.session.invoke('respondToFriendRequest', { userId: a.userId, accept: true });
}

/** Every photo of a user's feed, through getFeed, page by page. */
async function feedOf(user: TestUser, limit = 50): Promise<PhotoView[]> {
  const photos: PhotoView[] = [];
  let cursor: string | undefined;
  do {
    const page = await user.session.invoke('getFeed', { cursor, limit });
    photos.push(...page.photos);
    cursor = page.nextCursor;
  } while (cursor);
  return photos;
}

const idsIn = (photos: PhotoView[]) => photos.map((photo) => photo.photoId);

/** The user's feed once `done` holds of it (or the deadline passed: the assertions then say what is wrong). */
function feedWhen(user: TestUser, done: (ids: string[]) => boolean): Promise<PhotoView[]> {
  return eventually(
    () => feedOf(user),
    (photos) => done(idsIn(photos)),
  );
}

/** What the feeds table holds for a reader, whether or not getFeed would show it. */
async function storedFeed(userId: string): Promise<string[]> {
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: FEEDS_TABLE,
      KeyConditionExpression: 'userId = :reader',
      ExpressionAttributeValues: { ':reader': userId },
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => item.photoId as string);
}

async function people(count: number): Promise<TestUser[]> {
  return Promise.all(Array.from({ length: count }, () => registerUser('feed')));
}

describe('a new photo', () => {
  it('appears in its owner’s feed and a friend’s, with the author and image URLs, and not in a stranger’s', async () => {
    // prepare
    const [owner, friend, stranger] = await people(3);
    if (!owner || !friend || !stranger) throw new Error('users missing');
    await makeFriends(owner, friend);

    // act
    const photo = await postPhoto(owner, { visibility: 'friends', caption: 'harbour at dawn' });

    // assess: once the owner has it, the photo's fan-out is done (owner and friend are in one batch write)
    await feedWhen(owner, (ids) => ids.includes(photo.photoId));
    const friendFeed = await feedWhen(friend, (ids) => ids.includes(photo.photoId));
    const shown = friendFeed.find((view) => view.photoId === photo.photoId);
    expect(shown).toMatchObject({
      status: 'ready',
      owner: { userId: owner.userId, username: owner.username },
      caption: 'harbour at dawn',
      visibility: 'friends',
      createdAt: photo.createdAt,
      width: 1600,
      height: 1200,
      placeholder: { color: '#336699' },
    });
    expect(shown?.images.map((image) => image.width)).toEqual([320, 720, 1440]);
    expect(shown?.images[0]?.url).toContain(`photos/${photo.photoId}/320.webp`);
    expect(shown?.images[0]?.url).toContain('X-Amz-Signature=');
    expect(idsIn(await feedOf(stranger))).not.toContain(photo.photoId);
    expect(await storedFeed(stranger.userId)).not.toContain(photo.photoId);
  });

  it('stays in its owner’s feed alone when private', async () => {
    // prepare
    const [owner, friend] = await people(2);
    if (!owner || !friend) throw new Error('users missing');
    await makeFriends(owner, friend);

    // act: a private photo, then a friends one (once that one is in, the private one was handled)
    const hidden = await postPhoto(owner, { visibility: 'private' });
    const shared = await postPhoto(owner, { visibility: 'friends' });

    // assess
    await feedWhen(friend, (ids) => ids.includes(shared.photoId));
    // One fanOut writes a photo's entries in parallel: the friend's may land before the owner's.
    const ownerFeed = await feedWhen(
      owner,
      (ids) => ids.includes(hidden.photoId) && ids.includes(shared.photoId),
    );
    expect(idsIn(ownerFeed)).toEqual(expect.arrayContaining([hidden.photoId, shared.photoId]));
    expect(await storedFeed(friend.userId)).not.toContain(hidden.photoId);
    expect(idsIn(await feedOf(friend))).not.toContain(hidden.photoId);
  });

  it('goes to no feed when its upload was refused', async () => {
    // prepare
    const [owner] = await people(1);
    if (!owner) throw new Error('user missing');

    // act
    const failed = await postPhoto(owner, { status: 'failed' });
    const ready = await postPhoto(owner, { visibility: 'private' });

    // assess
    await feedWhen(owner, (ids) => ids.includes(ready.photoId));
    expect(await storedFeed(owner.userId)).not.toContain(failed.photoId);
  });

  it('reaches every friend when there are more than one batch of them', async () => {
    // prepare: 30 friends (more than BatchWriteItem's 25), written straight into the friendships table
    const [owner] = await people(1);
    if (!owner) throw new Error('user missing');
    const since = new Date().toISOString();
    const friendIds = Array.from({ length: 30 }, () => randomUUID());
    for (const friendId of friendIds) {
      const sides = [
        { userId: owner.userId, otherId: friendId, otherUsername: `friend_${friendId.slice(0, 8)}` },
        { userId: friendId, otherId: owner.userId, otherUsername: owner.username },
      ];
      await Promise.all(
        sides.map((side) =>
          documents.send(
            new PutCommand({ TableName: FRIENDSHIPS_TABLE, Item: { ...side, status: 'friends', since } }),
          ),
        ),
      );
    }

    // act
    const photo = await postPhoto(owner, { visibility: 'public' });

    // assess
    const reached = await eventually(
      async () => {
        const feeds = await Promise.all(friendIds.map(storedFeed));
        return feeds.filter((feed) => feed.includes(photo.photoId)).length;
      },
      (count) => count === friendIds.length,
    );
    expect(reached).toBe(friendIds.length);
    expect(await storedFeed(owner.userId)).toContain(photo.photoId);
  });
});

describe('a changed photo', () => {
  it('shows its new caption in a friend’s feed', async () => {
    // prepare
    const [owner, friend] = await people(2);
    if (!owner || !friend) throw new Error('users missing');
    await makeFriends(owner, friend);
    const photo = await postPhoto(owner, { caption: 'before' });
    await feedWhen(friend, (ids) => ids.includes(photo.photoId));

    // act
    await changePhoto(photo, { caption: 'after' });

    // assess
    const feed = await eventually(
      () => feedOf(friend),
      (photos) => photos.some((view) => view.photoId === photo.photoId && view.caption === 'after'),
    );
    expect(feed.find((view) => view.photoId === photo.photoId)?.caption).toBe('after');
  });

  it('leaves friends’ feeds when made private, keeps its place in its owner’s, and comes back when shared again', async () => {
    // prepare
    const [owner, friend] = await people(2);
    if (!owner || !friend) throw new Error('users missing');
    await makeFriends(owner, friend);
    const photo = await postPhoto(owner, { visibility: 'public' });
    await feedWhen(friend, (ids) => ids.includes(photo.photoId));

    // act, assess: private
    await changePhoto(photo, { visibility: 'private' });
    const friendFeed = await feedWhen(friend, (ids) => !ids.includes(photo.photoId));
    expect(idsIn(friendFeed)).not.toContain(photo.photoId);
    expect(await storedFeed(friend.userId)).not.toContain(photo.photoId);
    const ownerFeed = await eventually(
      () => feedOf(owner),
      (photos) => photos.some((view) => view.photoId === photo.photoId && view.visibility === 'private'),
    );
    expect(ownerFeed.find((view) => view.photoId === photo.photoId)?.visibility).toBe('private');

    // act, assess: shared with friends again
    await changePhoto(photo, { visibility: 'friends' });
    const again = await feedWhen(friend, (ids) => ids.includes(photo.photoId));
    expect(again.find((view) => view.photoId === photo.photoId)?.visibility).toBe('friends');
  });
});

describe('a deleted photo', () => {
  it('leaves every feed', async () => {
    // prepare
    const [owner, friend] = await people(2);
    if (!owner || !friend) throw new Error('users missing');
    await makeFriends(owner, friend);
    const photo = await postPhoto(owner, { visibility: 'friends' });
    await feedWhen(friend, (ids) => ids.includes(photo.photoId));

    // act
    await documents.send(new DeleteCommand({ TableName: PHOTOS_TABLE, Key: { photoId: photo.photoId } }));

    // assess
    await feedWhen(friend, (ids) => !ids.includes(photo.photoId));
    const ownerFeed = await feedWhen(owner, (ids) => !ids.includes(photo.photoId));
    expect(idsIn(ownerFeed)).not.toContain(photo.photoId);
    expect(await storedFeed(friend.userId)).not.toContain(photo.photoId);
    expect(await storedFeed(owner.userId)).not.toContain(photo.photoId);
  });
});

describe('friendships and feeds', () => {
  it('backfills a new friend’s shared photos, never their private or refused ones', async () => {
    // prepare: photos from before the friendship
    const [owner, newFriend] = await people(2);
    if (!owner || !newFriend) throw new Error('users missing');
    const shared = [
      await postPhoto(owner, { visibility: 'public' }),
      await postPhoto(owner, { visibility: 'friends' }),
    ];
    const hidden = [
      await postPhoto(owner, { visibility: 'private' }),
      await postPhoto(owner, { status: 'failed' }),
    ];
    await feedWhen(owner, (ids) => ids.includes(hidden[0]?.photoId ?? ''));
    expect(idsIn(await feedOf(newFriend))).toEqual([]);

    // act
    await makeFriends(newFriend, owner);

    // assess: newest first
    const feed = await feedWhen(newFriend, (ids) => shared.every((photo) => ids.includes(photo.photoId)));
    expect(idsIn(feed)).toEqual(shared.map((photo) => photo.photoId).reverse());
    for (const photo of hidden) expect(await storedFeed(newFriend.userId)).not.toContain(photo.photoId);
  });

  it('takes each one’s photos out of the other’s feed on unfriending, and leaves their own', async () => {
    // prepare
    const [ada, grace] = await people(2);
    if (!ada || !grace) throw new Error('users missing');
    await makeFriends(ada, grace);
    const adas = await postPhoto(ada, { visibility: 'friends' });
    const graces = await postPhoto(grace, { visibility: 'public' });
    await feedWhen(grace, (ids) => ids.includes(adas.photoId));
    await feedWhen(ada, (ids) => ids.includes(graces.photoId));

    // act
    await grace.session.invoke('removeFriend', { userId: ada.userId });

    // assess
    const graceFeed = await feedWhen(grace, (ids) => !ids.includes(adas.photoId));
    const adaFeed = await feedWhen(ada, (ids) => !ids.includes(graces.photoId));
    expect(idsIn(graceFeed)).toEqual([graces.photoId]);
    expect(idsIn(adaFeed)).toEqual([adas.photoId]);
    await eventually(
      () => storedFeed(grace.userId),
      (ids) => !ids.includes(adas.photoId),
    );
    expect(await storedFeed(grace.userId)).not.toContain(adas.photoId);
  });

  it('never shows an entry a race left behind of someone who is not a friend', async () => {
    // prepare: entries of a non-friend's friends and private photos put straight into a stranger's feed
    const [owner, stranger] = await people(2);
    if (!owner || !stranger) throw new Error('users missing');
    const friendsOnly = await postPhoto(owner, { visibility: 'friends' });
    const privatePhoto = await postPhoto(owner, { visibility: 'private' });
    await feedWhen(owner, (ids) => ids.includes(privatePhoto.photoId));
    const ownOwn = await postPhoto(stranger, { visibility: 'friends' });
    await feedWhen(stranger, (ids) => ids.includes(ownOwn.photoId));
    for (const photo of [friendsOnly, privatePhoto]) {
      const {
        originalKey: _key,
        ownerIdentityId: _identity,
        uploadETag: _etag,
        publicFeed: _public,
        publicOwnerId: _publicOwner,
        sharedOwnerId: _sharedOwner,
        ...shown
      } = photo;
      await documents.send(
        new PutCommand({
          TableName: FEEDS_TABLE,
          Item: { ...shown, userId: stranger.userId, entry: `${photo.createdAt}#${photo.photoId}` },
        }),
      );
    }

    // act
    const feed = await feedOf(stranger);

    // assess
    expect(await storedFeed(stranger.userId)).toContain(friendsOnly.photoId);
    expect(idsIn(feed)).toEqual([ownOwn.photoId]);
  });
});

describe('reading a feed', () => {
  it('pages through the feed newest first, each photo once', async () => {
    // prepare
    const [owner] = await people(1);
    if (!owner) throw new Error('user missing');
    const posted = [];
    for (let index = 0; index < 5; index++) posted.push(await postPhoto(owner, { visibility: 'private' }));
    const newestFirst = posted.map((photo) => photo.photoId).reverse();
    await feedWhen(owner, (ids) => ids.length === 5);

    // act
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.session.invoke('getFeed', { cursor, limit: 2 });
      pages.push(idsIn(page.photos));
      cursor = page.nextCursor;
    } while (cursor);

    // assess
    expect(pages).toEqual([newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4)]);
  });

  it('refuses a forged or borrowed cursor, so that nobody reads another’s feed', async () => {
    // prepare
    const [owner, friend, snoop] = await people(3);
    if (!owner || !friend || !snoop) throw new Error('users missing');
    await makeFriends(owner, friend);
    const first = await postPhoto(owner, { visibility: 'friends' });
    const second = await postPhoto(owner, { visibility: 'friends' });
    await feedWhen(friend, (ids) => ids.includes(first.photoId) && ids.includes(second.photoId));
    const { nextCursor } = await friend.session.invoke('getFeed', { limit: 1 });
    if (!nextCursor) throw new Error('expected a second page');
    const edited = Buffer.from(nextCursor, 'base64url');
    edited[20] = (edited[20] ?? 0) ^ 0x01;
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    // act
    const attempts = await Promise.all(
      [
        nextCursor, // borrowed as it is
        edited.toString('base64url'), // one bit changed
        forge({ list: 'feed', reader: snoop.userId, before: `${second.createdAt}#${second.photoId}` }),
        'eyJub3QiOiJhIGN1cnNvciJ9', // {"not":"a cursor"}
      ].map((cursor) =>
        snoop.session.invoke('getFeed', { cursor, limit: 50 }).then(
          (page) => page,
          (error: unknown) => error,
        ),
      ),
    );

    // assess
    for (const attempt of attempts) {
      expect(attempt).toBeInstanceOf(FunctionError);
      expect(attempt).toMatchObject({
        errorType: 'ValidationError',
        body: { errorMessage: 'This page link is no longer valid.' },
      });
    }
    expect(idsIn(await feedOf(snoop))).toEqual([]);
  });

  it('lets no guest read a feed', async () => {
    // prepare
    const visitor = await guest();

    // act
    const error = await visitor.invoke('getFeed', { limit: 20 }).catch((thrown: unknown) => thrown);

    // assess
    expect(error).toMatchObject({ name: 'AccessDeniedException' });
  });
});
