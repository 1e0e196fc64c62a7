import { z } from 'zod';
import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { openCursor, sealCursor } from '#shared/cursors.js';
import { defineFunction } from '#shared/define-function.js';
import { relationsPage } from './friendships-table.js';

/** Where a friends list continues: after this friend. Sealed, and bound to the list and its reader. */
const position = z.strictObject({ after: z.uuid() });

/** The caller's friends, a page at a time (in the order of their ids, which the table keeps). */
export const handler = defineFunction(contracts.listFriends, async ({ cursor, limit }, context) => {
  const me = await requireUser(context);
  const binding = { list: 'friends', reader: me.userId };
  const at = cursor === undefined ? undefined : await openCursor(position, binding, cursor);
  // Exact: the filter leaves out only the caller's own requests, so pages depend on friends alone.
  const { items, more } = await relationsPage(me.userId, ['friends'], limit, at?.after);
  const last = items.at(-1);
  return {
    friends: items.map((item) => ({ userId: item.otherId, username: item.otherUsername, since: item.since })),
    nextCursor: more && last ? await sealCursor(binding, { after: last.otherId }) : undefined,
  };
});
