import { describe, expect, it, vi } from 'vitest';
import { createUploadQueue, progressOf, type UploadRequest, type UploadTask } from './upload-queue';

/** An uploader whose uploads finish only when the test says so. */
function fakeUploader() {
  const started: Array<
    UploadRequest & { resolve(): void; reject(error: unknown): void; abort: ReturnType<typeof vi.fn> }
  > = [];
  const upload = (request: UploadRequest): UploadTask => {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const abort = vi.fn(() => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    started.push({ ...request, resolve, reject, abort });
    return { done, abort };
  };
  return { upload, started };
}

function sequentialIds() {
  let next = 0;
  return () => `id-${++next}`;
}

const photo = (name = 'beach.jpg', size = 1000, type = 'image/jpeg') =>
  new File([new Uint8Array(size)], name, { type });
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the upload queue', () => {
  it('adds picked files as drafts that send nothing until started', () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });

    const [item] = queue.add([photo()]);

    expect(item?.state).toEqual({ status: 'draft' });
    expect(item?.visibility).toBe('friends');
    expect(started).toHaveLength(0);
  });

  it('refuses a file of another type or over the size limit before any byte is sent', () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });

    const [gif, huge] = queue.add([
      photo('cat.gif', 10, 'image/gif'),
      photo('huge.png', 26 * 1024 * 1024, 'image/png'),
    ]);
    queue.start();

    expect(gif?.state).toMatchObject({ status: 'failed', retryable: false });
    expect(gif?.state.status === 'failed' && gif.state.reason).toMatch(/not a JPEG, PNG, WebP or AVIF/);
    expect(huge?.state.status === 'failed' && huge.state.reason).toMatch(/at most 25 MB/);
    expect(started).toHaveLength(0);
  });

  it('sends the caption and visibility chosen for each file with a fresh photo id', () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });
    const [first, second] = queue.add([photo('a.jpg'), photo('b.webp', 10, 'image/webp')]);

    queue.edit(first?.id ?? '', { caption: '  Sunset  ', visibility: 'public' });
    queue.edit(second?.id ?? '', { visibility: 'private' });
    queue.start();

    expect(started.map(({ caption, visibility, photoId }) => ({ caption, visibility, photoId }))).toEqual([
      { caption: 'Sunset', visibility: 'public', photoId: 'id-3' },
      { caption: '', visibility: 'private', photoId: 'id-4' },
    ]);
  });

  it('keeps a draft whose caption is too long to travel as metadata, and says why', () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });
    const [item] = queue.add([photo()]);

    queue.edit(item?.id ?? '', { caption: 'é'.repeat(400) }); // 400 characters, 2,400 bytes encoded
    queue.start();

    expect(queue.getSnapshot()[0]?.state).toEqual({ status: 'draft' });
    expect(queue.problemOf(item?.id ?? '')).toMatch(/too long to send/);
    expect(started).toHaveLength(0);
  });

  it('reports progress, then processing, then ready', async () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });
    const [item] = queue.add([photo('a.jpg', 2000)]);
    const id = item?.id ?? '';
    queue.start();

    started[0]?.onProgress(500, 2000);
    const uploading = queue.getSnapshot()[0]?.state;
    started[0]?.resolve();
    await settled();
    const processing = queue.getSnapshot()[0]?.state;
    queue.settle(id, { status: 'ready' });

    expect(uploading).toEqual({ status: 'uploading', loaded: 500, total: 2000 });
    expect(uploading && progressOf(uploading)).toBe(0.25);
    expect(processing).toEqual({ status: 'processing', photoId: 'id-2' });
    expect(queue.getSnapshot()[0]?.state).toEqual({ status: 'ready', photoId: 'id-2' });
  });

  it('shows the reason processing gave when it refused the file', async () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });
    const [item] = queue.add([photo()]);
    queue.start();
    started[0]?.resolve();
    await settled();

    queue.settle(item?.id ?? '', {
      status: 'failed',
      failureReason: 'This file is not an image we can read.',
    });

    expect(queue.getSnapshot()[0]?.state).toEqual({
      status: 'failed',
      reason: 'This file is not an image we can read.',
      retryable: false,
      photoId: 'id-2',
    });
  });

  it('uploads at most `concurrency` files at once and starts the next when one ends', async () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, concurrency: 2, createId: sequentialIds() });
    queue.add([photo('1.jpg'), photo('2.jpg'), photo('3.jpg')]);
    queue.start();

    const statusesBefore = queue.getSnapshot().map((item) => item.state.status);
    started[0]?.resolve();
    await settled();

    expect(statusesBefore).toEqual(['uploading', 'uploading', 'queued']);
    expect(queue.getSnapshot().map((item) => item.state.status)).toEqual([
      'processing',
      'uploading',
      'uploading',
    ]);
    expect(started).toHaveLength(3);
  });

  it('cancels an upload under way: aborts it, ignores its late events and frees its place', async () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, concurrency: 1, createId: sequentialIds() });
    const [first] = queue.add([photo('1.jpg'), photo('2.jpg')]);
    queue.start();

    queue.cancel(first?.id ?? '');
    started[0]?.onProgress(900, 1000);
    await settled();

    expect(started[0]?.abort).toHaveBeenCalledOnce();
    expect(queue.getSnapshot().map((item) => item.state.status)).toEqual(['cancelled', 'uploading']);
  });

  it('cancels a queued file without sending it', () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, concurrency: 1, createId: sequentialIds() });
    const [, second] = queue.add([photo('1.jpg'), photo('2.jpg')]);
    queue.start();

    queue.cancel(second?.id ?? '');
    started[0]?.resolve();

    expect(queue.getSnapshot()[1]?.state).toEqual({ status: 'cancelled' });
    expect(started).toHaveLength(1);
  });

  it('turns a failed upload into words and sends it again as a new photo on retry', async () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({
      upload,
      createId: sequentialIds(),
      describe: () => "Can't reach the server. Check your connection and try again.",
    });
    const [item] = queue.add([photo()]);
    queue.start();
    started[0]?.reject(new TypeError('Failed to fetch'));
    await settled();
    const failed = queue.getSnapshot()[0]?.state;

    queue.retry(item?.id ?? '');

    expect(failed).toEqual({
      status: 'failed',
      reason: "Can't reach the server. Check your connection and try again.",
      retryable: true,
    });
    expect(queue.getSnapshot()[0]?.state.status).toBe('uploading');
    expect(started.map((request) => request.photoId)).toEqual(['id-2', 'id-3']);
  });

  it('retries a cancelled upload but not a file the checks or processing refused', async () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });
    const [good, gif] = queue.add([photo(), photo('x.gif', 5, 'image/gif')]);
    queue.start();
    queue.cancel(good?.id ?? '');

    queue.retry(good?.id ?? '');
    queue.retry(gif?.id ?? '');

    expect(queue.getSnapshot().map((item) => item.state.status)).toEqual(['uploading', 'failed']);
    expect(started).toHaveLength(2);
  });

  it('changes caption and visibility only while the file is a draft', () => {
    const { upload } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });
    const [item] = queue.add([photo()]);
    queue.start();

    queue.edit(item?.id ?? '', { caption: 'too late' });

    expect(queue.getSnapshot()[0]?.caption).toBe('');
  });

  it('tells subscribers about every change and stops when they unsubscribe', () => {
    const { upload } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });
    const listener = vi.fn();
    const unsubscribe = queue.subscribe(listener);

    queue.add([photo()]);
    unsubscribe();
    queue.add([photo()]);

    expect(listener).toHaveBeenCalledOnce();
  });

  it('cancels everything under way when disposed', () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, concurrency: 1, createId: sequentialIds() });
    queue.add([photo('1.jpg'), photo('2.jpg')]);
    queue.start();

    queue.dispose();

    expect(started[0]?.abort).toHaveBeenCalledOnce();
    expect(queue.getSnapshot().map((item) => item.state.status)).toEqual(['cancelled', 'cancelled']);
    expect(started).toHaveLength(1);
  });

  it('removes an item, aborting its upload', () => {
    const { upload, started } = fakeUploader();
    const queue = createUploadQueue({ upload, createId: sequentialIds() });
    const [item] = queue.add([photo()]);
    queue.start();

    queue.remove(item?.id ?? '');

    expect(started[0]?.abort).toHaveBeenCalledOnce();
    expect(queue.getSnapshot()).toEqual([]);
  });
});
