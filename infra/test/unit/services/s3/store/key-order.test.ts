import { describe, expect, it } from 'vitest';
import { compareKeys, SortedKeys } from '../../../../../src/services/s3/store/key-order.js';

const utf8Order = (a: string, b: string) => Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)));

describe('compareKeys', () => {
  it('orders keys by their UTF-8 bytes, where UTF-16 order differs', () => {
    // U+FF61 is one UTF-16 unit above the surrogates of U+1F600, yet its UTF-8 bytes come first.
    expect(compareKeys('\uFF61', '\u{1F600}')).toBeLessThan(0);
    expect('\uFF61' < '\u{1F600}').toBe(false);
    expect(compareKeys('a', 'ab')).toBeLessThan(0);
    expect(compareKeys('same', 'same')).toBe(0);
  });

  it('agrees with a byte comparison of the UTF-8 on random keys', () => {
    const pool = [
      'a',
      'Z',
      '/',
      '\u007f',
      'é',
      '\u0800',
      '\uD7FF',
      '\uE000',
      '\uFFFD',
      '\u{10000}',
      '\u{1F600}',
      '\u{10FFFF}',
    ];
    let state = 1;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const key = () =>
      Array.from(
        { length: 1 + Math.floor(random() * 4) },
        () => pool[Math.floor(random() * pool.length)],
      ).join('');

    for (let round = 0; round < 5000; round += 1) {
      const a = key();
      const b = key();
      expect([a, b, Math.sign(compareKeys(a, b))]).toEqual([a, b, utf8Order(a, b)]);
    }
  });
});

describe('SortedKeys', () => {
  it('keeps keys sorted and unique through adds and removes', () => {
    const keys = new SortedKeys();

    for (const key of ['m', 'a', 'z', 'm', '\u{1F600}', '\uFF61']) keys.add(key);
    keys.remove('z');
    keys.remove('missing');

    expect(keys.all).toEqual(['a', 'm', '\uFF61', '\u{1F600}']);
    expect(keys.size).toBe(4);
  });
});
