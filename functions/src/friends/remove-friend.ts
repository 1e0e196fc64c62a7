import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { removeFriend } from './friend-requests.js';

/** Ends a friendship; the feeds follow through the friendships stream (see feed/fan-out.ts). */
export const handler = defineFunction(contracts.removeFriend, async ({ userId }, context) => {
  const me = await requireUser(context);
  return { relationship: await removeFriend(me, userId) };
});
