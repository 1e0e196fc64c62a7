import { afterEach, describe, expect, it } from 'vitest';
import { compareKeys, identity } from '../../../../../src/services/s3/store/key-order.js';
import { listPage } from '../../../../../src/services/s3/store/list-page.js';
import type { ObjectStore } from '../../../../../src/services/s3/store/object-store.js';
import { BUCKET, cleanUp, put, storeWithBucket } from './store-fixtures.js';

afterEach(cleanUp);

async function storeWithKeys(keys: readonly string[]): Promise<ObjectStore> {
  const store = await storeWithBucket();
  await Promise.all(keys.map((key) => put(store, key, Buffer.from(key))));
  return store;
}

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Every key and common prefix, page by page with continuation tokens. */
function listAll(store: ObjectStore, query: { prefix?: string; delimiter?: string; maxKeys: number }) {
  const seen: string[] = [];
  let continuationToken: string | undefined;
  let pages = 0;
  do {
    const page = store.list(BUCKET, { ...query, continuationToken });
    seen.push(
      ...page.contents.map((object) => object.key),
      ...page.commonPrefixes.map((prefix) => `CP:${prefix}`),
    );
    expect(page.keyCount).toBeLessThanOrEqual(query.maxKeys);
    continuationToken = page.nextContinuationToken;
    expect(continuationToken !== undefined).toBe(page.isTruncated);
    pages += 1;
  } while (continuationToken);
  return { seen, pages };
}

describe('ObjectStore list (ListObjectsV2)', () => {
  it('lists keys in UTF-8 byte order, as S3 does', async () => {
    const keys = ['b', 'a', 'A', 'é', '\uFF61', '\u{1F600}', 'a/b', 'a-b', '~'];
    const store = await storeWithKeys(keys);

    const page = store.list(BUCKET);

    expect(page.contents.map((object) => object.key)).toEqual([...keys].sort(utf8Order));
    expect(page).toMatchObject({ isTruncated: false, keyCount: keys.length, commonPrefixes: [] });
    expect(page.nextContinuationToken).toBeUndefined();
  });

  it('rolls keys up into common prefixes after the prefix', async () => {
    const store = await storeWithKeys([
      'photos/2024/a.jpg',
      'photos/2024/b.jpg',
      'photos/2025/c.jpg',
      'photos/readme',
      'photos/',
      'videos/x',
      'top',
    ]);

    const page = store.list(BUCKET, { prefix: 'photos/', delimiter: '/' });

    expect(page.contents.map((object) => object.key)).toEqual(['photos/', 'photos/readme']);
    expect(page.commonPrefixes).toEqual(['photos/2024/', 'photos/2025/']);
    expect(page.keyCount).toBe(4);
  });

  it('counts common prefixes toward max-keys and pages through them without repeats', async () => {
    const keys = ['a/1', 'a/2', 'b', 'c/1', 'c/2', 'c/3', 'd', 'e/x/y', 'f'];
    const store = await storeWithKeys(keys);

    const { seen, pages } = listAll(store, { delimiter: '/', maxKeys: 2 });

    // Each page lists its keys, then its common prefixes: {a/, b}, {c/, d}, {e/, f}.
    expect(seen).toEqual(['b', 'CP:a/', 'd', 'CP:c/', 'f', 'CP:e/']);
    expect(pages).toBe(3);
  });

  it('starts after start-after, and a continuation token takes precedence over it', async () => {
    const store = await storeWithKeys(['a', 'b', 'c', 'd']);

    const after = store.list(BUCKET, { startAfter: 'b' });
    const first = store.list(BUCKET, { maxKeys: 1 });
    const resumed = store.list(BUCKET, { startAfter: 'c', continuationToken: first.nextContinuationToken });

    expect(after.contents.map((object) => object.key)).toEqual(['c', 'd']);
    expect(resumed.contents.map((object) => object.key)).toEqual(['b', 'c', 'd']);
  });

  it('answers max-keys 0 with an empty page that is not truncated', async () => {
    const store = await storeWithKeys(['a', 'b']);

    expect(store.list(BUCKET, { maxKeys: 0 })).toEqual({
      contents: [],
      commonPrefixes: [],
      isTruncated: false,
      keyCount: 0,
    });
  });

  it('lists at most 1000 keys a page, whatever max-keys asks', async () => {
    const store = await storeWithKeys(
      Array.from({ length: 1003 }, (_, index) => `k${String(index).padStart(4, '0')}`),
    );

    const page = store.list(BUCKET, { maxKeys: 5000 });
    const rest = store.list(BUCKET, { continuationToken: page.nextContinuationToken });

    expect(page.keyCount).toBe(1000);
    expect(page.isTruncated).toBe(true);
    expect(rest.contents.map((object) => object.key)).toEqual(['k1000', 'k1001', 'k1002']);
  });

  it('refuses a continuation token it did not make with InvalidArgument', async () => {
    const store = await storeWithKeys(['a']);

    expect(() => store.list(BUCKET, { continuationToken: 'not-a-token' })).toThrow(
      expect.objectContaining({ code: 'InvalidArgument', status: 400 }),
    );
  });

  it('skips a whole common prefix given as a V1 marker (NextMarker)', async () => {
    const store = await storeWithKeys(['a/1', 'a/2', 'b/1', 'c']);

    const page = store.list(BUCKET, { delimiter: '/', startAfter: 'a/' });

    expect(page.commonPrefixes).toEqual(['b/']);
    expect(page.contents.map((object) => object.key)).toEqual(['c']);
  });

  it('reflects puts and deletes at once', async () => {
    const store = await storeWithKeys(['a', 'c']);

    await put(store, 'b', Buffer.from('b'));
    await store.delete(BUCKET, 'a');

    expect(store.list(BUCKET).contents.map((object) => object.key)).toEqual(['b', 'c']);
  });
});

