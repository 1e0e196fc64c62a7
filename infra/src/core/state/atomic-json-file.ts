import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A JSON document replaced atomically (temp file, then rename), so that a crash leaves either the old
 * or the new content, never a torn file. Like the async queue's journal, it survives the process dying,
 * not the machine losing power (no fsync).
 */
export class AtomicJsonFile<T> {
  private chain: Promise<void> = Promise.resolve();
  private queued?: Promise<void>;

  constructor(
    readonly file: string,
    /** The current content, read when a write starts (not when it is asked for). */
    private readonly snapshot: () => T,
  ) {}

  /** The stored content, or undefined when there is none yet. */
  read(): T | undefined {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      // Writes are atomic, so this is damage from outside: refuse to guess.
      throw new Error(`unreadable state file ${this.file}; delete it to start afresh`, { cause: error });
    }
  }

  /**
   * Writes the current content. Changes made while a write is under way share the next write; each
   * promise resolves once a write that includes its change is on disk.
   */
  save(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = undefined;
      return this.write();
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves once every write asked for so far is done. */
  settled(): Promise<void> {
    return this.chain;
  }

  private async write(): Promise<void> {
    const temp = `${this.file}.tmp`;
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFile(temp, JSON.stringify(this.snapshot()));
    await rename(temp, this.file);
  }
}
