import type { StoredLogEvent } from './log-event.js';

/**
 * Recently read blocks, decoded, least recently used first out. Paging through a stream reads the same
 * blocks again and again; the budget (bytes of file text) keeps the cache from holding the whole log.
 */
export class BlockCache {
  private readonly entries = new Map<string, { events: readonly StoredLogEvent[]; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budgetBytes: number) {}

  get(key: string): readonly StoredLogEvent[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.events;
  }

  set(key: string, events: readonly StoredLogEvent[], bytes: number): void {
    if (bytes > this.budgetBytes) return;
    const existing = this.entries.get(key);
    if (existing) {
      this.bytes -= existing.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { events, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}
