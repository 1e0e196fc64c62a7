import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PhotoView, Visibility } from '../../src/contracts/index.js';
import '../support/use-global-stack.js';
import { BUCKET, FunctionError, guest, rootDocuments, STACK } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { makeJpeg } from '../support/images.js';
import { registerUser, type TestUser } from '../support/users.js';

// What a reader can learn from the pages and cursors of the paginated functions, as an attacker
// with real accounts and the real SDK would look for it: a cursor is opaque (nothing of any item
// in any decoding of it), bound to its list and its reader, unforgeable; and the pages (their
// sizes, whether they carry a cursor) are the same whether or not hidden items exist.

const FEEDS_TABLE = `${STACK}-feeds`;

let jpeg: Buffer | undefined;

/** An upload through the browser's path (S3 under the user's prefix), once processUpload is done. */
async function uploaded(
  owner: TestUser,
  { visibility, image = true }: { visibility: Visibility; image?: boolean },
): Promise<PhotoView> {
  jpeg ??= await makeJpeg({ width: 64, height: 48, color: '#aa3366' });
  const photoId = randomUUID();
  await owner.session.s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `uploads/${owner.session.identityId}/${photoId}`,
      Body: image ? jpeg : new TextEncoder().encode('not an image'),
      ContentType: 'image/jpeg',
      Metadata: { caption: '', visibility },
    }),
  );
  const photo = await eventually(
    () => owner.session.invoke('getPhoto', { photoId }),
    (view) => view.status !== 'processing',
    { timeoutMs: 60_000 },
  );
  expect(photo.status).toBe(image ? 'ready' : 'failed');
  return photo;
}

async function makeFriends(a: TestUser, b: TestUser): Promise<void> {
  await a.session.invoke('sendFriendRequest', { userId: b.userId });
  await b.session.invoke('respondToFriendRequest', { userId: a.userId, accept: true });
}

/** The error a call ends in (the test fails if it succeeds). */
async function failureOf(call: Promise<unknown>): Promise<FunctionError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof FunctionError)) throw new Error(`expected a function error, got ${String(error)}`);
  return error;
}

interface Page {
  ids: string[];
  nextCursor?: string | undefined;
}

/** Every page of a list, one call at a time, following the cursors (at most 20 pages). */
async function pagesOf(read: (cursor: string | undefined) => Promise<Page>): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

const photoPages = (
  call: (cursor: string | undefined) => Promise<{ photos: PhotoView[]; nextCursor?: string }>,
) =>
  pagesOf(async (cursor) => {
    const page = await call(cursor);
    return { ids: page.photos.map((photo) => photo.photoId), nextCursor: page.nextCursor };
  });

/** What a page shows of itself besides its photos: how many, and whether a cursor follows. */
const shapeOf = (pages: Page[]) =>
  pages.map((page) => ({ size: page.ids.length, cursor: !!page.nextCursor }));

/** A cursor read every way an attacker would try: as is, base64/base64url text, hex, Latin-1. */
function readingsOf(cursor: string): string[] {
  const bytes = Buffer.from(cursor, 'base64url');
  return [cursor, bytes.toString('utf8'), bytes.toString('latin1'), bytes.toString('hex')].map((text) =>
    text.toLowerCase(),
  );
}

/** The ways an item can be named: its id (with and without dashes) and its time (ISO and epoch ms). */
function namesOf(item: { id: string; createdAt?: string }): string[] {
  const names = [item.id.toLowerCase(), item.id.replaceAll('-', '').toLowerCase()];
  if (item.createdAt) names.push(item.createdAt.toLowerCase(), String(Date.parse(item.createdAt)));
  return names;
}

function expectOpaque(cursors: Array<string | undefined>, items: Array<{ id: string; createdAt?: string }>) {
  const names = items.flatMap(namesOf);
  for (const cursor of cursors.filter((c): c is string => c !== undefined)) {
    for (const reading of readingsOf(cursor)) {
      for (const name of names) expect(reading, `a cursor names ${name}`).not.toContain(name);
    }
  }
}

const invalidCursor = {
  errorType: 'ValidationError',
  body: expect.objectContaining({ errorMessage: 'This page link is no longer valid.' }),
};

