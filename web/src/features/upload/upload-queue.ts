import type { Visibility } from '@lambdagram/functions/contracts';
import { describeError } from '../../lib/invoke';
import { checkCaption, checkFile } from './file-checks';

/**
 * The life of one picked file:
 *
 * ```
 * draft ──start──▶ queued ──▶ uploading(progress) ──▶ processing ──▶ ready
 *   │                │             │                      └──────▶ failed(reason)   (processUpload refused it)
 *   │                └──cancel──▶ cancelled ◀──cancel──┘
 *   └─ (refused by the checks) ─▶ failed(reason, not retryable)
 * uploading ──error──▶ failed(reason, retryable);  failed(retryable) | cancelled ──retry──▶ queued
 * ```
 *
 * A draft is a picked file whose caption and visibility can still change: they travel with the
 * bytes, so they are fixed once the upload starts (the photo page edits them afterwards).
 */
export type UploadState =
  | { status: 'draft' }
  | { status: 'queued' }
  | { status: 'uploading'; loaded: number; total: number }
  | { status: 'processing'; photoId: string }
  | { status: 'ready'; photoId: string }
  | { status: 'failed'; reason: string; retryable: boolean; photoId?: string }
  | { status: 'cancelled' };

export type UploadStatus = UploadState['status'];

export interface UploadItem {
  /** This entry's id in the queue (a file may be picked twice). */
  readonly id: string;
  readonly file: File;
  readonly caption: string;
  readonly visibility: Visibility;
  readonly state: UploadState;
}

export interface UploadRequest {
  file: File;
  /** A fresh photo id for every attempt: the object key's last part. */
  photoId: string;
  caption: string;
  visibility: Visibility;
  onProgress(loaded: number, total: number): void;
}

/** An upload under way: `done` settles when the bytes are stored, or rejects (also after `abort`). */
export interface UploadTask {
  done: Promise<unknown>;
  abort(): void;
}

/** Sends a file (in the app: `@aws-sdk/lib-storage` to S3; in tests: a fake). */
export type Uploader = (request: UploadRequest) => UploadTask;

/** What processing made of an upload, as `getPhoto` reports it. */
export type ProcessingOutcome = { status: 'ready' } | { status: 'failed'; failureReason?: string };

export interface UploadQueueOptions {
  upload: Uploader;
  /** How many files go up at once (each in up to `queueSize` parts). */
  concurrency?: number;
  createId?: () => string;
  /** Words for a failed upload; by default the app's error mapping. */
  describe?: (error: unknown) => string;
  defaultVisibility?: Visibility;
}

export interface UploadQueue {
  /** The current items, a new array after every change (for `useSyncExternalStore`). */
  getSnapshot(): readonly UploadItem[];
  subscribe(listener: () => void): () => void;
  /** Adds picked files as drafts; files the checks refuse are added as failed, with the reason. */
  add(files: Iterable<File>): UploadItem[];
  /** Changes a draft's caption or visibility. */
  edit(id: string, changes: { caption?: string; visibility?: Visibility }): void;
  /** Why a draft cannot be sent yet (its caption), or `undefined`. */
  problemOf(id: string): string | undefined;
  /** Queues drafts for upload (all drafts without a problem when no ids are given). */
  start(ids?: readonly string[]): void;
  /** Stops a queued or uploading file; nothing more is sent. */
  cancel(id: string): void;
  /** Sends a cancelled file, or one whose upload failed, again (as a new photo). */
  retry(id: string): void;
  /** Records what processing made of an uploaded file (from polling `getPhoto`). */
  settle(id: string, outcome: ProcessingOutcome): void;
  /** Takes an item off the list (cancelling it first if it is still going). */
  remove(id: string): void;
  /** Cancels everything under way (the screen is going away). */
  dispose(): void;
}

const PROCESSING_REFUSED = 'This photo could not be processed.';

/**
 * A queue of uploads with no knowledge of the network: the uploader is injected, and the outcome
 * of processing is reported with `settle`, so every transition can be tested on its own.
 *
 * @example
 * const queue = createUploadQueue({ upload: (request) => s3Upload(request) });
 * queue.add(input.files);
 * queue.start();
 */
