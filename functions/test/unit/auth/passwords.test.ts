import { describe, expect, it } from 'vitest';
import {
  CURRENT_PARAMETERS,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../../src/auth/passwords.js';

describe('password hashing', () => {
  it('stores scrypt with its parameters, a salt and a hash, never the password', async () => {
    const stored = await hashPassword('violet staple horse');

    const [scheme, n, r, p, salt, hash] = stored.split('$');
    expect(scheme).toBe('scrypt');
    expect([Number(n), Number(r), Number(p)]).toEqual([
      CURRENT_PARAMETERS.N,
      CURRENT_PARAMETERS.r,
      CURRENT_PARAMETERS.p,
    ]);
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(hash ?? '', 'base64url')).toHaveLength(32);
    expect(stored).not.toContain('violet');
  });

  it('salts every hash: the same password hashes differently twice', async () => {
    expect(await hashPassword('violet staple horse')).not.toBe(await hashPassword('violet staple horse'));
  });

  it('accepts the right password and refuses any other', async () => {
    const stored = await hashPassword('violet staple horse');

    expect(await verifyPassword('violet staple horse', stored)).toBe(true);
    expect(await verifyPassword('violet staple horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('matches a password typed in another Unicode form (composed or decomposed accents)', async () => {
    const stored = await hashPassword('crème brûlée au café');

    expect(await verifyPassword('cre\u0300me bru\u0302le\u0301e au cafe\u0301', stored)).toBe(true);
  });

  it('verifies hashes made with other parameters, and says they need a rehash', async () => {
    // The same password hashed with N = 2^14 (an older, weaker setting), made by hand.
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('violet staple horse', salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const older = ['scrypt', 2 ** 14, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');

    expect(await verifyPassword('violet staple horse', older)).toBe(true);
    expect(needsRehash(older)).toBe(true);
    expect(needsRehash(await hashPassword('violet staple horse'))).toBe(false);
  });

  it('says no, without throwing, when there is no hash or a damaged one', async () => {
    expect(await verifyPassword('violet staple horse', undefined)).toBe(false);
    expect(await verifyPassword('violet staple horse', 'plain text')).toBe(false);
    expect(await verifyPassword('violet staple horse', 'scrypt$3$8$1$c2FsdA$aGFzaA')).toBe(false); // N not a power of 2
    expect(
      await verifyPassword('violet staple horse', `scrypt$${2 ** 30}$8$1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaA`),
    ).toBe(false); // asks for 128 GiB
  });
});
