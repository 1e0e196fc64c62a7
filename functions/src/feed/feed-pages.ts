import { z } from 'zod';
import type { PhotoPage } from '#contracts/common.js';
import { type CursorBinding, openCursor, sealCursor } from '#shared/cursors.js';
import { maySee } from '#shared/photo-items.js';
import { photoViewOf } from '#shared/photo-views.js';
import { relationshipsWith } from '#shared/relationships.js';
import { type FeedEntry, feedEntryKey, feedPage } from './feeds-table.js';

/** Where a feed continues: before this entry. Sealed, and bound to the feed and its reader. */
const position = z.strictObject({ before: feedEntryKey });

/** Entries read at a time once a page has lost some to the check below (rare: a race's leftovers). */
const REFILL_BATCH = 100;

/**
 * A page of `reader`'s own feed, newest first: their partition read backwards (the reader comes
 * from the caller's identity, never from the cursor, which is sealed for this reader and only says
 * where to resume), then presigned URLs. Before anything is shown, every other author on the page
 * is checked to still be a friend (one BatchGet a read): an entry that a fan-out racing an
 * unfriending left behind is dropped, so nobody sees a friends photo of a non-friend, even for a
 * moment. Dropped entries must not show in the page either: the feed is read on until it has one
 * entry more than the page or ends, and the cursor is the last entry shown — so a page's size and
 * its cursor are what they would be if the leftovers were not there.
 */
export async function readFeedPage(
  reader: string,
  request: { limit: number; cursor?: string },
): Promise<PhotoPage> {
  const binding: CursorBinding = { list: 'feed', reader };
  const at = request.cursor === undefined ? undefined : await openCursor(position, binding, request.cursor);
  const shown: FeedEntry[] = [];
  let before = at?.before;
  let batch = request.limit + 1;
  for (;;) {
    const { entries, more } = await feedPage(reader, batch, before);
    shown.push(...(await readableEntries(reader, entries)));
    const last = entries.at(-1);
    if (shown.length > request.limit || !more || !last) break;
    before = last.entry;
    batch = Math.max(batch, REFILL_BATCH);
  }
  const page = shown.slice(0, request.limit);
  const last = page.at(-1);
  return {
    photos: await Promise.all(page.map((entry) => photoViewOf(entry))),
    nextCursor:
      shown.length > request.limit && last ? await sealCursor(binding, { before: last.entry }) : undefined,
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
