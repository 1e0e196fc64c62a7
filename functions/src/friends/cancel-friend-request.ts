import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { cancelFriendRequest } from './friend-requests.js';

/** Withdraws a friend request the caller made. */
export const handler = defineFunction(contracts.cancelFriendRequest, async ({ userId }, context) => {
  const me = await requireUser(context);
  return { relationship: await cancelFriendRequest(me, userId) };
});