describe('cursors', { timeout: 300_000 }, () => {
  // Alice has hidden photos (private ones, one made private after it was public, a failed upload),
  // all newer than her two public ones; Bob has the same two public photos and nothing hidden.
  let alice: TestUser;
  let bob: TestUser;
  let stranger: TestUser;
  let otherStranger: TestUser;
  let aliceFriend: TestUser;
  let bobFriend: TestUser;
  let alicePublic: PhotoView[];
  let aliceHidden: PhotoView[];
  let aliceFriends: PhotoView[];

  beforeAll(async () => {
    [alice, bob, stranger, otherStranger, aliceFriend, bobFriend] = await Promise.all([
      registerUser('alice'),
      registerUser('bob'),
      registerUser('stranger'),
      registerUser('stranger'),
      registerUser('afriend'),
      registerUser('bfriend'),
    ]);
    await Promise.all([makeFriends(alice, aliceFriend), makeFriends(bob, bobFriend)]);
    const post = async (owner: TestUser, visibilities: Visibility[]) => {
      const photos: PhotoView[] = [];
      for (const visibility of visibilities) photos.push(await uploaded(owner, { visibility }));
      return photos;
    };
    const [alices] = await Promise.all([
      post(alice, ['public', 'public', 'friends', 'private', 'public']),
      post(bob, ['public', 'friends', 'public']),
    ]);
    const [public1, public2, friends, private1, madePrivate] = alices as [
      PhotoView,
      PhotoView,
      PhotoView,
      PhotoView,
      PhotoView,
    ];
    await alice.session.invoke('updatePhoto', { photoId: madePrivate.photoId, visibility: 'private' });
    const failed = await uploaded(alice, { visibility: 'public', image: false });
    alicePublic = [public2, public1];
    aliceFriends = [friends];
    aliceHidden = [failed, madePrivate, private1];
  });

  it("a stranger paging another user's profile one photo at a time learns nothing of their hidden photos", async () => {
    // act
    const profile = (reader: TestUser, owner: TestUser) =>
      photoPages((cursor) =>
        reader.session.invoke('listUserPhotos', { username: owner.username, limit: 1, cursor }),
      );
    const [alices, bobs] = await Promise.all([profile(stranger, alice), profile(stranger, bob)]);

    // assess: Alice's public photos one a page, and not a trace of the others
    expect(alices.flatMap((page) => page.ids)).toEqual(alicePublic.map((photo) => photo.photoId));
    expect(shapeOf(alices)).toEqual([
      { size: 1, cursor: true },
      { size: 1, cursor: false },
    ]);
    expect(shapeOf(alices)).toEqual(shapeOf(bobs));
    expectOpaque(
      alices.map((page) => page.nextCursor),
      [...aliceHidden, ...aliceFriends, ...alicePublic].map((photo) => ({
        id: photo.photoId,
        createdAt: photo.createdAt,
      })),
    );
  });

  it("a friend paging a profile one photo at a time learns nothing of the owner's private photos", async () => {
    // act
    const profile = (reader: TestUser, owner: TestUser) =>
      photoPages((cursor) =>
        reader.session.invoke('listUserPhotos', { username: owner.username, limit: 1, cursor }),
      );
    const [alices, bobs] = await Promise.all([profile(aliceFriend, alice), profile(bobFriend, bob)]);

    // assess
    expect(alices.flatMap((page) => page.ids)).toEqual(
      [...aliceFriends, ...alicePublic].map((photo) => photo.photoId),
    );
    expect(shapeOf(alices)).toEqual([
      { size: 1, cursor: true },
      { size: 1, cursor: true },
      { size: 1, cursor: false },
    ]);
    expect(shapeOf(alices)).toEqual(shapeOf(bobs));
    expectOpaque(
      alices.map((page) => page.nextCursor),
      [...aliceHidden, ...aliceFriends, ...alicePublic].map((photo) => ({
        id: photo.photoId,
        createdAt: photo.createdAt,
      })),
    );
  });

  it('hands out cursors that name nothing, in every paginated list', async () => {
    // prepare: a second friend for Alice, so that her friends list has two pages
    await makeFriends(alice, stranger);
    const visitor = await guest();

    // act
    const [explore, friends] = await Promise.all([
      photoPages((cursor) => visitor.invoke('listPublicPhotos', { limit: 1, cursor })),
      pagesOf(async (cursor) => {
        const page = await alice.session.invoke('listFriends', { limit: 1, cursor });
        return { ids: page.friends.map((friend) => friend.userId), nextCursor: page.nextCursor };
      }),
    ]);
    const firstExplorePages = explore.slice(0, 3);
    const feed = await photoPages((cursor) => alice.session.invoke('getFeed', { limit: 1, cursor }));

    // assess
    expect(friends.flatMap((page) => page.ids).sort()).toEqual([aliceFriend.userId, stranger.userId].sort());
    expect(feed.length).toBeGreaterThan(1);
    expectOpaque(
      firstExplorePages.map((page) => page.nextCursor),
      firstExplorePages.flatMap((page) => page.ids).map((id) => ({ id })),
    );
    expectOpaque(
      friends.map((page) => page.nextCursor),
      [aliceFriend, stranger].map((friend) => ({ id: friend.userId })),
    );
    expectOpaque(
      feed.map((page) => page.nextCursor),
      [...aliceHidden, ...aliceFriends, ...alicePublic].map((photo) => ({
        id: photo.photoId,
        createdAt: photo.createdAt,
      })),
    );
    visitor.destroy();
  });

  it('a cursor handed to one reader is refused for another', async () => {
    // prepare
    const visitor = await guest();
    const [profile, explore, feed, friends] = await Promise.all([
      stranger.session.invoke('listUserPhotos', { username: alice.username, limit: 1 }),
      stranger.session.invoke('listPublicPhotos', { limit: 1 }),
      alice.session.invoke('getFeed', { limit: 1 }),
      alice.session.invoke('listFriends', { limit: 1 }),
    ]);
    const ownerProfile = await alice.session.invoke('listUserPhotos', { username: alice.username, limit: 1 });
    for (const page of [profile, explore, feed, friends, ownerProfile]) expect(page.nextCursor).toBeDefined();

    // act
    const attempts = await Promise.all([
      failureOf(
        otherStranger.session.invoke('listUserPhotos', {
          username: alice.username,
          limit: 1,
          cursor: profile.nextCursor,
        }),
      ),
      failureOf(
        stranger.session.invoke('listUserPhotos', {
          username: alice.username,
          limit: 1,
          cursor: ownerProfile.nextCursor,
        }),
      ),
      failureOf(visitor.invoke('listPublicPhotos', { limit: 1, cursor: explore.nextCursor })),
      failureOf(otherStranger.session.invoke('listPublicPhotos', { limit: 1, cursor: explore.nextCursor })),
      failureOf(bob.session.invoke('getFeed', { limit: 1, cursor: feed.nextCursor })),
      failureOf(bob.session.invoke('listFriends', { limit: 1, cursor: friends.nextCursor })),
      // Another list of the same reader.
      failureOf(
        stranger.session.invoke('listUserPhotos', {
          username: bob.username,
          limit: 1,
          cursor: profile.nextCursor,
        }),
      ),
      failureOf(stranger.session.invoke('listPublicPhotos', { limit: 1, cursor: profile.nextCursor })),
    ]);

    // assess
    for (const error of attempts) expect(error).toMatchObject(invalidCursor);
    visitor.destroy();
  });

  it('an edited cursor is refused with ValidationError', async () => {
    // prepare: edits of a real cursor, bit by bit and as text
    const { nextCursor } = await stranger.session.invoke('listUserPhotos', {
      username: alice.username,
      limit: 1,
    });
    if (!nextCursor) throw new Error('expected a second page');
    const bytes = Buffer.from(nextCursor, 'base64url');
    const flipped = [0, 0.25, 0.5, 0.75, 1].map((at) => {
      const copy = Buffer.from(bytes);
      const index = Math.min(copy.length - 1, Math.floor(at * copy.length));
      copy[index] = (copy[index] ?? 0) ^ 0x01;
      return copy.toString('base64url');
    });
    const lastChar = nextCursor.at(-1) === 'A' ? 'B' : 'A';
    const edits = [
      ...flipped,
      `${nextCursor.slice(0, -1)}${lastChar}`,
      nextCursor.slice(0, -4),
      `${nextCursor}AAAA`,
      Buffer.from('{"list":"user"}').toString('base64url'),
    ];

    // act
    const attempts = await Promise.all(
      edits.map((cursor) =>
        failureOf(stranger.session.invoke('listUserPhotos', { username: alice.username, limit: 1, cursor })),
      ),
    );

    // assess
    for (const error of attempts) expect(error).toMatchObject(invalidCursor);
  });

  it('a feed with entries a race left behind pages as if they were not there', async () => {
    // prepare: the reader's own two photos, then two newer entries of a non-friend's friends-only
    // photos put straight into the reader's feed (what a fan-out racing an unfriending leaves)
    const reader = await registerUser('feedreader');
    const own = [
      await uploaded(reader, { visibility: 'private' }),
      await uploaded(reader, { visibility: 'private' }),
    ];
    await eventually(
      () => photoPages((cursor) => reader.session.invoke('getFeed', { limit: 50, cursor })),
      (pages) => pages.flatMap((page) => page.ids).length === 2,
    );
    const documents = rootDocuments();
    const leftovers = [1, 2].map((hours) => ({
      id: randomUUID(),
      createdAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
    }));
    for (const leftover of leftovers) {
      await documents.send(
        new PutCommand({
          TableName: FEEDS_TABLE,
          Item: {
            userId: reader.userId,
            entry: `${leftover.createdAt}#${leftover.id}`,
            photoId: leftover.id,
            ownerId: randomUUID(),
            ownerUsername: 'someone_else',
            caption: '',
            visibility: 'friends',
            status: 'ready',
            createdAt: leftover.createdAt,
            sizes: [],
          },
        }),
      );
    }

    // act
    const pages = await photoPages((cursor) => reader.session.invoke('getFeed', { limit: 1, cursor }));

    // assess
    expect(pages.flatMap((page) => page.ids)).toEqual([own[1]?.photoId, own[0]?.photoId]);
    expect(shapeOf(pages)).toEqual([
      { size: 1, cursor: true },
      { size: 1, cursor: false },
    ]);
    expectOpaque(
      pages.map((page) => page.nextCursor),
      leftovers,
    );
    documents.destroy();
  });
});
