import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES, type PhotoView, type Visibility } from '../../src/contracts/index.js';
import {
  BUCKET,
  FunctionError,
  guest,
  rootDocuments,
  rootLambda,
  rootS3,
  type Session,
  STACK,
} from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { exifHasGps, makeJpeg, makePng } from '../support/images.js';
import { registerUser, type TestUser } from '../support/users.js';

const PHOTOS_TABLE = `${STACK}-photos`;

// ---- what a browser does ----

interface Upload {
  photoId: string;
  key: string;
}

/** Puts an original under the user's own prefix, with its caption and visibility as metadata. */
async function upload(
  user: TestUser,
  body: Uint8Array,
  { caption = '', visibility = 'public' }: { caption?: string; visibility?: Visibility } = {},
  photoId: string = randomUUID(),
): Promise<Upload> {
  const key = `uploads/${user.session.identityId}/${photoId}`;
  await user.session.s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: body,
      ContentType: 'image/jpeg',
      Metadata: { caption: encodeURIComponent(caption), visibility },
    }),
  );
  return { photoId, key };
}

/** The photo once processUpload has dealt with its upload, as its owner sees it. */
async function processed(owner: TestUser, { photoId }: Upload): Promise<PhotoView> {
  return eventually(
    () => owner.session.invoke('getPhoto', { photoId }),
    (photo) => photo.status !== 'processing',
    { timeoutMs: 30_000 },
  );
}

async function uploadReady(
  owner: TestUser,
  options: { caption?: string; visibility?: Visibility } = {},
): Promise<PhotoView> {
  const photo = await processed(owner, await upload(owner, await smallJpeg(), options));
  expect(photo.status).toBe('ready');
  return photo;
}

let jpeg: Buffer | undefined;
const smallJpeg = async () => {
  jpeg ??= await makeJpeg({ width: 400, height: 300, color: '#3366cc' });
  return jpeg;
};

async function makeFriends(a: TestUser, b: TestUser): Promise<void> {
  await a.session.invoke('sendFriendRequest', { userId: b.userId });
  await b.session.invoke('respondToFriendRequest', { userId: a.userId, accept: true });
}

/** The error a call fails with (the test fails if it succeeds). */
async function failure(call: Promise<unknown>): Promise<FunctionError> {
  const error = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(FunctionError);
  return error as FunctionError;
}

async function s3Failure(call: Promise<unknown>): Promise<string | undefined> {
  return call.then(
    () => 'succeeded',
    (error: { name?: string }) => error.name,
  );
}

// ---- what the stores hold ----

async function storedItem(photoId: string) {
  const { Item } = await rootDocuments().send(
    new GetCommand({ TableName: PHOTOS_TABLE, Key: { photoId }, ConsistentRead: true }),
  );
  return Item;
}

async function objectExists(key: string): Promise<boolean> {
  try {
    await rootS3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return false;
    throw error;
  }
}

async function publishedObjects(photoId: string) {
  const { Contents = [] } = await rootS3().send(
    new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `photos/${photoId}/` }),
  );
  return Contents.map(({ Key, ETag, Size }) => ({ Key, ETag, Size }));
}

