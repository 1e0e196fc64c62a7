import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openWith, sealWith } from '#shared/cursors.js';
import { ValidationError } from '#shared/errors.js';

const KEY = randomBytes(32);
const position = z.strictObject({ photoId: z.uuid(), createdAt: z.iso.datetime() });
const at = { photoId: '3e5b9f02-7d4a-4f1e-8c63-5a2b1d0e9f34', createdAt: '2026-03-14T09:26:53.589Z' };
const binding = { list: 'photos:6f1c1a52-3c1e-4b8e-9a57-0e4a4c1f2b10:everyone', reader: 'guest' };
const refused = expect.objectContaining({
  name: 'ValidationError',
  message: 'This page link is no longer valid.',
});

/** `cursor` with one bit of its `index`-th byte flipped. */
function flipped(cursor: string, index: number): string {
  const bytes = Buffer.from(cursor, 'base64url');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytes.toString('base64url');
}

describe('sealed cursors', () => {
  it('reads back the position it sealed, for the same list and reader', () => {
    // act
    const cursor = sealWith(KEY, binding, at);

    // assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(openWith(KEY, position, binding, cursor)).toEqual(at);
  });

  it('shows nothing of the position in the cursor, and never the same cursor twice', () => {
    // act
    const [first, second] = [sealWith(KEY, binding, at), sealWith(KEY, binding, at)];

    // assess
    expect(first).not.toBe(second);
    for (const reading of [first, Buffer.from(first, 'base64url').toString('latin1')]) {
      expect(reading).not.toContain(at.photoId);
      expect(reading).not.toContain(at.createdAt);
      expect(reading).not.toContain(binding.list);
    }
  });

  it.each([
    ['another reader', { ...binding, reader: '9b2d7e44-81a0-4c55-b7f3-2d6e0c9a1f87' }],
    ['another list', { ...binding, list: 'photos:public' }],
    ['the same list as another standing', { ...binding, list: binding.list.replace('everyone', 'friends') }],
  ])('refuses a cursor opened for %s', (_case, other) => {
    const cursor = sealWith(KEY, binding, at);
    expect(() => openWith(KEY, position, other, cursor)).toThrow(refused);
  });

  it('refuses a cursor sealed under another key', () => {
    const cursor = sealWith(randomBytes(32), binding, at);
    expect(() => openWith(KEY, position, binding, cursor)).toThrow(ValidationError);
  });

  const cursor = sealWith(KEY, binding, at);
  it.each([
    ['with its version changed', flipped(cursor, 0)],
    ['with its nonce changed', flipped(cursor, 5)],
    ['with its sealed position changed', flipped(cursor, 20)],
    ['with its tag changed', flipped(cursor, -1)],
    ['spelled with other spare bits', `${cursor.slice(0, -1)}${cursor.at(-1) === 'A' ? 'B' : 'A'}`],
    ['cut short', cursor.slice(0, -4)],
    ['with more after it', `${cursor}AAAA`],
    ['readable JSON', Buffer.from(JSON.stringify(at)).toString('base64url')],
    ['not base64url', 'not a cursor!'],
    ['empty', ''],
    ['too long', 'A'.repeat(2049)],
  ])('refuses a cursor %s, with a message for people', (_case, edited) => {
    expect(() => openWith(KEY, position, binding, edited)).toThrow(refused);
  });

  it('refuses a sealed position of another shape', () => {
    const other = sealWith(KEY, binding, { ...at, limit: 1000 });
    expect(() => openWith(KEY, position, binding, other)).toThrow(refused);
  });
});
