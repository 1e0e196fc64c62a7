import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Relationship } from '#contracts/friends.js';
import { dynamo } from '#shared/aws-clients.js';
import { backoff } from '#shared/backoff.js';
import { setting } from '#shared/environment.js';
import { queryItems } from '#shared/query-items.js';

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

/** What the other side's item says when this side's says `status`. */
export function mirrorOf(status: FriendshipStatus): FriendshipStatus {
  if (status === 'outgoing') return 'incoming';
  if (status === 'incoming') return 'outgoing';
  return status;
}

export interface Person {
  userId: string;
  username: string;
}

/** `userId`'s side of its relation with `otherId`, read consistently. */
export async function getFriendship(userId: string, otherId: string): Promise<FriendshipItem | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: friendshipsTable(), Key: { userId, otherId }, ConsistentRead: true }),
  );
  return Item as FriendshipItem | undefined;
}

/**
 * `from` asks `to`: both sides appear at once (`outgoing` and `incoming`), provided neither exists.
 * False when the transaction was refused because the pair changed meanwhile.
 */
export async function createRequest(from: Person, to: Person, now: string): Promise<boolean> {
  const side = (user: Person, other: Person, status: FriendshipStatus) => ({
    Put: {
      TableName: friendshipsTable(),
      Item: { userId: user.userId, otherId: other.userId, status, otherUsername: other.username, since: now },
      ConditionExpression: 'attribute_not_exists(userId)',
    },
  });
  return transact([side(from, to, 'outgoing'), side(to, from, 'incoming')]);
}

/**
 * Moves a relation on from `from` (as `userId` sees it) to `to` (`undefined`: the relation ends),
 * both sides in one transaction that holds only if both still say what they said. False when the
 * pair changed meanwhile.
 */
export async function changeRelation(
  userId: string,
  otherId: string,
  from: FriendshipStatus,
  to: FriendshipStatus | undefined,
  now: string,
): Promise<boolean> {
  const side = (
    user: string,
    other: string,
    expected: FriendshipStatus,
    next: FriendshipStatus | undefined,
  ) => {
    const common = {
      TableName: friendshipsTable(),
      Key: { userId: user, otherId: other },
      ConditionExpression: '#status = :expected',
      ExpressionAttributeNames: { '#status': 'status' },
    };
    return next === undefined
      ? { Delete: { ...common, ExpressionAttributeValues: { ':expected': expected } } }
      : {
          Update: {
            ...common,
            UpdateExpression: 'SET #status = :next, since = :now',
            ExpressionAttributeValues: { ':expected': expected, ':next': next, ':now': now },
          },
        };
  };
  return transact([
    side(userId, otherId, from, to),
    side(otherId, userId, mirrorOf(from), to === undefined ? undefined : mirrorOf(to)),
  ]);
}

const MAX_ATTEMPTS = 8;

async function transact(items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<boolean> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

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
 * `userId`'s relations with status in `statuses`, in `otherId` order, from after `afterOtherId`:
 * at most `limit`, and whether more follow. The filter runs after DynamoDB reads, so this reads on
 * until it has `limit + 1` matches or the partition ends.
 */
export async function relationsPage(
  userId: string,
  statuses: FriendshipStatus[],
  limit: number,
  afterOtherId?: string,
): Promise<{ items: FriendshipItem[]; more: boolean }> {
  const items: FriendshipItem[] = [];
  const values = Object.fromEntries(statuses.map((status, index) => [`:s${index}`, status]));
  let start: Record<string, unknown> | undefined = afterOtherId
    ? { userId, otherId: afterOtherId }
    : undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: friendshipsTable(),
        KeyConditionExpression: 'userId = :user',
        FilterExpression: `#status IN (${Object.keys(values).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':user': userId, ...values },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((page.Items ?? []) as FriendshipItem[]));
    start = page.LastEvaluatedKey;
  } while (start && items.length <= limit);
  return { items: items.slice(0, limit), more: items.length > limit || start !== undefined };
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
