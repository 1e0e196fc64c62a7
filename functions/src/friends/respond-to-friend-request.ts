import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { respondToFriendRequest } from './friend-requests.js';

/** Accepts or declines a friend request made to the caller. */
export const handler = defineFunction(
  contracts.respondToFriendRequest,
  async ({ userId, accept }, context) => {
    const me = await requireUser(context);
    return { relationship: await respondToFriendRequest(me, userId, accept) };
  },
);
