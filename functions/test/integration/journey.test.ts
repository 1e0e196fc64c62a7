import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { PhotoPage, Visibility } from '../../src/contracts/index.js';
import '../support/use-global-stack.js';
import { BUCKET, FunctionError, guest, STACK } from '../support/app.js';
import { eventually } from '../support/eventually.js';
import { makeJpeg } from '../support/images.js';
import { registerUser, type TestUser } from '../support/users.js';

// The whole product, as people use it: real sign-ups, real uploads to S3, processUpload triggered by
// the bucket, fanOut by the photos table's stream, and feeds read through getFeed.

async function befriend(a: TestUser, b: TestUser): Promise<void> {
  await a.session.invoke('sendFriendRequest', { userId: b.userId });
  await b.session.invoke('respondToFriendRequest', { userId: a.userId, accept: true });
}

async function upload(owner: TestUser, caption: string, visibility: Visibility): Promise<string> {
  const photoId = randomUUID();
  await owner.session.s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `uploads/${owner.session.identityId}/${photoId}`,
      Body: await makeJpeg({ width: 1200, height: 900, color: '#3366cc', gps: true }),
      ContentType: 'image/jpeg',
      Metadata: { caption: encodeURIComponent(caption), visibility },
    }),
  );
  return photoId;
}

const feedOf = (user: TestUser) => user.session.invoke('getFeed', {});
const ids = (page: PhotoPage) => page.photos.map((photo) => photo.photoId);

describe('the journey', () => {
  it('takes an upload to a friend’s feed and never to a stranger’s, and follows edits and deletes', async () => {
    const [alice, bob, carol] = await Promise.all([
      registerUser('alice'),
      registerUser('bob'),
      registerUser('carol'),
    ]);
    await befriend(alice, bob);

    const photoId = await upload(alice, 'Sunset über the bay', 'friends');
    const bobsFeed = await eventually(
      () => feedOf(bob),
      (page) => ids(page).includes(photoId),
    );

    const seen = bobsFeed.photos.find((photo) => photo.photoId === photoId);
    expect(seen).toMatchObject({
      status: 'ready',
      caption: 'Sunset über the bay',
      owner: { userId: alice.userId, username: alice.username },
      width: 1200,
      height: 900,
    });
    expect(seen?.images.map((image) => image.width)).toEqual([320, 720, 1200]);
    const image = await fetch(seen?.images[0]?.url ?? '');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(ids(await feedOf(alice))).toContain(photoId);
    expect(ids(await feedOf(carol))).not.toContain(photoId);
    await expect(carol.session.invoke('getPhoto', { photoId })).rejects.toMatchObject({
      errorType: 'NotFoundError',
    });

    await alice.session.invoke('updatePhoto', { photoId, visibility: 'private' });
    await eventually(
      () => feedOf(bob),
      (page) => !ids(page).includes(photoId),
    );
    expect(ids(await feedOf(bob))).not.toContain(photoId);
    expect(ids(await feedOf(alice))).toContain(photoId);

    await alice.session.invoke('updatePhoto', { photoId, visibility: 'public', caption: 'Public now' });
    const back = await eventually(
      () => feedOf(bob),
      (page) => page.photos.some((photo) => photo.photoId === photoId && photo.caption === 'Public now'),
    );
    expect(back.photos.find((photo) => photo.photoId === photoId)?.caption).toBe('Public now');
    expect(ids(await (await guest()).invoke('listPublicPhotos', {}))).toContain(photoId);

    await alice.session.invoke('deletePhoto', { photoId });
    await eventually(
      () => feedOf(bob),
      (page) => !ids(page).includes(photoId),
    );
    expect(ids(await feedOf(bob))).not.toContain(photoId);
    expect(ids(await feedOf(alice))).not.toContain(photoId);
  });

  it('shows a new friend’s earlier photos once they are friends, and none after unfriending', async () => {
    const [dana, erin] = await Promise.all([registerUser('dana'), registerUser('erin')]);
    const photoId = await upload(dana, 'before we met', 'friends');
    await eventually(
      () => feedOf(dana),
      (page) => ids(page).includes(photoId),
    );

    await befriend(dana, erin);
    await eventually(
      () => feedOf(erin),
      (page) => ids(page).includes(photoId),
    );
    expect(ids(await feedOf(erin))).toContain(photoId);

    await erin.session.invoke('removeFriend', { userId: dana.userId });
    await eventually(
      () => feedOf(erin),
      (page) => !ids(page).includes(photoId),
    );
    expect(ids(await feedOf(erin))).not.toContain(photoId);
  });
});

describe('functions nobody may call directly', () => {
  it.each(['processUpload', 'fanOut'])('refuses %s to a signed-in user and to a guest', async (name) => {
    const [user, visitor] = await Promise.all([registerUser('caller'), guest()]);

    for (const session of [user.session, visitor]) {
      const error = await session.invokeRaw(`${STACK}-${name}`, { Records: [] }).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(FunctionError);
      expect(error).toMatchObject({ name: 'AccessDeniedException' });
    }
  });

  it('refuses the user functions to a guest', async () => {
    const visitor = await guest();

    for (const name of ['getFeed', 'getMe', 'updatePhoto', 'sendFriendRequest', 'listUserPhotos']) {
      const error = await visitor.invokeRaw(`${STACK}-${name}`, {}).catch((e: unknown) => e);
      expect(error, name).toMatchObject({ name: 'AccessDeniedException' });
    }
  });
});
