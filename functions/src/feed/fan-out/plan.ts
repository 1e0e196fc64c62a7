import { isDeepStrictEqual } from 'node:util';
import type { DynamoDBRecord } from 'aws-lambda';
import { z } from 'zod';
import type { PhotoItem } from '#shared/photo-items.js';
import { entryKeyOf, type FeedPhotoFields, feedFieldsOf } from '../feeds-table.js';
import { plainImage } from './stream-images.js';

/**
 * What one stream record means for the feeds, decided without reading anything (so it is tested
 * on recorded events alone); `apply.ts` then finds the friends and writes.
 *
 * Photos (only ready photos are in feeds; a feed always holds its reader's own photos):
 * - a new ready photo goes to its owner's feed and, unless private, to every friend's;
 * - a change puts the new entry where it now belongs when something a feed shows changed (caption,
 *   visibility, sizes…) and removes it where it no longer belongs (private: friends lose it);
 * - a deleted photo is removed from its owner's feed and from every friend's, whatever its
 *   visibility was (removing what is not there is harmless, leaving a stray entry is not).
 * Friendships (each side's item speaks for its own user's feed only, so the pair is handled by both
 * items' records alike): an item that becomes `friends` backfills the other's recent photos into
 * its user's feed; one that stops being `friends` (deleted, or any other status) prunes them.
 */
export type FeedPlan = PhotoPlan | BackfillPlan | PrunePlan | NothingPlan;

/** Whose feeds: the photo owner's, and/or every friend's of the owner. */
export interface Readers {
  owner: boolean;
  friends: boolean;
}

export interface PhotoPlan {
  kind: 'photo';
  photoId: string;
  ownerId: string;
  /** Entries to delete first (the entry key, from which feeds). */
  remove?: { entry: string; from: Readers };
  /** Then entries to write, whole (a put replaces an older copy). */
  put?: { photo: FeedPhotoFields; to: Readers };
}

/** `author`'s recent ready public and friends photos go into `reader`'s feed. */
export interface BackfillPlan {
  kind: 'backfill';
  reader: string;
  author: string;
}

/** Every entry of `author`'s photos leaves `reader`'s feed. */
export interface PrunePlan {
  kind: 'prune';
  reader: string;
  author: string;
}

export interface NothingPlan {
  kind: 'nothing';
  why: string;
}

/** The tables whose streams feed `fanOut`, by name. */
export interface StreamTables {
  photos: string;
  friendships: string;
}

/** A record that no retry can make sense of (a stream it does not know, an image missing fields). */
export class UnreadableRecordError extends Error {
  override name = 'UnreadableRecordError';
}

export function planRecord(record: DynamoDBRecord, tables: StreamTables): FeedPlan {
  const table = tableOfStream(record.eventSourceARN);
  if (table === tables.photos) return planPhotoChange(record);
  if (table === tables.friendships) return planFriendshipChange(record);
  throw new UnreadableRecordError(`a record of an unexpected stream: ${record.eventSourceARN ?? '(none)'}`);
}

/** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>` → `<name>`. */
export function tableOfStream(arn: string | undefined): string | undefined {
  return /:table\/([^/]+)\/stream\//.exec(arn ?? '')?.[1];
}

const NOBODY: Readers = { owner: false, friends: false };
const EVERYONE: Readers = { owner: true, friends: true };

/** Who a version of a photo is in the feeds of. */
export function readersOf(photo: PhotoItem | undefined): Readers {
  if (photo?.status !== 'ready') return NOBODY;
  return { owner: true, friends: photo.visibility !== 'private' };
}

function planPhotoChange(record: DynamoDBRecord): FeedPlan {
  const before = photoImage(record, 'OldImage');
  const after = photoImage(record, 'NewImage');
  const current = after ?? before;
  if (!current) throw new UnreadableRecordError(`photo record ${record.eventID} carries no image`);
  const plan: PhotoPlan = { kind: 'photo', photoId: current.photoId, ownerId: current.ownerId };
  const was = readersOf(before);
  const is = readersOf(after);

  if (before && was.owner) {
    const moved = !after || entryKeyOf(before) !== entryKeyOf(after);
    // Gone, or filed under another key: out of every feed. Otherwise only where it no longer belongs.
    const from = moved || !is.owner ? EVERYONE : { owner: false, friends: was.friends && !is.friends };
    if (from.owner || from.friends) plan.remove = { entry: entryKeyOf(before), from };
  }
  if (after && is.owner) {
    const shown = feedFieldsOf(after);
    const changed = !before || !was.owner || !isDeepStrictEqual(feedFieldsOf(before), shown);
    // Changed: rewrite every copy. Unchanged: only add it where it was not (e.g. private → friends).
    const to = changed ? is : { owner: false, friends: is.friends && !was.friends };
    if (to.owner || to.friends) plan.put = { photo: shown, to };
  }
  if (!plan.remove && !plan.put)
    return { kind: 'nothing', why: `photo ${plan.photoId}: nothing a feed shows changed` };
  return plan;
}

function planFriendshipChange(record: DynamoDBRecord): FeedPlan {
  const before = friendshipImage(record, 'OldImage');
  const after = friendshipImage(record, 'NewImage');
  const side = after ?? before;
  if (!side) throw new UnreadableRecordError(`friendship record ${record.eventID} carries no image`);
  const were = before?.status === 'friends';
  const are = after?.status === 'friends';
  if (!were && are) return { kind: 'backfill', reader: side.userId, author: side.otherId };
  if (were && !are) return { kind: 'prune', reader: side.userId, author: side.otherId };
  return {
    kind: 'nothing',
    why: `friendship ${side.userId} → ${side.otherId}: still ${after?.status ?? 'none'}`,
  };
}

const storedSize = z.object({ width: z.number(), height: z.number(), key: z.string() });

/** The fields of a photo item the feeds rely on; the rest passes through untouched. */
const streamPhoto = z.looseObject({
  photoId: z.string().min(1),
  ownerId: z.string().min(1),
  ownerUsername: z.string(),
  caption: z.string().default(''),
  visibility: z.enum(['public', 'friends', 'private']),
  status: z.enum(['ready', 'failed']),
  createdAt: z.string().min(1),
  width: z.number().optional(),
  height: z.number().optional(),
  sizes: z.array(storedSize).default([]),
  placeholder: z.object({ color: z.string(), dataUrl: z.string() }).optional(),
});

const streamFriendship = z.looseObject({
  userId: z.string().min(1),
  otherId: z.string().min(1),
  status: z.enum(['friends', 'outgoing', 'incoming']),
});

function photoImage(record: DynamoDBRecord, which: 'OldImage' | 'NewImage'): PhotoItem | undefined {
  return imageOf(record, which, streamPhoto) as PhotoItem | undefined;
}

function friendshipImage(record: DynamoDBRecord, which: 'OldImage' | 'NewImage') {
  return imageOf(record, which, streamFriendship);
}

function imageOf<S extends z.ZodType>(
  record: DynamoDBRecord,
  which: 'OldImage' | 'NewImage',
  schema: S,
): z.output<S> | undefined {
  const image = plainImage(record.dynamodb?.[which]);
  if (!image) return undefined;
  const parsed = schema.safeParse(image);
  if (!parsed.success) {
    throw new UnreadableRecordError(`record ${record.eventID}: ${which} is not what the table holds`);
  }
  return parsed.data;
}
