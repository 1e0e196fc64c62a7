import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { PhotoPage } from '#contracts/common.js';
import type { Relationship } from '#contracts/friends.js';
import { dynamo } from '#shared/aws-clients.js';
import { type CursorBinding, openCursor, sealCursor } from '#shared/cursors.js';
import { type PhotoItem, photosTable } from '#shared/photo-items.js';
import { photoViewOf } from '#shared/photo-views.js';

/**
 * The photo lists, read newest first from an index of the photos table that holds exactly the
 * photos their reader may see: a profile as its owner sees it (`byOwner`), as a friend sees it
 * (`sharedByOwner`: ready public and friends photos), as anyone else does (`publicByOwner`: ready
 * public photos), and the explore page (`publicPhotos`). The indexes are sparse: the photos table
 * sets their keys only on the photos they are for (`photos-table.ts`, `indexKeysOf`).
 */
export type PhotoList = { list: 'user'; ownerId: string; viewer: Relationship } | { list: 'public' };

/** Where a photo list continues: after this photo. Sealed, and bound to its list and reader. */
const position = z.strictObject({ photoId: z.uuid(), createdAt: z.iso.datetime() });

/**
 * One page of a photo list, newest first. Since the index holds nothing the reader may not see,
 * DynamoDB's Limit is the page: one Query for `limit + 1` photos says whether a next page exists,
 * and the cursor is the last photo shown. So neither a page's size nor its cursor depends on
 * photos the reader may not see, and a cursor names only a photo the reader was shown (sealed).
 *
 * `visible` is applied still, as everywhere a photo is shown: the index and the rule are kept in
 * step by every write, so it drops nothing but what a change racing this read left behind.
 */
export async function readPhotoPage(
  from: PhotoList,
  reader: string,
  request: { limit: number; cursor?: string | undefined; showFailures?: boolean },
  visible: (photo: PhotoItem) => boolean,
): Promise<PhotoPage> {
  const binding: CursorBinding = { list: listNameOf(from), reader };
  const index = indexOf(from);
  const at = request.cursor === undefined ? undefined : await openCursor(position, binding, request.cursor);
  const { Items = [], LastEvaluatedKey } = await dynamo().send(
    new QueryCommand({
      TableName: photosTable(),
      IndexName: index.name,
      KeyConditionExpression: '#partition = :partition',
      ExpressionAttributeNames: { '#partition': index.partitionKey },
      ExpressionAttributeValues: { ':partition': index.partition },
      ScanIndexForward: false,
      Limit: request.limit + 1,
      ExclusiveStartKey: at && { ...at, [index.partitionKey]: index.partition },
    }),
  );
  const read = (Items as PhotoItem[]).slice(0, request.limit);
  // A Query cut short by DynamoDB's 1 MB limit has a next page too.
  const more = Items.length > request.limit || LastEvaluatedKey !== undefined;
  const last = read.at(-1);
  return {
    photos: await Promise.all(
      read.filter(visible).map((photo) => photoViewOf(photo, { showFailure: request.showFailures })),
    ),
    nextCursor:
      more && last
        ? await sealCursor(binding, { photoId: last.photoId, createdAt: last.createdAt })
        : undefined,
  };
}

/** A profile's list is one per owner and per standing: a friend's cursor is no stranger's. */
function listNameOf(from: PhotoList): string {
  return from.list === 'user' ? `photos:${from.ownerId}:${audienceOf(from.viewer)}` : 'photos:public';
}

type Audience = 'owner' | 'friends' | 'everyone';

function audienceOf(viewer: Relationship): Audience {
  if (viewer === 'self') return 'owner';
  return viewer === 'friends' ? 'friends' : 'everyone';
}

function indexOf(from: PhotoList): { name: string; partitionKey: string; partition: string } {
  if (from.list === 'public')
    return { name: 'publicPhotos', partitionKey: 'publicFeed', partition: 'public' };
  const audience = audienceOf(from.viewer);
  if (audience === 'owner') return { name: 'byOwner', partitionKey: 'ownerId', partition: from.ownerId };
  if (audience === 'friends') {
    return { name: 'sharedByOwner', partitionKey: 'sharedOwnerId', partition: from.ownerId };
  }
  return { name: 'publicByOwner', partitionKey: 'publicOwnerId', partition: from.ownerId };
}
