import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws-clients.js';
import { type FriendshipItem, type FriendshipStatus, friendshipsTable } from '#shared/relationships.js';

// The friends area's reads and writes of the friendships table (its item shape, and the reads every
// area makes, are in `#shared/relationships.ts`).

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

async function transact(items: NonNullable<TransactWriteCommandInput['TransactItems']>): Promise<boolean> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
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
