import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import type { FriendshipItem } from '#shared/relationships.js';
import { relationsPage } from './friendships-table.js';

/** More pending requests than anyone answers; the newest are kept if there ever are more. */
const MAX_REQUESTS = 500;

/** Friend requests made to the caller (incoming) and by the caller (outgoing), newest first. */
export const handler = defineFunction(contracts.listFriendRequests, async (_input, context) => {
  const me = await requireUser(context);
  const { items } = await relationsPage(me.userId, ['incoming', 'outgoing'], 2 * MAX_REQUESTS);
  const requests = (status: FriendshipItem['status']) =>
    items
      .filter((item) => item.status === status)
      .sort((a, b) => b.since.localeCompare(a.since))
      .slice(0, MAX_REQUESTS)
      .map((item) => ({ userId: item.otherId, username: item.otherUsername, requestedAt: item.since }));
  return { incoming: requests('incoming'), outgoing: requests('outgoing') };
});
