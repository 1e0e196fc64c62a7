import { closeSync, mkdirSync, openSync, readFileSync, renameSync, write, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const writeAsync = promisify(write);

/** An accepted asynchronous event, as the journal keeps it. */
export interface QueuedEvent {
  id: string;
  functionName: string;
  /** The event's JSON text. */
  payload: string;
  enqueuedAt: number;
  /** Invocations already made (0 before the first). */
  attempts: number;
  /** Not to be run before this time (ms since epoch): retry delays, throttle backoff. */
  notBefore: number;
  /** Carried through for the destination record. */
  meta?: Record<string, unknown>;
}

/** What processing an event decided: finished for good, or to be run again later. */
export type Disposition = { done: true } | { done: false; retryAt: number; attempts: number };

type JournalLine =
  | { t: 'put'; e: QueuedEvent }
  | { t: 'upd'; id: string; attempts: number; notBefore: number }
  | { t: 'del'; id: string };

const COMPACT_AFTER_DELETES = 5_000;

/**
 * A durable queue of asynchronous events: `enqueue` resolves only once the event is written to an
 * append-only journal in the state dir, so an event that Invoke acknowledged with 202 survives a crash
 * or restart of the local cloud. Appends made in the same moment share one write (group commit).
 * It survives the process dying, not the machine losing power: the journal is not fsynced per event.
 */
export class DurableQueue {
  private readonly pending = new Map<string, QueuedEvent>();
  private readonly running = new Set<string>();
  private fd?: number;
  private compactRequested = false;
  private batch: string[] = [];
  private batchWaiters: Array<{ resolve(): void; reject(error: unknown): void }> = [];
  private writing?: Promise<void>;
  private deletes = 0;
  private timer?: NodeJS.Timeout;
  private nextWakeAt = Number.POSITIVE_INFINITY;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly process: (event: QueuedEvent) => Promise<Disposition>,
  ) {}

  /** Replays the journal (events accepted before a restart run again) and starts processing. */
  async open(): Promise<number> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    this.replay();
    this.compact();
    this.fd = openSync(this.file, 'a');
    this.wake();
    return this.pending.size;
  }

  /** Durably accepts an event; it runs as soon as it is due. */
  async enqueue(event: QueuedEvent): Promise<void> {
    await this.append({ t: 'put', e: event });
    this.pending.set(event.id, event);
    this.wake();
  }

  get size(): number {
    return this.pending.size;
  }

  /** Flushes what is written and stops: pending events stay in the journal for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.writing;
    if (this.batch.length > 0) await this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private wake(): void {
    if (this.closed) return;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const event of this.pending.values()) {
      if (this.running.has(event.id)) continue;
      if (event.notBefore <= now) this.start(event);
      else next = Math.min(next, event.notBefore);
    }
    if (next < this.nextWakeAt || this.nextWakeAt <= now) {
      clearTimeout(this.timer);
      this.nextWakeAt = next;
      if (Number.isFinite(next)) {
        this.timer = setTimeout(() => {
          this.nextWakeAt = Number.POSITIVE_INFINITY;
          this.wake();
        }, next - now);
      }
    }
  }

  private start(event: QueuedEvent): void {
    this.running.add(event.id);
    void this.process(event)
      .catch((): Disposition => ({ done: false, retryAt: Date.now() + 1000, attempts: event.attempts }))
      .then(async (disposition) => {
        if (disposition.done) {
          this.pending.delete(event.id);
          this.deletes++;
          await this.append({ t: 'del', id: event.id });
        } else {
          event.attempts = disposition.attempts;
          event.notBefore = disposition.retryAt;
          await this.append({ t: 'upd', id: event.id, attempts: event.attempts, notBefore: event.notBefore });
        }
      })
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(event.id);
        if (this.deletes > COMPACT_AFTER_DELETES && this.deletes > 2 * this.pending.size)
          this.compactRequested = true;
        this.wake();
      });
  }

  private append(line: JournalLine): Promise<void> {
    if (this.fd === undefined) return Promise.reject(new Error('the async event queue is closed'));
    return new Promise((resolve, reject) => {
      this.batch.push(`${JSON.stringify(line)}\n`);
      this.batchWaiters.push({ resolve, reject });
      if (!this.writing) this.writing = this.flush();
    });
  }

  /**
   * The journal's only writer: writes everything batched so far in one call (appends made meanwhile
   * form the next batch), and compacts between batches when asked, so no write can interleave.
   */
  private async flush(): Promise<void> {
    while (this.batch.length > 0) {
      const text = this.batch.join('');
      const waiters = this.batchWaiters;
      this.batch = [];
      this.batchWaiters = [];
      try {
        await writeAsync(this.fd as number, text);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
      if (this.compactRequested && this.fd !== undefined) {
        this.compactRequested = false;
        closeSync(this.fd);
        this.compact();
        this.fd = openSync(this.file, 'a');
      }
    }
    this.writing = undefined;
  }

  private replay(): void {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    for (const raw of text.split('\n')) {
      if (!raw) continue;
      let line: JournalLine;
      try {
        line = JSON.parse(raw) as JournalLine;
      } catch {
        continue; // A line cut short by a crash mid-write was never acknowledged.
      }
      if (line.t === 'put') this.pending.set(line.e.id, line.e);
      else if (line.t === 'del') this.pending.delete(line.id);
      else {
        const event = this.pending.get(line.id);
        if (event) Object.assign(event, { attempts: line.attempts, notBefore: line.notBefore });
      }
    }
  }

  /** Rewrites the journal with only the pending events (temp file, then an atomic rename). */
  private compact(): void {
    const temp = `${this.file}.tmp`;
    const text = [...this.pending.values()].map((e) => `${JSON.stringify({ t: 'put', e })}\n`).join('');
    writeFileSync(temp, text);
    renameSync(temp, this.file);
    this.deletes = 0;
  }
}