describe('listPage', () => {
  it('jumps over a common prefix instead of walking its keys', () => {
    const keys = [
      'a',
      ...Array.from({ length: 100_000 }, (_, index) => `big/${String(index).padStart(6, '0')}`),
      'z',
    ].sort(compareKeys);
    let looks = 0;
    const counting = (key: string) => {
      looks += 1;
      return key;
    };

    const page = listPage(keys, counting, { delimiter: '/', maxItems: 1000 });

    expect(page.items).toEqual(['a', 'z']);
    expect(page.commonPrefixes).toEqual(['big/']);
    expect(looks).toBeLessThan(200);
  });

  it('agrees with a plain reading of the S3 rules on random keys and queries', () => {
    const random = seeded(7);
    const alphabet = ['a', 'b', '/', '-', 'é', '😀', '\uFF61'];
    const word = (length: number) =>
      Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const keys = [...new Set(Array.from({ length: 400 }, () => word(1 + Math.floor(random() * 6))))].sort(
      compareKeys,
    );

    for (let round = 0; round < 300; round += 1) {
      const query = {
        prefix: random() < 0.5 ? '' : word(1 + Math.floor(random() * 2)),
        delimiter: random() < 0.3 ? undefined : random() < 0.7 ? '/' : word(1),
        after: random() < 0.5 ? undefined : word(1 + Math.floor(random() * 3)),
        maxItems: Math.floor(random() * 12),
      };

      const page = listPage(keys, identity, query);

      expect({ query, page: [page.items, page.commonPrefixes, page.isTruncated] }).toEqual({
        query,
        page: reference(keys, query),
      });
    }
  });
});

/** S3's listing rules, spelled out naively: sort by UTF-8, filter, roll up, skip, cut. */
function reference(
  keys: readonly string[],
  query: { prefix: string; delimiter?: string; after?: string; maxItems: number },
): [string[], string[], boolean] {
  const entries: Array<{ key?: string; prefix?: string }> = [];
  for (const key of [...keys].sort(utf8Order)) {
    if (!key.startsWith(query.prefix)) continue;
    if (query.after !== undefined && utf8Order(key, query.after) <= 0) continue;
    const cut = query.delimiter ? key.indexOf(query.delimiter, query.prefix.length) : -1;
    if (cut < 0 || !query.delimiter) {
      entries.push({ key });
      continue;
    }
    const prefix = key.slice(0, cut + query.delimiter.length);
    if (query.after?.startsWith(prefix)) continue;
    if (!entries.some((entry) => entry.prefix === prefix)) entries.push({ prefix });
  }
  if (query.maxItems === 0) return [[], [], false];
  const page = entries.slice(0, query.maxItems);
  return [
    page.flatMap((entry) => (entry.key === undefined ? [] : [entry.key])),
    page.flatMap((entry) => (entry.prefix === undefined ? [] : [entry.prefix])),
    entries.length > page.length,
  ];
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}
