import { readFileSync } from 'node:fs';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { planRecord, tableOfStream, UnreadableRecordError } from '../../../../src/feed/fan-out/plan.js';

const tables = { photos: 'lambdagram-photos', friendships: 'lambdagram-friendships' };
const OWNER = '6f1c1a52-3c1e-4b8e-9a57-0e4a4c1f2b10';
const FRIEND = '9b2d7e44-81a0-4c55-b7f3-2d6e0c9a1f87';
const PHOTO = '3e5b9f02-7d4a-4f1e-8c63-5a2b1d0e9f34';
const ENTRY = `2026-11-24T19:58:31.412Z#${PHOTO}`;

/** The one record of a recorded stream event in `test/events/dynamodb/`. */
function recordOf(fixture: string): DynamoDBRecord {
  const url = new URL(`../../../events/dynamodb/${fixture}.json`, import.meta.url);
  const event = JSON.parse(readFileSync(url, 'utf8')) as DynamoDBStreamEvent;
  const [record] = event.Records;
  if (!record) throw new Error(`${fixture} has no record`);
  return record;
}

const everyone = { owner: true, friends: true };
const ownerOnly = { owner: true, friends: false };
const friendsOnly = { owner: false, friends: true };

describe('fan-out plans for photo changes', () => {
  it('puts a new friends photo in its owner’s feed and every friend’s, with what a page shows', () => {
    // act
    const plan = planRecord(recordOf('photo-insert-friends'), tables);

    // assess
    expect(plan).toEqual({
      kind: 'photo',
      photoId: PHOTO,
      ownerId: OWNER,
      put: {
        to: everyone,
        photo: {
          photoId: PHOTO,
          ownerId: OWNER,
          ownerUsername: 'Ada_Lovelace',
          caption: 'Sunrise over the harbour',
          visibility: 'friends',
          createdAt: '2026-11-24T19:58:31.412Z',
          width: 4032,
          height: 3024,
          sizes: [
            { width: 320, height: 240, key: `photos/${PHOTO}/320.webp` },
            { width: 720, height: 540, key: `photos/${PHOTO}/720.webp` },
            { width: 1440, height: 1080, key: `photos/${PHOTO}/1440.webp` },
          ],
          placeholder: expect.objectContaining({ color: '#c08a5b' }),
        },
      },
    });
  });

  it('never copies the original’s key or upload details into a feed', () => {
    // act
    const plan = planRecord(recordOf('photo-insert-friends'), tables);

    // assess
    expect(plan.kind === 'photo' && plan.put?.photo).not.toHaveProperty('originalKey');
    expect(plan.kind === 'photo' && plan.put?.photo).not.toHaveProperty('ownerIdentityId');
    expect(plan.kind === 'photo' && plan.put?.photo).not.toHaveProperty('uploadETag');
  });

  it('puts a new private photo in its owner’s feed only', () => {
    // act
    const plan = planRecord(recordOf('photo-insert-private'), tables);

    // assess
    expect(plan).toMatchObject({ kind: 'photo', put: { to: ownerOnly } });
    expect(plan).not.toHaveProperty('remove');
  });

  it('leaves a refused upload out of every feed', () => {
    expect(planRecord(recordOf('photo-insert-failed'), tables)).toMatchObject({ kind: 'nothing' });
  });

  it('rewrites every copy when the caption changes, removing none', () => {
    // act
    const plan = planRecord(recordOf('photo-modify-caption'), tables);

    // assess
    expect(plan).toMatchObject({
      kind: 'photo',
      put: { to: everyone, photo: { caption: 'Sunrise over the harbour, Valletta' } },
    });
    expect(plan).not.toHaveProperty('remove');
  });

  it('takes a photo made private out of the friends’ feeds and keeps it in its owner’s', () => {
    // act
    const plan = planRecord(recordOf('photo-modify-public-to-private'), tables);

    // assess
    expect(plan).toMatchObject({
      kind: 'photo',
      remove: { entry: ENTRY, from: friendsOnly },
      put: { to: ownerOnly, photo: { visibility: 'private' } },
    });
  });

  it('adds a private photo shared with friends to every friend’s feed', () => {
    // act
    const plan = planRecord(recordOf('photo-modify-private-to-friends'), tables);

    // assess
    expect(plan).toMatchObject({ kind: 'photo', put: { to: everyone, photo: { visibility: 'friends' } } });
    expect(plan).not.toHaveProperty('remove');
  });

  it('writes nothing when only what feeds do not show changed', () => {
    expect(planRecord(recordOf('photo-modify-etag-only'), tables)).toMatchObject({ kind: 'nothing' });
  });

  it('removes a deleted photo from every feed, even one that was private', () => {
    // act
    const plan = planRecord(recordOf('photo-remove'), tables);

    // assess
    expect(plan).toEqual({
      kind: 'photo',
      photoId: PHOTO,
      ownerId: OWNER,
      remove: { entry: ENTRY, from: everyone },
    });
  });

  it('removes a photo that failed after being ready from every feed', () => {
    // prepare: the caption fixture's new image, turned into a failure
    const record = recordOf('photo-modify-caption');
    const image = record.dynamodb?.NewImage;
    if (!image) throw new Error('fixture without NewImage');
    image.status = { S: 'failed' };

    // act
    const plan = planRecord(record, tables);

    // assess
    expect(plan).toEqual({
      kind: 'photo',
      photoId: PHOTO,
      ownerId: OWNER,
      remove: { entry: ENTRY, from: everyone },
    });
  });
});

describe('fan-out plans for friendship changes', () => {
  it('backfills the new friend’s photos into the feed of the item’s user when a request is accepted', () => {
    expect(planRecord(recordOf('friendship-accepted'), tables)).toEqual({
      kind: 'backfill',
      reader: FRIEND,
      author: OWNER,
    });
  });

  it('prunes the former friend’s photos from the feed of the item’s user on unfriending', () => {
    expect(planRecord(recordOf('friendship-removed'), tables)).toEqual({
      kind: 'prune',
      reader: FRIEND,
      author: OWNER,
    });
  });

  it('changes no feed for a request made or cancelled', () => {
    expect(planRecord(recordOf('friendship-request'), tables)).toMatchObject({ kind: 'nothing' });
    expect(planRecord(recordOf('friendship-request-cancelled'), tables)).toMatchObject({ kind: 'nothing' });
  });
});

describe('records fan-out cannot read', () => {
  it('tells the two streams apart by the table in the event source ARN', () => {
    expect(tableOfStream(recordOf('photo-insert-friends').eventSourceARN)).toBe('lambdagram-photos');
    expect(tableOfStream(recordOf('friendship-accepted').eventSourceARN)).toBe('lambdagram-friendships');
  });

  it('refuses a record of another stream', () => {
    // prepare
    const record = recordOf('photo-insert-friends');
    record.eventSourceARN =
      'arn:aws:dynamodb:us-east-1:123456789012:table/lambdagram-users/stream/2026-11-24T20:00:00.000';

    // act, assess
    expect(() => planRecord(record, tables)).toThrow(UnreadableRecordError);
  });

  it('refuses a photo image without its owner', () => {
    // prepare
    const record = recordOf('photo-insert-friends');
    delete record.dynamodb?.NewImage?.ownerId;

    // act, assess
    expect(() => planRecord(record, tables)).toThrow(UnreadableRecordError);
  });
});
