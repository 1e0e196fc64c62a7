import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { UserSummary } from '#contracts/common.js';
import { dynamo } from '#shared/aws-clients.js';
import { keys, usersTable } from '#shared/users.js';

/**
 * Users whose name starts with `prefix` (any case), in name order: one Query of the username
 * claims (`pk = 'username'`, sorted by the lower-case name; see `#shared/users.ts`).
 */
export async function usersByPrefix(prefix: string, limit: number): Promise<UserSummary[]> {
  const { pk, sk } = keys.username(prefix);
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: usersTable(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': sk },
      Limit: limit,
    }),
  );
  return Items.filter((claim) => typeof claim.userId === 'string').map((claim) => ({
    userId: claim.userId as string,
    // The claim keeps the name as it was typed; the key only its lower case.
    username: typeof claim.username === 'string' ? claim.username : (claim.sk as string),
  }));
}
