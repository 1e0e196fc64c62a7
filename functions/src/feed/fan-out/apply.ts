import { type PhotoItem, photosTable } from '#shared/photo-items.js';
import { queryItems } from '#shared/query-items.js';
import { friendIdsOf } from '#shared/relationships.js';
import { entriesByOwner, type FeedPhotoFields, feedEntryOf, feedFieldsOf } from '../feeds-table.js';
import { type FeedWrite, writeFeeds } from './feed-writes.js';
import type { FeedPlan, PhotoPlan, Readers } from './plan.js';

/** How many of a new friend's photos are backfilled into the feed. */
export const BACKFILL_PHOTOS = 50;

/** What applying a plan did, for the log. */
export interface Applied {
  removed: number;
  written: number;
}

/** Carries out a plan: finds whose feeds it concerns and writes them. Idempotent. */
export async function applyPlan(plan: FeedPlan): Promise<Applied> {
  switch (plan.kind) {
    case 'photo':
      return applyPhotoPlan(plan);
    case 'backfill': {
      const photos = await recentSharedPhotos(plan.author, BACKFILL_PHOTOS);
      const written = await writeFeeds(photos.map((photo) => ({ put: feedEntryOf(plan.reader, photo) })));
      return { removed: 0, written };
    }
    case 'prune': {
      const entries = await entriesByOwner(plan.reader, plan.author);
      const removed = await writeFeeds(entries.map((entry) => ({ delete: { userId: plan.reader, entry } })));
      return { removed, written: 0 };
    }
    case 'nothing':
      return { removed: 0, written: 0 };
  }
}

async function applyPhotoPlan(plan: PhotoPlan): Promise<Applied> {
  const needFriends = Boolean(plan.remove?.from.friends || plan.put?.to.friends);
  const friends = needFriends ? await friendIdsOf(plan.ownerId) : [];
  const readersIn = (readers: Readers) => [
    ...(readers.owner ? [plan.ownerId] : []),
    ...(readers.friends ? friends.filter((friend) => friend !== plan.ownerId) : []),
  ];
  // Removals first: when an entry moves to another key, the old copy goes before the new one comes.
  const { remove, put } = plan;
  const removals: FeedWrite[] = remove
    ? readersIn(remove.from).map((reader) => ({ delete: { userId: reader, entry: remove.entry } }))
    : [];
  const removed = await writeFeeds(removals);
  const puts: FeedWrite[] = put
    ? readersIn(put.to).map((reader) => ({ put: feedEntryOf(reader, put.photo) }))
    : [];
  const written = await writeFeeds(puts);
  return { removed, written };
}

/**
 * The newest `count` ready public and friends photos of `ownerId`, from the photos table's
 * `byOwner` index (newest first), reading on past private and failed ones.
 */
async function recentSharedPhotos(ownerId: string, count: number): Promise<FeedPhotoFields[]> {
  const photos: FeedPhotoFields[] = [];
  for await (const item of queryItems({
    TableName: photosTable(),
    IndexName: 'byOwner',
    KeyConditionExpression: 'ownerId = :owner',
    FilterExpression: '#status = :ready AND visibility IN (:public, :friends)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':owner': ownerId,
      ':ready': 'ready',
      ':public': 'public',
      ':friends': 'friends',
    },
    ScanIndexForward: false,
    Limit: count,
  })) {
    photos.push(feedFieldsOf(item as unknown as PhotoItem));
    if (photos.length === count) break;
  }
  return photos;
}
