import { z } from 'zod';
import { contracts } from '#contracts/index.js';
import { requireUser } from '#shared/caller.js';
import { decodeCursor, encodeCursor, invalidCursor } from '#shared/cursors.js';
import { defineFunction } from '#shared/define-function.js';
import { relationsPage } from './friendships-table.js';

/** Where a friends list continues: after this friend, in this reader's list. */
const position = z.strictObject({ list: z.literal('friends'), reader: z.string(), after: z.uuid() });

/** The caller's friends, a page at a time (in the order of their ids, which the table keeps). */
export const handler = defineFunction(contracts.listFriends, async ({ cursor, limit }, context) => {
  const me = await requireUser(context);
  const at = cursor === undefined ? undefined : decodeCursor(position, cursor);
  if (at && at.reader !== me.userId) throw invalidCursor();
  const { items, more } = await relationsPage(me.userId, ['friends'], limit, at?.after);
  const last = items.at(-1);
  return {
    friends: items.map((item) => ({ userId: item.otherId, username: item.otherUsername, since: item.since })),
    nextCursor:
      more && last ? encodeCursor({ list: 'friends', reader: me.userId, after: last.otherId }) : undefined,
  };
});
