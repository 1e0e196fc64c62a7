import { BatchGetCommand, type BatchGetCommandOutput, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Relationship } from '#contracts/friends.js';
import { dynamo } from './aws-clients.js';
import { backoff } from './backoff.js';
import { setting } from './environment.js';
import { queryItems } from './query-items.js';

// How people stand with each other, as every area reads it: photos (who may see a photo), the feed
// (whose feeds a photo goes to, whose entries stay) and friends (search results). Only the friends
// area changes relations (`friends/friendships-table.ts`, `friends/friend-requests.ts`).

/**
 * One item per side of a relation: (`userId`, `otherId`) with `status` `friends`, `outgoing`
 * (userId asked otherId) or `incoming` (otherId asked userId), `otherUsername` for listing, and
 * `since` (ISO time of the last change). Both sides are written in one transaction.
 */
export const friendshipsTable = () => setting('FRIENDSHIPS_TABLE');

export type FriendshipStatus = 'friends' | 'outgoing' | 'incoming';

export interface FriendshipItem {
  userId: string;
  otherId: string;
  status: FriendshipStatus;
  otherUsername: string;
  since: string;
}

/** How `userId` stands with `otherId`, read consistently (it decides what may be seen). */
export async function relationshipOf(userId: string, otherId: string): Promise<Relationship> {
  if (userId === otherId) return 'self';
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: friendshipsTable(), Key: { userId, otherId }, ConsistentRead: true }),
  );
  return (Item as FriendshipItem | undefined)?.status ?? 'none';
}

const MAX_ATTEMPTS = 8;

/** Every friend of `userId` (their ids), read consistently: who a new photo goes to. */
export async function friendIdsOf(userId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of queryItems({
    TableName: friendshipsTable(),
    KeyConditionExpression: 'userId = :user',
    FilterExpression: '#status = :friends',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':user': userId, ':friends': 'friends' },
    ProjectionExpression: 'otherId',
    ConsistentRead: true,
  })) {
    ids.push(item.otherId as string);
  }
  return ids;
}

/**
 * How `userId` stands with each of `otherIds` (`self`, `friends`, `outgoing`, `incoming`, `none`),
 * in BatchGets of 100 keys, unprocessed keys asked again.
 */
export async function relationshipsWith(
  userId: string,
  otherIds: readonly string[],
  options: { consistent?: boolean } = {},
): Promise<Map<string, Relationship>> {
  const relationships = new Map<string, Relationship>();
  const others = [...new Set(otherIds)].filter((otherId) => {
    if (otherId !== userId) return true;
    relationships.set(otherId, 'self');
    return false;
  });
  for (let index = 0; index < others.length; index += 100) {
    let keys: Record<string, unknown>[] | undefined = others
      .slice(index, index + 100)
      .map((otherId) => ({ userId, otherId }));
    for (let attempt = 0; keys?.length; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new Error('friendships: keys still unprocessed after retries');
      if (attempt > 0) await backoff(attempt);
      const table = friendshipsTable();
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: keys,
              ProjectionExpression: 'otherId, #status',
              ExpressionAttributeNames: { '#status': 'status' },
              ConsistentRead: options.consistent ?? false,
            },
          },
        }),
      );
      for (const item of Responses?.[table] ?? []) {
        relationships.set(item.otherId as string, item.status as FriendshipStatus);
      }
      keys = UnprocessedKeys?.[table]?.Keys;
    }
  }
  for (const otherId of others) if (!relationships.has(otherId)) relationships.set(otherId, 'none');
  return relationships;
}
