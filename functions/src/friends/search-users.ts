import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { relationshipsWith } from '#shared/relationships.js';
import { usersByPrefix } from './user-search.js';

/** Finds people by the start of their username, each with how the caller stands with them. */
export const handler = defineFunction(contracts.searchUsers, async ({ prefix, limit }, context) => {
  const me = await requireUser(context);
  const users = await usersByPrefix(prefix, limit);
  const relationships = await relationshipsWith(
    me.userId,
    users.map((user) => user.userId),
  );
  return {
    users: users.map((user) => ({ ...user, relationship: relationships.get(user.userId) ?? 'none' })),
  };
});
