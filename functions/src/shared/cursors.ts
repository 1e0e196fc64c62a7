import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { cursorKey } from './cursor-key.js';
import { ValidationError } from './errors.js';

/**
 * Sealed page cursors: where a list resumes, encrypted and authenticated (AES-256-GCM) under a key
 * only the functions hold (`./cursor-key.ts`), so that the holder learns nothing from a cursor — not
 * an id, not a time, not whether anything was skipped — and cannot make or edit one. A cursor is
 * bound to its list and its reader (the caller's user id, or `GUEST_READER`) as additional
 * authenticated data: opened for another list or another reader, it fails like a forged one, with
 * one ValidationError. What is read (above all the partition) never comes from a cursor; it only
 * says where to resume, in a list the caller may read anyway.
 *
 * Wire form, base64url: version (1 byte) · nonce (12 random bytes) · ciphertext · tag (16 bytes).
 *
 * @example
 * const binding = { list: 'feed', reader: me.userId };
 * const at = input.cursor === undefined ? undefined : await openCursor(position, binding, input.cursor);
 * const nextCursor = await sealCursor(binding, { before: last.entry });
 */
export const INVALID_CURSOR_MESSAGE = 'This page link is no longer valid.';

/** The reader of a list read by someone not signed in. */
export const GUEST_READER = 'guest';

/** Which list a cursor resumes and for whom; neither is in the cursor, both are checked. */
export interface CursorBinding {
  /** The list, with everything that decides its items (its owner, the reader's standing). */
  list: string;
  /** The caller's user id, or `GUEST_READER`. */
  reader: string;
}

/** Longest cursor accepted (the contracts cap it too). */
const MAX_CURSOR_LENGTH = 2048;
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A cursor for `position` in `binding`'s list, under the stack's key. */
export async function sealCursor(binding: CursorBinding, position: Record<string, unknown>): Promise<string> {
  return sealWith(await cursorKey(), binding, position);
}

/** The position a cursor of `binding`'s list holds, checked against `schema`; anything else is a ValidationError. */
export async function openCursor<S extends z.ZodType>(
  schema: S,
  binding: CursorBinding,
  cursor: string,
): Promise<z.output<S>> {
  if (!isWellFormed(cursor)) throw invalidCursor();
  return openWith(await cursorKey(), schema, binding, cursor);
}

/** `sealCursor` with a given key (for tests). */
export function sealWith(key: Buffer, binding: CursorBinding, position: Record<string, unknown>): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(binding));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(position), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** `openCursor` with a given key (for tests). */
export function openWith<S extends z.ZodType>(
  key: Buffer,
  schema: S,
  binding: CursorBinding,
  cursor: string,
): z.output<S> {
  if (!isWellFormed(cursor)) throw invalidCursor();
  const bytes = Buffer.from(cursor, 'base64url');
  // One spelling per cursor: base64url text whose spare bits were changed decodes to the same bytes.
  if (bytes.toString('base64url') !== cursor) throw invalidCursor();
  if (bytes.length <= 1 + NONCE_BYTES + TAG_BYTES || bytes[0] !== VERSION) throw invalidCursor();
  const nonce = bytes.subarray(1, 1 + NONCE_BYTES);
  const sealed = bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  let json: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(binding));
    decipher.setAuthTag(tag);
    json = JSON.parse(Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8'));
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

function isWellFormed(cursor: string): boolean {
  return cursor.length > 0 && cursor.length <= MAX_CURSOR_LENGTH && /^[A-Za-z0-9_-]+$/.test(cursor);
}

function associatedData(binding: CursorBinding): Buffer {
  // JSON keeps the parts apart: no list and reader can be spelled as another pair.
  return Buffer.from(JSON.stringify(['lambdagram-cursor', VERSION, binding.list, binding.reader]), 'utf8');
}
