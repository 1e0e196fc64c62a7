import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { PhotoPage } from '#contracts/common.js';
import { dynamo } from '#shared/aws-clients.js';
import { decodeCursor, encodeCursor, INVALID_CURSOR_MESSAGE } from '#shared/cursors.js';
import { ValidationError } from '#shared/errors.js';
import { type PhotoItem, photosTable } from '#shared/photo-items.js';
import { photoViewOf } from '#shared/photo-views.js';

/** The photo lists read newest first from an index of the photos table. */
export type PhotoList = { list: 'user'; ownerId: string } | { list: 'public' };

/**
 * Where a photo list continues: after the photo with this id and creation time. It names its list
 * (and, for a profile, the owner), so a cursor of one list is refused by every other.
 */
const position = z.strictObject({
  list: z.enum(['user', 'public']),
  ownerId: z.string().min(1).max(100).optional(),
  photoId: z.uuid(),
  createdAt: z.iso.datetime(),
});
type Position = z.infer<typeof position>;

/** How many index reads one page may take when what the caller may see is sparse. */
const MAX_READS_PER_PAGE = 5;

/**
 * One page of a photo list, newest first, with only the photos `visible` accepts. Reads until the
 * page is full, the list ends or `MAX_READS_PER_PAGE` reads were made; `nextCursor` resumes right
 * after the last photo read, so nothing is skipped or repeated.
 */
export async function readPhotoPage(
  from: PhotoList,
  request: { limit: number; cursor?: string | undefined; showFailures?: boolean },
  visible: (photo: PhotoItem) => boolean,
): Promise<PhotoPage> {
  let startKey = request.cursor === undefined ? undefined : startKeyOf(from, request.cursor);
  const photos: PhotoItem[] = [];
  let next: Position | undefined;
  reading: for (let reads = 0; reads < MAX_READS_PER_PAGE; reads++) {
    const { Items = [], LastEvaluatedKey } = await dynamo().send(
      new QueryCommand({
        TableName: photosTable(),
        ...indexQueryOf(from),
        ScanIndexForward: false,
        Limit: request.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const [index, item] of (Items as PhotoItem[]).entries()) {
      if (!visible(item)) continue;
      photos.push(item);
      if (photos.length === request.limit) {
        const more = index < Items.length - 1 || LastEvaluatedKey !== undefined;
        next = more ? positionOf(from, item) : undefined;
        break reading;
      }
    }
    if (!LastEvaluatedKey) break;
    startKey = LastEvaluatedKey;
    if (reads === MAX_READS_PER_PAGE - 1) next = positionOf(from, LastEvaluatedKey as PhotoItem);
  }
  return {
    photos: await Promise.all(
      photos.map((photo) => photoViewOf(photo, { showFailure: request.showFailures })),
    ),
    nextCursor: next && encodeCursor(next),
  };
}

function indexQueryOf(from: PhotoList) {
  return from.list === 'user'
    ? {
        IndexName: 'byOwner',
        KeyConditionExpression: 'ownerId = :ownerId',
        ExpressionAttributeValues: { ':ownerId': from.ownerId },
      }
    : {
        IndexName: 'publicPhotos',
        KeyConditionExpression: 'publicFeed = :public',
        ExpressionAttributeValues: { ':public': 'public' },
      };
}

function positionOf(from: PhotoList, photo: Pick<PhotoItem, 'photoId' | 'createdAt'>): Position {
  const at = { photoId: photo.photoId, createdAt: photo.createdAt };
  return from.list === 'user' ? { list: 'user', ownerId: from.ownerId, ...at } : { list: 'public', ...at };
}

/** The index key to continue from; a cursor of another list (another owner's) is refused. */
function startKeyOf(from: PhotoList, cursor: string): Record<string, string> {
  const at = decodeCursor(position, cursor);
  const key = { photoId: at.photoId, createdAt: at.createdAt };
  if (from.list === 'user' && at.list === 'user' && at.ownerId === from.ownerId) {
    return { ...key, ownerId: from.ownerId };
  }
  if (from.list === 'public' && at.list === 'public' && at.ownerId === undefined) {
    return { ...key, publicFeed: 'public' };
  }
  throw new ValidationError(INVALID_CURSOR_MESSAGE);
}
