import { describe, expect, it } from 'vitest';
import {
  addToHistory,
  HISTORY_KEY,
  type HistoryEntry,
  historyKeyFor,
  readHistory,
  writeHistory,
} from './invocation-history';

const entry = (id: string): HistoryEntry => ({
  id,
  functionName: 'add',
  invocationType: 'RequestResponse',
  payload: '{"value1":1,"value2":2}',
  invokedAt: '2026-01-01T00:00:00.000Z',
  summary: '200 · 3',
  ok: true,
});

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('invocation history', () => {
  it('puts the newest first and keeps at most the maximum', () => {
    const entries = ['a', 'b', 'c'].reduce<HistoryEntry[]>(
      (list, id) => addToHistory(list, entry(id), 2),
      [],
    );
    expect(entries.map((e) => e.id)).toEqual(['c', 'b']);
  });

  it('survives a round trip through storage', () => {
    const storage = new MemoryStorage();
    writeHistory(storage, [entry('a'), entry('b')]);
    expect(readHistory(storage)).toEqual([entry('a'), entry('b')]);
  });

  it('keeps one history per admin', () => {
    const storage = new MemoryStorage();
    writeHistory(storage, [entry('a')], historyKeyFor('user-1'));
    expect(readHistory(storage, historyKeyFor('user-2'))).toEqual([]);
    expect(readHistory(storage, historyKeyFor('user-1'))).toEqual([entry('a')]);
  });

  it('ignores damaged or foreign storage content', () => {
    const storage = new MemoryStorage();
    storage.setItem(HISTORY_KEY, 'not json');
    expect(readHistory(storage)).toEqual([]);
    storage.setItem(HISTORY_KEY, JSON.stringify([{ id: 1 }, entry('ok')]));
    expect(readHistory(storage)).toEqual([entry('ok')]);
    expect(readHistory(undefined)).toEqual([]);
  });

  it('keeps working when storage refuses to write', () => {
    const full = {
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(() => writeHistory(full, [entry('a')])).not.toThrow();
  });
});
