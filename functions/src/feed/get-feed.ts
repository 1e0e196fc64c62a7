import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { defineFunction } from '#shared/define-function.js';
import { readFeedPage } from './feed-pages.js';

/** A page of the caller's own feed, newest first, with the authors and presigned image URLs. */
export const handler = defineFunction(contracts.getFeed, async ({ cursor, limit }, context) => {
  const me = await requireUser(context);
  return readFeedPage(me.userId, { limit, cursor });
});
