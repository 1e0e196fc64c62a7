import type { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * Opaque page cursors: the position a list stops at (the last key handed out), as base64url JSON.
 * A cursor only says where to resume; what is read (above all the partition, always the caller's
 * own, from `context`) never comes from it. Decoding is strict: anything that is not exactly a
 * position of the expected shape — an edited cursor, another list's, another reader's (positions
 * name their list and reader, and the caller checks them) — is refused with one ValidationError, so
 * a cursor cannot be turned into a way to read anything its holder could not already read.
 *
 * @example
 * const position = z.strictObject({ list: z.literal('feed'), reader: z.string(), before: feedEntryKey });
 * const at = input.cursor === undefined ? undefined : decodeCursor(position, input.cursor);
 * if (at && at.reader !== me.userId) throw invalidCursor();
 * const nextCursor = encodeCursor({ list: 'feed', reader: me.userId, before: last.entry });
 */
export const INVALID_CURSOR_MESSAGE = 'This page link is no longer valid.';

/** Longest cursor accepted (the contracts cap it too). */
const MAX_CURSOR_LENGTH = 2048;

export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** The position a cursor holds, checked against `schema`; anything else is a ValidationError. */
export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.output<S> {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalidCursor();
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

export function invalidCursor(): ValidationError {
  return new ValidationError(INVALID_CURSOR_MESSAGE, [{ path: 'cursor', message: INVALID_CURSOR_MESSAGE }]);
}
