import { type FileHandle, open, rm } from 'node:fs/promises';
import { copyRange } from './copy-range.js';

/**
 * Chunks are gathered into writes of about this size: a request body arrives in 16–64 KB pieces, and
 * one `writev` per MB costs far less than one write per piece.
 */
const BATCH_BYTES = 1024 * 1024;

/**
 * A file being written in a bucket's `tmp/` folder, published later by a rename. Writes are gathered
 * into batches; one batch is on its way to the disk while the next one fills, so reading the request
 * and writing the file overlap, and at most two batches are held in memory (the backpressure the
 * caller feels by awaiting `write`). Chunks are kept by reference until written: do not reuse them.
 */
export class TempFile {
  /** Body bytes accepted so far. */
  bytesWritten = 0;
  private batch: Buffer[] = [];
  private batchBytes = 0;
  /** Where the next batch goes. */
  private position = 0;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly sync: boolean,
  ) {}

  /** Creates the file (it must not exist). `sync` flushes it to the disk before `finish` resolves. */
  static async create(path: string, sync = false): Promise<TempFile> {
    return new TempFile(path, await open(path, 'wx'), sync);
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.closed) throw new Error('write after the file was finished or discarded');
    if (chunk.length === 0) return;
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    this.bytesWritten += chunk.length;
    if (this.batchBytes >= BATCH_BYTES) await this.flush();
  }

  /** Appends the first `length` bytes of another file (a part), piece by piece, never whole in memory. */
  async appendFrom(source: FileHandle, length: number): Promise<void> {
    if (this.closed) throw new Error('write after the file was finished or discarded');
    await this.flush();
    await this.writing;
    const position = this.position;
    this.position += length;
    this.bytesWritten += length;
    this.writing = copyRange(source, 0, length, this.handle, position);
    await this.writing;
  }

  /** Writes what is left and `trailer` after the body, then closes the file. */
  async finish(trailer: Buffer): Promise<void> {
    if (this.closed) throw new Error('the file was already finished or discarded');
    this.batch.push(trailer);
    this.batchBytes += trailer.length;
    await this.flush();
    await this.writing;
    if (this.sync) await this.handle.datasync();
    this.closed = true;
    await this.handle.close();
  }

  /** Closes and removes the file, whatever state it is in; a no-op once it was renamed away. */
  async discard(): Promise<void> {
    await this.writing.catch(() => undefined);
    if (!this.closed) {
      this.closed = true;
      await this.handle.close().catch(() => undefined);
    }
    await rm(this.path, { force: true });
  }

  /** Hands the batch to the disk, then waits for the batch before it (so one stays in flight). */
  private async flush(): Promise<void> {
    const buffers = this.batch;
    const position = this.position;
    this.position += this.batchBytes;
    this.batch = [];
    this.batchBytes = 0;
    const previous = this.writing;
    this.writing = previous.then(() => writeAll(this.handle, buffers, position));
    // A failure surfaces to whoever waits next (write, finish); this only keeps it from being "unhandled".
    this.writing.catch(() => undefined);
    await previous;
  }
}

/** `writev` at a position, looping over short writes (rare for files, but allowed). */
async function writeAll(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let pending = buffers;
  let at = position;
  while (pending.length > 0) {
    const { bytesWritten } = await handle.writev(pending, at);
    at += bytesWritten;
    pending = dropBytes(pending, bytesWritten);
  }
}

function dropBytes(buffers: Buffer[], count: number): Buffer[] {
  let left = count;
  const rest: Buffer[] = [];
  for (const buffer of buffers) {
    if (left >= buffer.length) left -= buffer.length;
    else {
      rest.push(left > 0 ? buffer.subarray(left) : buffer);
      left = 0;
    }
  }
  return rest;
}

/**
 * An upload on its way to the store: `write` the body, then `commit` (publish it) or `abort` (forget
 * it). Nothing of it is visible before `commit` resolves; a crash before then leaves only a temporary
 * file, removed when the store opens again.
 *
 * @example
 * const pending = await store.beginPut('photos', 'cat.jpg');
 * try {
 *   for await (const chunk of body) await pending.write(chunk);
 *   await pending.commit({ etag: `"${md5Hex}"`, contentType: 'image/jpeg' });
 * } catch (error) {
 *   await pending.abort();
 *   throw error;
 * }
 */
export interface PendingWrite<Input, Result> {
  /** Body bytes accepted so far. */
  readonly bytesWritten: number;
  write(chunk: Buffer): Promise<void>;
  /** Publishes the body with its metadata; on failure nothing is published and the temporary file is gone. */
  commit(input: Input): Promise<Result>;
  /** Drops the upload; safe to call in any state, and a no-op after a successful commit. */
  abort(): Promise<void>;
}

/** A PendingWrite over a TempFile; `publish` finishes the file and renames it into place. */
export function pendingWrite<Input, Result>(
  file: TempFile,
  publish: (file: TempFile, input: Input) => Promise<Result>,
): PendingWrite<Input, Result> {
  let state: 'writing' | 'committing' | 'done' = 'writing';
  return {
    get bytesWritten() {
      return file.bytesWritten;
    },
    write: (chunk) => file.write(chunk),
    async commit(input) {
      if (state !== 'writing') throw new Error('the upload was already committed or aborted');
      state = 'committing';
      try {
        const result = await publish(file, input);
        state = 'done';
        return result;
      } catch (error) {
        state = 'done';
        await file.discard();
        throw error;
      }
    },
    async abort() {
      if (state !== 'writing') return;
      state = 'done';
      await file.discard();
    },
  };
}
