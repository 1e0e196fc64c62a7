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

/** Where a ready public photo sits in the sparse `publicPhotos` index (nothing, for any other). */
export function publicFeedOf(photo: Pick<PhotoItem, 'visibility' | 'status'>): 'public' | undefined {
  return photo.status === 'ready' && photo.visibility === 'public' ? 'public' : undefined;
}

/**
 * Writes a new photo unless its id is taken, whoever took it: true if written, false if an item
 * was already there (a duplicate event, or somebody else's photo, which is never overwritten).
 */
export async function putNewPhoto(item: PhotoItem): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: photosTable(),
        Item: { ...item, publicFeed: publicFeedOf(item) },
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
 * Changes the caption and/or visibility of `ownerId`'s photo, keeping `publicFeed` in step. Returns
 * the photo as now stored, or undefined if it is gone or not theirs (deleted meanwhile).
 */
export async function updatePhotoDetails(
  photo: Pick<PhotoItem, 'photoId' | 'ownerId' | 'status' | 'visibility'>,
  changes: Partial<Pick<PhotoItem, 'caption' | 'visibility'>>,
): Promise<PhotoItem | undefined> {
  const visibility = changes.visibility ?? photo.visibility;
  const publicFeed = publicFeedOf({ status: photo.status, visibility });
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
  if (publicFeed) {
    sets.push('publicFeed = :publicFeed');
    values[':publicFeed'] = publicFeed;
  }
  try {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: photosTable(),
        Key: { photoId: photo.photoId },
        UpdateExpression: `SET ${sets.join(', ')}${publicFeed ? '' : ' REMOVE publicFeed'}`,
        // The status decided publicFeed, so it must still be the one read.
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
