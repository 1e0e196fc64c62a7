import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '#shared/cursors.js';
import { ValidationError } from '#shared/errors.js';

const position = z.strictObject({
  list: z.literal('user'),
  ownerId: z.string(),
  createdAt: z.iso.datetime(),
});
const record = { list: 'user' as const, ownerId: 'owner-1', createdAt: '2026-03-14T09:26:53.589Z' };

describe('cursors', () => {
  it('reads back the record it was made from, as an opaque URL-safe string', () => {
    // act
    const cursor = encodeCursor(record);

    // assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(position, cursor)).toEqual(record);
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['not JSON', Buffer.from('{list:').toString('base64url')],
    ['another shape', encodeCursor({ list: 'public', createdAt: record.createdAt })],
    ['an extra field', encodeCursor({ ...record, limit: 1000 })],
    ['a field of the wrong type', encodeCursor({ ...record, createdAt: 5 })],
    ['empty', ''],
  ])('refuses a cursor that is %s, with a message for people', (_case, cursor) => {
    expect(() => decodeCursor(position, cursor)).toThrow(
      expect.objectContaining({ name: 'ValidationError', message: 'This page link is no longer valid.' }),
    );
    expect(() => decodeCursor(position, cursor)).toThrow(ValidationError);
  });
});
