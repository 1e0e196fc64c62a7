import { Worker } from 'node:worker_threads';

/**
 * Hashes of a large upload computed on another thread. MD5 (the ETag) and SHA-256 (the signed
 * `x-amz-content-sha256`) of a 64 MiB body cost the event loop ~150 ms of CPU, during which it
 * reads no socket and writes no file; on a second core they overlap with that work instead.
 *
 * Bytes are gathered into ~1 MiB copies and moved (transferred, not cloned) to one shared worker.
 * Small bodies are hashed inline: for them the copies and messages would cost more than they save.
 */
export class OffThreadHashes {
  private static worker: Worker | undefined;
  private static nextId = 0;
  private static readonly waiting = new Map<number, (digests: string[] | Error) => void>();

  private readonly id = OffThreadHashes.nextId++;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private finished = false;

  constructor(algorithms: readonly string[]) {
    OffThreadHashes.shared().postMessage({ type: 'start', id: this.id, algorithms });
  }

  update(data: Buffer): void {
    this.pending.push(data);
    this.pendingBytes += data.length;
    if (this.pendingBytes >= BATCH_BYTES) this.send();
  }

  /** The hex digests, in the order of the algorithms. */
  digest(): Promise<string[]> {
    this.send();
    this.finished = true;
    return new Promise((resolve, reject) => {
      OffThreadHashes.waiting.set(this.id, (result) =>
        result instanceof Error ? reject(result) : resolve(result),
      );
      OffThreadHashes.shared().postMessage({ type: 'end', id: this.id });
    });
  }

  /** Forgets a body that failed half way. */
  discard(): void {
    if (this.finished) return;
    this.finished = true;
    OffThreadHashes.shared().postMessage({ type: 'drop', id: this.id });
  }

  private send(): void {
    if (this.pendingBytes === 0) return;
    const copy = new Uint8Array(this.pendingBytes);
    let at = 0;
    for (const buffer of this.pending) {
      copy.set(buffer, at);
      at += buffer.length;
    }
    this.pending = [];
    this.pendingBytes = 0;
    OffThreadHashes.shared().postMessage({ type: 'data', id: this.id, data: copy }, [copy.buffer]);
  }

  private static shared(): Worker {
    if (OffThreadHashes.worker) return OffThreadHashes.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // Never the reason the process stays up.
    worker.unref();
    worker.on('message', ({ id, digests }: { id: number; digests: string[] }) => {
      OffThreadHashes.waiting.get(id)?.(digests);
      OffThreadHashes.waiting.delete(id);
    });
    worker.on('error', (error) => {
      for (const settle of OffThreadHashes.waiting.values()) settle(error);
      OffThreadHashes.waiting.clear();
      OffThreadHashes.worker = undefined;
    });
    OffThreadHashes.worker = worker;
    return worker;
  }
}

const BATCH_BYTES = 1024 * 1024;

/** Plain CommonJS, evaluated as the worker: it keeps one set of hashes per body. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const jobs = new Map();
parentPort.on('message', (message) => {
  if (message.type === 'start') jobs.set(message.id, message.algorithms.map((name) => createHash(name)));
  else if (message.type === 'data') for (const hash of jobs.get(message.id) ?? []) hash.update(message.data);
  else if (message.type === 'drop') jobs.delete(message.id);
  else if (message.type === 'end') {
    const hashes = jobs.get(message.id) ?? [];
    jobs.delete(message.id);
    parentPort.postMessage({ id: message.id, digests: hashes.map((hash) => hash.digest('hex')) });
  }
});
`;
