import { z } from 'zod';
import type { PhotoPage } from '#contracts/common.js';
import { decodeCursor, encodeCursor, invalidCursor } from '#shared/cursors.js';
import { maySee } from '#shared/photo-items.js';
import { photoViewOf } from '#shared/photo-views.js';
import { relationshipsWith } from '#shared/relationships.js';
import { type FeedEntry, feedEntryKey, feedPage } from './feeds-table.js';

/** Where a feed continues: before this entry of this reader's feed. */
const position = z.strictObject({ list: z.literal('feed'), reader: z.string(), before: feedEntryKey });

/**
 * A page of `reader`'s own feed, newest first: one Query of their partition (the reader comes from
 * the caller's identity, never from the cursor, which only says where to resume and must be one
 * handed to this reader), then presigned URLs. Before anything is shown, every other author on the
 * page is checked to still be a friend (one BatchGet): an entry that a fan-out racing an
 * unfriending left behind is dropped, so nobody sees a friends photo of a non-friend, even for a
 * moment. The cursor is the last entry read, so dropped entries never stall the pages.
 */
export async function readFeedPage(
  reader: string,
  request: { limit: number; cursor?: string },
): Promise<PhotoPage> {
  const at = request.cursor === undefined ? undefined : decodeCursor(position, request.cursor);
  if (at && at.reader !== reader) throw invalidCursor();
  const { entries, more } = await feedPage(reader, request.limit, at?.before);
  const shown = await readableEntries(reader, entries);
  const last = entries.at(-1);
  return {
    photos: await Promise.all(shown.map((entry) => photoViewOf(entry))),
    nextCursor: more && last ? encodeCursor({ list: 'feed', reader, before: last.entry }) : undefined,
  };
}

async function readableEntries(reader: string, entries: FeedEntry[]): Promise<FeedEntry[]> {
  const authors = entries.map((entry) => entry.ownerId).filter((author) => author !== reader);
  const relationships = await relationshipsWith(reader, authors, { consistent: true });
  return entries.filter((entry) => {
    const relationship = entry.ownerId === reader ? 'self' : relationships.get(entry.ownerId);
    return (relationship === 'self' || relationship === 'friends') && maySee(entry, relationship);
  });
}
