import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws-clients.js';
import { type PhotoItem, photosTable } from '#shared/photo-items.js';

// The photos area's reads and writes of the photos table (the item, the table name and the rule of
// who sees what are shared: `#shared/photo-items.ts`).

export async function getPhotoItem(photoId: string): Promise<PhotoItem | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: photosTable(), Key: { photoId }, ConsistentRead: true }),
  );
  return Item as PhotoItem | undefined;
}

/**
 * The keys that put a photo in the sparse indexes of the photos table, each of which holds exactly
 * what one kind of reader may see (the rule of `maySee`), so that a page read from one is exact:
 * - `publicFeed` ("public") and `publicOwnerId`: ready public photos, for the explore page
 *   (`publicPhotos`) and for a profile seen by anyone who is not a friend (`publicByOwner`);
 * - `sharedOwnerId`: ready public and friends photos, for a profile seen by a friend (`sharedByOwner`).
 * Every write of a photo item sets them from its status and visibility, and removes those that no
 * longer apply (`INDEX_KEYS`).
 */
export function indexKeysOf(
  photo: Pick<PhotoItem, 'ownerId' | 'visibility' | 'status'>,
): Pick<PhotoItem, IndexKey> {
  if (photo.status !== 'ready' || photo.visibility === 'private') return {};
  if (photo.visibility === 'friends') return { sharedOwnerId: photo.ownerId };
  return { publicFeed: 'public', publicOwnerId: photo.ownerId, sharedOwnerId: photo.ownerId };
}

type IndexKey = 'publicFeed' | 'publicOwnerId' | 'sharedOwnerId';
export const INDEX_KEYS: readonly IndexKey[] = ['publicFeed', 'publicOwnerId', 'sharedOwnerId'];

/**
 * Writes a new photo unless its id is taken, whoever took it: true if written, false if an item
 * was already there (a duplicate event, or somebody else's photo, which is never overwritten).
 */
export async function putNewPhoto(item: PhotoItem): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: photosTable(),
        Item: { ...item, ...indexKeysOf(item) },
        ConditionExpression: 'attribute_not_exists(photoId)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Changes the caption and/or visibility of `ownerId`'s photo, keeping its index keys in step.
 * Returns the photo as now stored, or undefined if it is gone or not theirs (deleted meanwhile).
 */
export async function updatePhotoDetails(
  photo: Pick<PhotoItem, 'photoId' | 'ownerId' | 'status' | 'visibility'>,
  changes: Partial<Pick<PhotoItem, 'caption' | 'visibility'>>,
): Promise<PhotoItem | undefined> {
  const visibility = changes.visibility ?? photo.visibility;
  const indexKeys: Partial<Record<IndexKey, string>> = indexKeysOf({ ...photo, visibility });
  const sets = ['visibility = :visibility'];
  const values: Record<string, unknown> = {
    ':visibility': visibility,
    ':ownerId': photo.ownerId,
    ':status': photo.status,
  };
  if (changes.caption !== undefined) {
    sets.push('caption = :caption');
    values[':caption'] = changes.caption;
  }
  const removes: string[] = [];
  for (const key of INDEX_KEYS) {
    const value = indexKeys[key];
    if (value === undefined) {
      removes.push(key);
    } else {
      sets.push(`${key} = :${key}`);
      values[`:${key}`] = value;
    }
  }
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: photosTable(),
        Key: { photoId: photo.photoId },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        // The status decided the index keys, so it must still be the one read.
        ConditionExpression: 'ownerId = :ownerId AND #status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as PhotoItem;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Deletes `ownerId`'s photo item; false if it was already gone or is not theirs. */
export async function deletePhotoItem(photo: Pick<PhotoItem, 'photoId' | 'ownerId'>): Promise<boolean> {
  try {
    await dynamo().send(
      new DeleteCommand({
        TableName: photosTable(),
        Key: { photoId: photo.photoId },
        ConditionExpression: 'ownerId = :ownerId',
        ExpressionAttributeValues: { ':ownerId': photo.ownerId },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
