/**
 * Runs tasks one at a time per key, in the order they asked. The store takes it around the steps that
 * must not interleave: per object key, a rename and the index update that follows it (short), so that
 * of two uploads of one key the index names the one on disk; per multipart upload, a part's publishing,
 * the completion (which copies the parts) and the abort.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release = (): void => undefined;
    const turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => turn);
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
