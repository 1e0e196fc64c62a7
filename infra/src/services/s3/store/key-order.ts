/**
 * Compares keys in the order S3 lists them: by their UTF-8 bytes. That is code point order, which
 * JavaScript's `<` (UTF-16 code units) gets wrong only where a surrogate (U+D800–DFFF, half of a
 * character above U+FFFF) meets a unit of U+E000–FFFF: UTF-16 puts the surrogate first, UTF-8 last.
 *
 * @example ['\uFF61', '\u{1F600}'].sort(compareKeys) // ['\uFF61', '\u{1F600}'], as S3 lists them
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return inUtf8Order(x) - inUtf8Order(y);
  }
  return a.length - b.length;
}

/** Moves surrogates above the other units of the Basic Multilingual Plane, keeping each group's own order. */
function inUtf8Order(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** The first index whose key sorts at or after `key` (`items.length` if none). */
export function lowerBound<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  key: string,
  from = 0,
): number {
  return firstIndex(items, from, (item) => compareKeys(keyOf(item), key) >= 0);
}

/** The first index whose key sorts after `key`. */
export function upperBound<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  key: string,
  from = 0,
): number {
  return firstIndex(items, from, (item) => compareKeys(keyOf(item), key) > 0);
}

/**
 * The first index at or after `from` whose key does not start with `prefix`, given that the key at
 * `from` does: keys sharing a prefix sit together in sorted order, so a listing skips a whole common
 * prefix with one binary search instead of walking its keys.
 */
export function endOfPrefix<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  prefix: string,
  from: number,
): number {
  return firstIndex(items, from, (item) => !keyOf(item).startsWith(prefix));
}

/** Binary search for the first index at or after `from` where a monotonic predicate turns true. */
function firstIndex<T>(items: readonly T[], from: number, isAtOrAfter: (item: T) => boolean): number {
  let low = from;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAtOrAfter(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Keys of a bucket in listing order. Inserting shifts the array: fine for the local cloud's hundreds of thousands of keys. */
export class SortedKeys {
  private keys: string[] = [];

  get all(): readonly string[] {
    return this.keys;
  }

  get size(): number {
    return this.keys.length;
  }

  add(key: string): void {
    const index = lowerBound(this.keys, identity, key);
    if (this.keys[index] !== key) this.keys.splice(index, 0, key);
  }

  remove(key: string): void {
    const index = lowerBound(this.keys, identity, key);
    if (this.keys[index] === key) this.keys.splice(index, 1);
  }

  /** Replaces the contents at once (a bucket's keys read at open): one sort instead of many inserts. */
  reset(keys: Iterable<string>): void {
    this.keys = [...keys].sort(compareKeys);
  }
}

export const identity = (key: string): string => key;