export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const createId = options.createId ?? (() => crypto.randomUUID());
  const describe = options.describe ?? describeError;
  const defaultVisibility = options.defaultVisibility ?? 'friends';

  let items: readonly UploadItem[] = [];
  const tasks = new Map<string, UploadTask>();
  const listeners = new Set<() => void>();

  const find = (id: string) => items.find((item) => item.id === id);

  function replace(id: string, change: (item: UploadItem) => UploadItem): void {
    let changed = false;
    items = items.map((item) => {
      if (item.id !== id) return item;
      const next = change(item);
      changed ||= next !== item;
      return next;
    });
    if (changed) for (const listener of [...listeners]) listener();
  }

  const setState = (id: string, state: UploadState) => replace(id, (item) => ({ ...item, state }));

  function pump(): void {
    while (tasks.size < concurrency) {
      const next = items.find((item) => item.state.status === 'queued');
      if (!next) return;
      send(next);
    }
  }

  function send(item: UploadItem): void {
    const photoId = createId();
    let task: UploadTask;
    setState(item.id, { status: 'uploading', loaded: 0, total: item.file.size });
    try {
      task = options.upload({
        file: item.file,
        photoId,
        caption: item.caption.trim(),
        visibility: item.visibility,
        onProgress: (loaded, total) => {
          if (tasks.get(item.id) !== task) return; // a late event of a cancelled attempt
          const size = total > 0 ? total : item.file.size;
          setState(item.id, { status: 'uploading', loaded: Math.min(loaded, size), total: size });
        },
      });
    } catch (error) {
      setState(item.id, { status: 'failed', reason: describe(error), retryable: true });
      return;
    }
    tasks.set(item.id, task);
    task.done.then(
      () => finish(item.id, task, { status: 'processing', photoId }),
      (error: unknown) =>
        finish(item.id, task, { status: 'failed', reason: describe(error), retryable: true }),
    );
  }

  function finish(id: string, task: UploadTask, state: UploadState): void {
    if (tasks.get(id) !== task) return; // cancelled or removed meanwhile: its state is already told
    tasks.delete(id);
    setState(id, state);
    pump();
  }

  function stop(id: string): void {
    const task = tasks.get(id);
    if (!task) return;
    tasks.delete(id);
    task.abort();
    // `done` rejects after an abort; the attempt is over, nobody needs to hear about it.
    task.done.catch(() => undefined);
  }

  return {
    getSnapshot: () => items,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    add(files) {
      const added: UploadItem[] = [];
      for (const file of files) {
        const refusal = checkFile(file);
        added.push({
          id: createId(),
          file,
          caption: '',
          visibility: defaultVisibility,
          state: refusal ? { status: 'failed', reason: refusal, retryable: false } : { status: 'draft' },
        });
      }
      if (added.length > 0) {
        items = [...items, ...added];
        for (const listener of [...listeners]) listener();
      }
      return added;
    },

    edit(id, changes) {
      replace(id, (item) => (item.state.status === 'draft' ? { ...item, ...changes } : item));
    },

    problemOf(id) {
      const item = find(id);
      return item ? checkCaption(item.caption, item.visibility) : undefined;
    },

    start(ids) {
      const chosen = ids ? new Set(ids) : undefined;
      for (const item of items) {
        if (item.state.status !== 'draft' || (chosen && !chosen.has(item.id))) continue;
        if (checkCaption(item.caption, item.visibility)) continue; // stays a draft until fixed
        setState(item.id, { status: 'queued' });
      }
      pump();
    },

    cancel(id) {
      const status = find(id)?.state.status;
      if (status !== 'queued' && status !== 'uploading') return;
      stop(id);
      setState(id, { status: 'cancelled' });
      pump();
    },

    retry(id) {
      const state = find(id)?.state;
      if (!state) return;
      if (state.status === 'cancelled' || (state.status === 'failed' && state.retryable)) {
        setState(id, { status: 'queued' });
        pump();
      }
    },

    settle(id, outcome) {
      const state = find(id)?.state;
      if (state?.status !== 'processing') return;
      const { photoId } = state;
      setState(
        id,
        outcome.status === 'ready'
          ? { status: 'ready', photoId }
          : {
              status: 'failed',
              reason: outcome.failureReason || PROCESSING_REFUSED,
              retryable: false,
              photoId,
            },
      );
    },

    remove(id) {
      if (!find(id)) return;
      stop(id);
      items = items.filter((item) => item.id !== id);
      for (const listener of [...listeners]) listener();
      pump();
    },

    dispose() {
      for (const id of [...tasks.keys()]) {
        stop(id);
        setState(id, { status: 'cancelled' });
      }
      for (const item of items)
        if (item.state.status === 'queued') setState(item.id, { status: 'cancelled' });
    },
  };
}

/** How far an item has got, 0 to 1, for a progress bar (`undefined`: nothing to show). */
export function progressOf(state: UploadState): number | undefined {
  switch (state.status) {
    case 'uploading':
      return state.total > 0 ? state.loaded / state.total : 0;
    case 'processing':
    case 'ready':
      return 1;
    default:
      return undefined;
  }
}
