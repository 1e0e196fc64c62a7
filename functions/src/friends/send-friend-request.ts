import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { sendFriendRequest } from './friend-requests.js';

/** Asks another user to be friends; if they had asked first, the two are friends at once. */
export const handler = defineFunction(contracts.sendFriendRequest, async ({ userId }, context) => {
  const me = await requireUser(context);
  return { relationship: await sendFriendRequest(me, userId) };
});
