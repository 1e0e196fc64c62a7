import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '#shared/aws-clients.js';
import { setting } from '#shared/environment.js';
import type { PhotoItem } from '#shared/photo-items.js';
import { queryItems } from '#shared/query-items.js';

/**
 * Each user's feed, written ahead by `fanOut`: one item per (reader `userId`, `entry`), where
 * `entry` = `<createdAt>#<photoId>` sorts newest last, so a page is one Query read backwards. An
 * entry copies everything a page shows of the photo (never its original key or upload details), so
 * `getFeed` reads nothing else. The feed holds the reader's own photos and their friends' ready
 * public and friends photos.
 *
 * Finding one author's entries in a feed (to prune them on unfriending) is a Query of the reader's
 * partition filtered on `ownerId`: it reads the whole feed, but unfriending is rare, whereas a
 * second item per entry (an `owner#…` sort pattern) would double every fan-out write, which is the
 * hot path (one photo × every friend).
 */
export const feedsTable = () => setting('FEEDS_TABLE');

/** The sort key of a photo in any feed. */
export const feedEntryKey = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z#[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  );

export type FeedPhotoFields = Pick<
  PhotoItem,
  | 'photoId'
  | 'ownerId'
  | 'ownerUsername'
  | 'caption'
  | 'visibility'
  | 'createdAt'
  | 'width'
  | 'height'
  | 'sizes'
  | 'placeholder'
>;

export interface FeedEntry extends FeedPhotoFields {
  /** Whose feed. */
  userId: string;
  entry: string;
  status: 'ready';
}

export function entryKeyOf(photo: Pick<PhotoItem, 'createdAt' | 'photoId'>): string {
  return `${photo.createdAt}#${photo.photoId}`;
}

/** The photo fields a feed entry copies; two photos with equal fields need no feed update. */
export function feedFieldsOf(photo: PhotoItem): FeedPhotoFields {
  return {
    photoId: photo.photoId,
    ownerId: photo.ownerId,
    ownerUsername: photo.ownerUsername,
    caption: photo.caption,
    visibility: photo.visibility,
    createdAt: photo.createdAt,
    width: photo.width,
    height: photo.height,
    sizes: photo.sizes,
    placeholder: photo.placeholder,
  };
}

export function feedEntryOf(reader: string, photo: FeedPhotoFields): FeedEntry {
  return { ...photo, userId: reader, entry: entryKeyOf(photo), status: 'ready' };
}

/**
 * Up to `limit` entries of `userId`'s feed older than `before` (an entry key), newest first, and
 * whether more follow. One Query: it asks for one more than the page to learn if there is a next.
 */
export async function feedPage(
  userId: string,
  limit: number,
  before?: string,
): Promise<{ entries: FeedEntry[]; more: boolean }> {
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: feedsTable(),
      KeyConditionExpression: before ? 'userId = :reader AND entry < :before' : 'userId = :reader',
      ExpressionAttributeValues: before ? { ':reader': userId, ':before': before } : { ':reader': userId },
      ScanIndexForward: false,
      Limit: limit + 1,
    }),
  );
  const entries = Items as FeedEntry[];
  // A page cut short by DynamoDB's 1 MB limit still has a next page.
  return { entries: entries.slice(0, limit), more: entries.length > limit || LastEvaluatedKey !== undefined };
}

/** The entry keys of `ownerId`'s photos in `userId`'s feed (reads the whole feed; see above). */
export async function entriesByOwner(userId: string, ownerId: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of queryItems({
    TableName: feedsTable(),
    KeyConditionExpression: 'userId = :reader',
    FilterExpression: 'ownerId = :owner',
    ExpressionAttributeValues: { ':reader': userId, ':owner': ownerId },
    ProjectionExpression: 'entry',
    ConsistentRead: true,
  })) {
    keys.push(item.entry as string);
  }
  return keys;
}
