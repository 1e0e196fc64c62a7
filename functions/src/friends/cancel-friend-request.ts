import { contracts } from '../contracts/index.js';
import { requireUser } from '../lib/caller.js';
import { cancelFriendRequest } from '../lib/friend-requests.js';
import { defineFunction } from '../lib/handler.js';

/** Withdraws a friend request the caller made. */
export const handler = defineFunction(contracts.cancelFriendRequest, async ({ userId }, context) => {
  const me = await requireUser(context);
  return { relationship: await cancelFriendRequest(me, userId) };
});