/** The public photo ids a session sees, newest first, reading a few pages. */
async function publicPhotoIds(session: Session, pages = 10): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < pages; page++) {
    const result = await session.invoke('listPublicPhotos', { limit: 50, cursor });
    ids.push(...result.photos.map((photo) => photo.photoId));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

/** S3's notification for an object, as AWS shapes it (from the fixture), key URL-encoded like S3 does. */
function s3PutEvent(key: string, eTag: string, size: number, eventTime: string) {
  const event = JSON.parse(readFileSync(new URL('../events/s3/put.json', import.meta.url), 'utf8'));
  const record = event.Records[0];
  record.eventTime = eventTime;
  record.s3.bucket = { ...record.s3.bucket, name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` };
  const encodedKey = encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
  record.s3.object = { ...record.s3.object, key: encodedKey, eTag, size };
  return event;
}

/** Delivers an S3 event to processUpload again, synchronously, with its log tail. */
async function redeliver(event: unknown): Promise<{ functionError?: string; log: string }> {
  const response = await rootLambda().send(
    new InvokeCommand({
      FunctionName: `${STACK}-processUpload`,
      InvocationType: 'RequestResponse',
      LogType: 'Tail',
      Payload: JSON.stringify(event),
    }),
  );
  return {
    functionError: response.FunctionError,
    log: Buffer.from(response.LogResult ?? '', 'base64').toString('utf8'),
  };
}

describe('photos', { timeout: 60_000 }, () => {
  let owner: TestUser;
  let friend: TestUser;
  let stranger: TestUser;
  let visitor: Session;

  beforeAll(async () => {
    [owner, friend, stranger] = await Promise.all([
      registerUser('owner'),
      registerUser('friend'),
      registerUser('stranger'),
    ]);
    visitor = await guest();
    await makeFriends(owner, friend);
  });

  describe('processUpload', () => {
    it('publishes an upload as a ready photo in WebP sizes 320, 720 and 1440 px wide, without EXIF or GPS', async () => {
      // prepare: a phone-like photo that says where it was taken
      const original = await makeJpeg({ width: 2000, height: 1500, gps: true, color: '#cc6633' });
      expect(exifHasGps((await sharp(original).metadata()).exif as Buffer)).toBe(true);

      // act
      const sent = await upload(owner, original, {
        caption: 'Café at dusk, 100% + ☕',
        visibility: 'public',
      });
      const photo = await processed(owner, sent);

      // assess
      expect(photo).toMatchObject({
        photoId: sent.photoId,
        status: 'ready',
        owner: { userId: owner.userId, username: owner.username },
        caption: 'Café at dusk, 100% + ☕',
        visibility: 'public',
        width: 2000,
        height: 1500,
      });
      expect(photo.placeholder?.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(photo.placeholder?.dataUrl).toMatch(/^data:image\/webp;base64,/);
      expect(photo.images.map(({ width, height }) => ({ width, height }))).toEqual([
        { width: 320, height: 240 },
        { width: 720, height: 540 },
        { width: 1440, height: 1080 },
      ]);
      for (const image of photo.images) {
        const response = await fetch(image.url);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/webp');
        expect(response.headers.get('cache-control')).toMatch(/max-age=\d{7,}/);
        const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
        expect(metadata).toMatchObject({ format: 'webp', width: image.width, height: image.height });
        expect(metadata.exif).toBeUndefined();
        expect(metadata.xmp).toBeUndefined();
      }
    });

    it('never upscales: a small original gets only the sizes it can fill', async () => {
      // prepare
      const original = await makePng({ width: 500, height: 400 });

      // act
      const photo = await processed(owner, await upload(owner, original));

      // assess
      expect(photo.status).toBe('ready');
      expect(photo.images.map((image) => image.width)).toEqual([320, 500]);
    });

    it('records a file that is not an image as failed, with a reason, and deletes its bytes', async () => {
      // prepare
      const notAnImage = new TextEncoder().encode('#!/bin/sh\necho this is not a photo\n');

      // act
      const sent = await upload(owner, notAnImage, { caption: 'my script', visibility: 'public' });
      const photo = await processed(owner, sent);

      // assess
      expect(photo).toMatchObject({ status: 'failed', visibility: 'private', images: [] });
      expect(photo.failureReason).toMatch(/not a JPEG, PNG, WebP or AVIF/);
      // The failure is recorded first, then the bytes go.
      expect(
        await eventually(
          () => objectExists(sent.key),
          (exists) => !exists,
        ),
      ).toBe(false);
      expect(await publishedObjects(sent.photoId)).toEqual([]);
      // Nobody else learns of it.
      expect((await failure(stranger.session.invoke('getPhoto', { photoId: sent.photoId }))).errorType).toBe(
        'NotFoundError',
      );
    });

    it('refuses an upload over 25 MB and deletes it', async () => {
      // prepare: a JPEG start, then padding past the limit
      const oversized = new Uint8Array(MAX_UPLOAD_BYTES + 1);
      oversized.set(await smallJpeg());

      // act
      const sent = await upload(owner, oversized);
      const photo = await processed(owner, sent);

      // assess
      expect(photo.status).toBe('failed');
      expect(photo.failureReason).toMatch(/larger than 25 MB/);
      expect(
        await eventually(
          () => objectExists(sent.key),
          (exists) => !exists,
        ),
      ).toBe(false);
    });

    it('changes nothing when S3 delivers the same upload event again', async () => {
      // prepare
      const sent = await upload(owner, await smallJpeg(), { caption: 'once', visibility: 'friends' });
      await processed(owner, sent);
      const item = await storedItem(sent.photoId);
      const objects = await publishedObjects(sent.photoId);
      const event = s3PutEvent(sent.key, item?.uploadETag, 1, item?.createdAt);

      // act
      const result = await redeliver(event);

      // assess
      expect(result.functionError).toBeUndefined();
      expect(result.log).toContain('"outcome":"duplicate"');
      expect(await storedItem(sent.photoId)).toEqual(item);
      expect(await publishedObjects(sent.photoId)).toEqual(objects);
    });

    it('changes nothing when a refused upload is delivered again', async () => {
      // prepare
      const sent = await upload(owner, new TextEncoder().encode('not an image'));
      await processed(owner, sent);
      const item = await storedItem(sent.photoId);

      // act
      const result = await redeliver(s3PutEvent(sent.key, item?.uploadETag, 12, item?.createdAt));

      // assess
      expect(result.functionError).toBeUndefined();
      expect(await storedItem(sent.photoId)).toEqual(item);
      expect(await objectExists(sent.key)).toBe(false);
    });

    it("never lets another user's upload replace a photo by reusing its id", async () => {
      // prepare: the owner's public photo, whose id anyone can read
      const photo = await uploadReady(owner, { caption: 'mine', visibility: 'public' });
      const item = await storedItem(photo.photoId);
      const objects = await publishedObjects(photo.photoId);
      const impostor = await makeJpeg({ width: 1600, height: 1200, color: '#00ff00' });

      // act: the stranger uploads under their own prefix with the same photo id
      const sent = await upload(
        stranger,
        impostor,
        { caption: 'stolen', visibility: 'public' },
        photo.photoId,
      );
      const gone = await eventually(
        () => objectExists(sent.key),
        (exists) => !exists,
        { timeoutMs: 30_000 },
      );

      // assess
      expect(gone).toBe(false);
      expect(await storedItem(photo.photoId)).toEqual(item);
      expect(await publishedObjects(photo.photoId)).toEqual(objects);
      expect(await stranger.session.invoke('getPhoto', { photoId: photo.photoId })).toMatchObject({
        caption: 'mine',
        owner: { userId: owner.userId },
      });
    });

    it('does not bring a deleted photo back when its upload event comes again', async () => {
      // prepare
      const sent = await upload(owner, await smallJpeg());
      await processed(owner, sent);
      const item = await storedItem(sent.photoId);
      await owner.session.invoke('deletePhoto', { photoId: sent.photoId });

      // act
      const result = await redeliver(s3PutEvent(sent.key, item?.uploadETag, 1, item?.createdAt));

      // assess
      expect(result.functionError).toBeUndefined();
      expect(await storedItem(sent.photoId)).toBeUndefined();
      expect(await publishedObjects(sent.photoId)).toEqual([]);
    });
  });

  describe('uploads', () => {
    it("refuses a write to another user's prefix, or outside uploads/", async () => {
      // prepare
      const photoId = randomUUID();
      const put = (session: Session, key: string) =>
        session.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: new Uint8Array([1, 2, 3]) }));

      // act
      const outcomes = await Promise.all([
        s3Failure(put(stranger.session, `uploads/${owner.session.identityId}/${photoId}`)),
        s3Failure(put(stranger.session, `photos/${photoId}/320.webp`)),
        s3Failure(put(visitor, `uploads/${visitor.identityId}/${photoId}`)),
      ]);

      // assess
      expect(outcomes).toEqual(['AccessDenied', 'AccessDenied', 'AccessDenied']);
      expect(await objectExists(`uploads/${owner.session.identityId}/${photoId}`)).toBe(false);
    });

    it('lets nobody read originals or published sizes straight from S3, only through presigned URLs', async () => {
      // prepare
      const sent = await upload(owner, await smallJpeg(), { visibility: 'private' });
      const photo = await processed(owner, sent);
      const get = (session: Session, key: string) =>
        session.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));

      // act
      const outcomes = await Promise.all([
        s3Failure(get(stranger.session, `photos/${photo.photoId}/320.webp`)),
        s3Failure(get(visitor, `photos/${photo.photoId}/320.webp`)),
        s3Failure(get(stranger.session, sent.key)),
        s3Failure(get(owner.session, sent.key)),
      ]);

      // assess
      expect(outcomes).toEqual(['AccessDenied', 'AccessDenied', 'AccessDenied', 'AccessDenied']);
    });
  });

  describe('getPhoto', () => {
    it('shows an upload that is not processed yet to its uploader only, as processing', async () => {
      // prepare: an original whose photo item is not there (as before processUpload has run)
      const sent = await upload(owner, await smallJpeg(), { caption: 'on its way', visibility: 'public' });
      await processed(owner, sent);
      await rootDocuments().send(
        new DeleteCommand({ TableName: PHOTOS_TABLE, Key: { photoId: sent.photoId } }),
      );

      // act
      const seenByOwner = await owner.session.invoke('getPhoto', { photoId: sent.photoId });
      const seenByStranger = await failure(stranger.session.invoke('getPhoto', { photoId: sent.photoId }));

      // assess
      expect(seenByOwner).toMatchObject({
        photoId: sent.photoId,
        status: 'processing',
        owner: { userId: owner.userId, username: owner.username },
        caption: 'on its way',
        visibility: 'public',
        images: [],
      });
      expect(seenByStranger.errorType).toBe('NotFoundError');
    });

    it('shows each photo only to those its visibility allows, and hides that the others exist', async () => {
      // prepare
      const [publicPhoto, friendsPhoto, privatePhoto] = await Promise.all([
        uploadReady(owner, { visibility: 'public' }),
        uploadReady(owner, { visibility: 'friends' }),
        uploadReady(owner, { visibility: 'private' }),
      ]);
      const viewers = {
        owner: owner.session,
        friend: friend.session,
        stranger: stranger.session,
        guest: visitor,
      };
      const missing = randomUUID();

      // act
      const seen: Record<string, string[]> = {};
      const notFoundMessages = new Set<string>();
      for (const [name, session] of Object.entries(viewers)) {
        const visible: string[] = [];
        seen[name] = visible;
        for (const [label, photoId] of [
          ['public', publicPhoto.photoId],
          ['friends', friendsPhoto.photoId],
          ['private', privatePhoto.photoId],
          ['missing', missing],
        ] as const) {
          try {
            const photo = await session.invoke('getPhoto', { photoId });
            expect(photo.photoId).toBe(photoId);
            visible.push(label);
          } catch (error) {
            expect(error).toMatchObject({ errorType: 'NotFoundError' });
            notFoundMessages.add((error as FunctionError).message);
          }
        }
      }

      // assess
      expect(seen).toEqual({
        owner: ['public', 'friends', 'private'],
        friend: ['public', 'friends'],
        stranger: ['public'],
        guest: ['public'],
      });
      // A hidden photo reads exactly like one that does not exist.
      expect(notFoundMessages.size).toBe(1);
    });

    it('hands out image URLs that stay the same between calls, for the browser cache', async () => {
      // prepare
      const photo = await uploadReady(owner, { visibility: 'public' });

      // act
      const again = await visitor.invoke('getPhoto', { photoId: photo.photoId });

      // assess
      expect(again.images.map((image) => image.url)).toEqual(photo.images.map((image) => image.url));
    });
  });

  describe('listUserPhotos', () => {
    let lister: TestUser;
    let listerFriend: TestUser;
    const byVisibility: Record<Visibility, string[]> = { public: [], friends: [], private: [] };
    let failedId: string;

    beforeAll(async () => {
      [lister, listerFriend] = await Promise.all([registerUser('lister'), registerUser('listfriend')]);
      await makeFriends(lister, listerFriend);
      // Oldest first: 2 public, 2 friends, 3 private, then a failed upload (newest).
      for (const visibility of [
        'public',
        'public',
        'friends',
        'friends',
        'private',
        'private',
        'private',
      ] as const) {
        byVisibility[visibility].unshift((await uploadReady(lister, { visibility })).photoId);
      }
      const failed = await processed(lister, await upload(lister, new TextEncoder().encode('no image')));
      failedId = failed.photoId;
    });

    async function allPages(viewer: Session, limit: number) {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await viewer.invoke('listUserPhotos', { username: lister.username, limit, cursor });
        expect(page.user).toEqual({ userId: lister.userId, username: lister.username });
        pages.push(page.photos.map((photo) => photo.photoId));
        cursor = page.nextCursor;
      } while (cursor && pages.length < 20);
      return pages;
    }

    it('lists everything, failed uploads too, newest first, to the owner', async () => {
      // act
      const pages = await allPages(lister.session, 3);

      // assess
      const newestFirst = [
        failedId,
        ...byVisibility.private,
        ...byVisibility.friends,
        ...byVisibility.public,
      ];
      expect(pages).toEqual([newestFirst.slice(0, 3), newestFirst.slice(3, 6), newestFirst.slice(6)]);
      const first = await lister.session.invoke('listUserPhotos', { username: lister.username, limit: 1 });
      expect(first.photos[0]).toMatchObject({ status: 'failed', failureReason: expect.any(String) });
    });

    it('lists public and friends photos to a friend, filling pages across hidden ones', async () => {
      // act
      const pages = await allPages(listerFriend.session, 2);

      // assess
      expect(pages).toEqual([byVisibility.friends, byVisibility.public]);
    });

    it('lists only public photos to a stranger', async () => {
      // act
      const pages = await allPages(stranger.session, 2);

      // assess
      expect(pages).toEqual([byVisibility.public]);
    });

    it('pages a stranger one public photo at a time, with no page for the hidden ones', async () => {
      // act: one photo a page, five hidden ones come first
      const pages = await allPages(stranger.session, 1);

      // assess: nothing skipped, nothing repeated
      expect(pages).toEqual(byVisibility.public.map((photoId) => [photoId]));
    });

    it("refuses a cursor of another user's list and a forged one", async () => {
      // prepare
      const first = await lister.session.invoke('listUserPhotos', { username: lister.username, limit: 1 });
      expect(first.nextCursor).toBeDefined();
      const forged = Buffer.from(
        JSON.stringify({ list: 'user', ownerId: lister.userId, limit: 1000 }),
      ).toString('base64url');

      // act
      const attempts = await Promise.all([
        failure(
          lister.session.invoke('listUserPhotos', { username: owner.username, cursor: first.nextCursor }),
        ),
        failure(stranger.session.invoke('listPublicPhotos', { cursor: first.nextCursor })),
        failure(stranger.session.invoke('listUserPhotos', { username: lister.username, cursor: forged })),
        failure(
          stranger.session.invoke('listUserPhotos', { username: lister.username, cursor: 'bm90IGpzb24' }),
        ),
      ]);

      // assess
      for (const error of attempts) {
        expect(error).toMatchObject({
          errorType: 'ValidationError',
          message: expect.stringContaining('This page link is no longer valid.'),
        });
      }
    });

    it('says when there is no such user', async () => {
      const error = await failure(
        stranger.session.invoke('listUserPhotos', { username: 'nobody_by_this_name' }),
      );
      expect(error.errorType).toBe('NotFoundError');
    });
  });

  describe('listPublicPhotos', () => {
    it('shows guests the ready public photos only', async () => {
      // prepare
      const [publicPhoto, friendsPhoto, privatePhoto] = await Promise.all([
        uploadReady(owner, { visibility: 'public' }),
        uploadReady(owner, { visibility: 'friends' }),
        uploadReady(owner, { visibility: 'private' }),
      ]);
      const failed = await processed(
        owner,
        await upload(owner, new TextEncoder().encode('x'), { visibility: 'public' }),
      );

      // act
      const ids = await publicPhotoIds(visitor);

      // assess
      expect(ids).toContain(publicPhoto.photoId);
      expect(ids).not.toContain(friendsPhoto.photoId);
      expect(ids).not.toContain(privatePhoto.photoId);
      expect(ids).not.toContain(failed.photoId);
    });

    it('pages newest first without repeating a photo', async () => {
      // prepare
      const older = await uploadReady(owner, { visibility: 'public' });
      const newer = await uploadReady(owner, { visibility: 'public' });

      // act
      const first = await visitor.invoke('listPublicPhotos', { limit: 1 });
      const second = await visitor.invoke('listPublicPhotos', { limit: 1, cursor: first.nextCursor });
      const ids = await publicPhotoIds(visitor);

      // assess
      expect(first.photos).toHaveLength(1);
      expect(second.photos[0]?.photoId).not.toBe(first.photos[0]?.photoId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.indexOf(newer.photoId)).toBeLessThan(ids.indexOf(older.photoId));
    });
  });

  describe('updatePhoto', () => {
    it("changes the owner's caption and visibility, and the public list follows", async () => {
      // prepare
      const photo = await uploadReady(owner, { caption: 'before', visibility: 'public' });

      // act
      const hidden = await owner.session.invoke('updatePhoto', {
        photoId: photo.photoId,
        caption: 'after',
        visibility: 'private',
      });

      // assess
      expect(hidden).toMatchObject({ caption: 'after', visibility: 'private', status: 'ready' });
      expect(await publicPhotoIds(visitor)).not.toContain(photo.photoId);
      expect((await failure(stranger.session.invoke('getPhoto', { photoId: photo.photoId }))).errorType).toBe(
        'NotFoundError',
      );
      expect((await storedItem(photo.photoId))?.publicFeed).toBeUndefined();

      // act: public again
      await owner.session.invoke('updatePhoto', { photoId: photo.photoId, visibility: 'public' });

      // assess
      expect(await stranger.session.invoke('getPhoto', { photoId: photo.photoId })).toMatchObject({
        caption: 'after',
      });
      expect(await publicPhotoIds(visitor)).toContain(photo.photoId);
    });

    it("refuses to edit someone else's photo: forbidden if visible, not found if not", async () => {
      // prepare
      const [publicPhoto, friendsPhoto] = await Promise.all([
        uploadReady(owner, { caption: 'public', visibility: 'public' }),
        uploadReady(owner, { caption: 'friends', visibility: 'friends' }),
      ]);

      // act
      const attempts = await Promise.all([
        failure(
          stranger.session.invoke('updatePhoto', { photoId: publicPhoto.photoId, visibility: 'private' }),
        ),
        failure(friend.session.invoke('updatePhoto', { photoId: friendsPhoto.photoId, caption: 'hacked' })),
        failure(stranger.session.invoke('updatePhoto', { photoId: friendsPhoto.photoId, caption: 'hacked' })),
      ]);

      // assess
      expect(attempts.map((error) => error.errorType)).toEqual([
        'ForbiddenError',
        'ForbiddenError',
        'NotFoundError',
      ]);
      expect(await storedItem(publicPhoto.photoId)).toMatchObject({
        caption: 'public',
        visibility: 'public',
      });
      expect(await storedItem(friendsPhoto.photoId)).toMatchObject({
        caption: 'friends',
        visibility: 'friends',
      });
    });
  });

  describe('deletePhoto', () => {
    it('removes the item, every size and the original', async () => {
      // prepare
      const original = await makeJpeg({ width: 1600, height: 1200 });
      const sent = await upload(owner, original);
      const photo = await processed(owner, sent);
      expect(await publishedObjects(photo.photoId)).toHaveLength(3);

      // act
      const result = await owner.session.invoke('deletePhoto', { photoId: photo.photoId });

      // assess
      expect(result).toEqual({ deleted: true });
      expect(await storedItem(photo.photoId)).toBeUndefined();
      expect(await publishedObjects(photo.photoId)).toEqual([]);
      expect(await objectExists(sent.key)).toBe(false);
      expect((await failure(owner.session.invoke('getPhoto', { photoId: photo.photoId }))).errorType).toBe(
        'NotFoundError',
      );
    });

    it("refuses to delete someone else's photo and leaves it whole", async () => {
      // prepare
      const [publicPhoto, privatePhoto] = await Promise.all([
        uploadReady(owner, { visibility: 'public' }),
        uploadReady(owner, { visibility: 'private' }),
      ]);

      // act
      const attempts = await Promise.all([
        failure(stranger.session.invoke('deletePhoto', { photoId: publicPhoto.photoId })),
        failure(friend.session.invoke('deletePhoto', { photoId: privatePhoto.photoId })),
      ]);

      // assess
      expect(attempts.map((error) => error.errorType)).toEqual(['ForbiddenError', 'NotFoundError']);
      expect(await storedItem(publicPhoto.photoId)).toBeDefined();
      expect(await publishedObjects(publicPhoto.photoId)).toHaveLength(2);
      expect(await owner.session.invoke('getPhoto', { photoId: privatePhoto.photoId })).toMatchObject({
        status: 'ready',
      });
    });
  });
});
