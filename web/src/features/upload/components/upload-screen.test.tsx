import type { PhotoView } from '@lambdagram/functions/contracts';
import { createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../lib/session';
import { fakeSession, withSession } from '../../../test/fake-session';
import type { UploadRequest, UploadTask } from '../upload-queue';
import { UploadScreen } from './upload-screen';

const user = { userId: 'u1', username: 'ana', role: 'user' as const };

function photoFile(name: string, type: string, size = 1000): File {
  const file = new File([new Uint8Array(Math.min(size, 1000))], name, { type });
  if (size > 1000) Object.defineProperty(file, 'size', { value: size });
  return file;
}

/** An uploader that finishes only when the test says so, and never touches the network. */
function fakeUploader() {
  const started: Array<UploadRequest & { finish(): void; abort: ReturnType<typeof vi.fn> }> = [];
  const upload = vi.fn((request: UploadRequest): UploadTask => {
    let finish!: () => void;
    let fail!: (error: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const abort = vi.fn(() => fail(Object.assign(new Error('aborted'), { name: 'AbortError' })));
    started.push({ ...request, finish, abort });
    return { done, abort };
  });
  return { upload, started };
}

function processed(photoId: string, status: PhotoView['status'], failureReason?: string): PhotoView {
  return {
    photoId,
    status,
    owner: { userId: 'u1', username: 'ana' },
    caption: '',
    visibility: 'friends',
    createdAt: '2030-01-01T00:00:00Z',
    images: [],
    ...(failureReason ? { failureReason } : {}),
  };
}

function renderScreen(invoke = vi.fn()) {
  const { upload, started } = fakeUploader();
  const session = fakeSession({
    kind: 'user',
    user,
    identityId: 'us-east-1:11111111-1111-1111-1111-111111111111',
    invoke: invoke as unknown as Session['invoke'],
  });
  render(withSession(session, <UploadScreen upload={upload} />));
  return { upload, started, invoke };
}

const picker = () => screen.getByLabelText('Choose photos');

describe('UploadScreen', () => {
  it('refuses files of another type or over 25 MB before sending anything, and says why', async () => {
    const { upload } = renderScreen();
    const events = userEvent.setup({ applyAccept: false });

    await events.upload(picker(), [
      photoFile('clip.gif', 'image/gif'),
      photoFile('raw.jpg', 'image/jpeg', 30 * 1024 * 1024),
    ]);

    const alerts = screen.getAllByRole('alert').map((alert) => alert.textContent);
    expect(alerts).toEqual([
      '“clip.gif” is not a JPEG, PNG, WebP or AVIF image.',
      '“raw.jpg” is 30 MB; photos can be at most 25 MB.',
    ]);
    expect(screen.queryByRole('button', { name: /^Upload/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
    expect(upload).not.toHaveBeenCalled();
  });

  it('sends each photo with its own caption and visibility, showing progress, then processing, then done', async () => {
    const invoke = vi.fn().mockResolvedValue(processed('p1', 'ready'));
    const { started } = renderScreen(invoke);
    const events = userEvent.setup();

    await events.upload(picker(), [
      photoFile('beach.jpg', 'image/jpeg', 4000),
      photoFile('cat.png', 'image/png'),
    ]);
    await events.type(screen.getByLabelText('Caption for beach.jpg'), 'Sunset & sea');
    await events.selectOptions(screen.getByLabelText('Who can see it (beach.jpg)'), 'public');
    await events.click(screen.getByRole('button', { name: 'Upload 2 photos' }));

    expect(started.map(({ file, caption, visibility }) => [file.name, caption, visibility])).toEqual([
      ['beach.jpg', 'Sunset & sea', 'public'],
      ['cat.png', '', 'friends'],
    ]);
    fireEventProgress(started[0], 1000, 4000);
    const bar = await screen.findByRole('progressbar', { name: 'Uploading beach.jpg' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['1000', '4000']);

    started[0]?.finish();

    expect(await screen.findByText('Uploaded. It is in your feed and on your profile.')).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith('getPhoto', { photoId: started[0]?.photoId }, expect.anything());
    expect(screen.getByRole('link', { name: 'View photo beach.jpg' }).getAttribute('href')).toBe(
      `/photos/${started[0]?.photoId}`,
    );
  });

  it('shows the reason when processing refused the file', async () => {
    const invoke = vi
      .fn()
      .mockResolvedValue(processed('p1', 'failed', 'This image is larger than 50 megapixels.'));
    const { started } = renderScreen(invoke);
    const events = userEvent.setup();
    await events.upload(picker(), photoFile('huge.png', 'image/png'));
    await events.click(screen.getByRole('button', { name: 'Upload 1 photo' }));

    started[0]?.finish();

    expect((await screen.findByRole('alert')).textContent).toBe('This image is larger than 50 megapixels.');
  });

  it('cancels an upload under way and offers to retry it', async () => {
    const { started } = renderScreen();
    const events = userEvent.setup();
    await events.upload(picker(), photoFile('beach.jpg', 'image/jpeg'));
    await events.click(screen.getByRole('button', { name: 'Upload 1 photo' }));

    await events.click(screen.getByRole('button', { name: 'Cancel upload of beach.jpg' }));
    expect(started[0]?.abort).toHaveBeenCalledOnce();
    expect(screen.getByText('Cancelled. Nothing was kept.')).toBeTruthy();

    await events.click(screen.getByRole('button', { name: 'Retry beach.jpg' }));
    expect(started).toHaveLength(2);
    expect(started[1]?.photoId).not.toBe(started[0]?.photoId);
    expect(screen.getByRole('progressbar', { name: 'Uploading beach.jpg' })).toBeTruthy();
  });

  it('keeps a photo whose caption cannot travel with it as a draft, saying why', async () => {
    const { upload } = renderScreen();
    const events = userEvent.setup();
    await events.upload(picker(), photoFile('beach.jpg', 'image/jpeg'));

    fireEvent.change(screen.getByLabelText('Caption for beach.jpg'), {
      target: { value: '日本'.repeat(200) },
    });

    expect(screen.getByRole('alert').textContent).toMatch(/too long to send with the photo/);
    expect(screen.getByRole('button', { name: 'Upload 0 photos' }).hasAttribute('disabled')).toBe(true);
    expect(upload).not.toHaveBeenCalled();
  });

  it('adds files dropped on the page, and previews them until they are removed', async () => {
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:preview-1');
    const revokeObjectURL = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderScreen();
    const drop = createEvent.drop(window);
    Object.defineProperty(drop, 'dataTransfer', {
      value: { types: ['Files'], files: [photoFile('drop.webp', 'image/webp')] },
    });

    fireEvent(window, drop);
    const preview = await screen.findByRole('img', { name: 'Preview of drop.webp' });
    const list = screen.getByRole('list');
    await userEvent.click(within(list).getByRole('button', { name: 'Remove drop.webp' }));

    expect(drop.defaultPrevented).toBe(true);
    expect(preview.getAttribute('src')).toBe('blob:preview-1');
    expect(createObjectURL).toHaveBeenCalledOnce();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:preview-1');
    expect(screen.queryByRole('list')).toBeNull();
  });
});

function fireEventProgress(request: UploadRequest | undefined, loaded: number, total: number) {
  if (!request) throw new Error('nothing was sent');
  // Progress arrives from the SDK outside React's event handlers.
  request.onProgress(loaded, total);
}
