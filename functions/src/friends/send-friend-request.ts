import { contracts } from '../contracts/index.js';
import { requireUser } from '../lib/caller.js';
import { sendFriendRequest } from '../lib/friend-requests.js';
import { defineFunction } from '../lib/handler.js';

/** Asks another user to be friends; if they had asked first, the two are friends at once. */
export const handler = defineFunction(contracts.sendFriendRequest, async ({ userId }, context) => {
  const me = await requireUser(context);
  return { relationship: await sendFriendRequest(me, userId) };
});
