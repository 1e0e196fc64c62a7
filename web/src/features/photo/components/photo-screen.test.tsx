import type { PhotoView } from '@lambdagram/functions/contracts';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallError } from '../../../lib/invoke';
import type { Session } from '../../../lib/session';
import { fakeSession, withSession } from '../../../test/fake-session';
import { PhotoScreen } from './photo-screen';

const photo: PhotoView = {
  photoId: '5f0e7c1a-0000-4000-8000-000000000001',
  status: 'ready',
  owner: { userId: 'u1', username: 'ana' },
  caption: 'Sea',
  visibility: 'friends',
  createdAt: '2030-01-01T00:00:00Z',
  images: [{ width: 720, height: 480, url: 'https://x/720.webp' }],
};

function renderAs(userId: string, invoke: ReturnType<typeof vi.fn>) {
  const session = fakeSession({
    kind: 'user',
    user: { userId, username: userId === 'u1' ? 'ana' : 'bo', role: 'user' },
    invoke: invoke as unknown as Session['invoke'],
  });
  render(withSession(session, <PhotoScreen />));
}

/** Answers per function, like the functions would. */
function functions(answers: Record<string, (input: unknown) => unknown>) {
  return vi.fn(async (name: string, input: unknown) => {
    const answer = answers[name];
    if (!answer) throw new Error(`unexpected call of ${name}`);
    return answer(input);
  });
}

describe('PhotoScreen', () => {
  beforeEach(() => window.history.pushState(null, '', `/photos/${photo.photoId}`));
  afterEach(() => window.history.pushState(null, '', '/'));

  it('lets the owner change the caption and visibility, sending only what changed', async () => {
    const invoke = functions({
      getPhoto: () => photo,
      updatePhoto: (input) => ({ ...photo, ...(input as object) }),
    });
    renderAs('u1', invoke);

    await userEvent.click(await screen.findByRole('button', { name: 'Edit caption and visibility' }));
    const caption = screen.getByRole('textbox', { name: 'Caption' });
    expect(document.activeElement).toBe(caption);
    await userEvent.clear(caption);
    await userEvent.type(caption, 'Sea at dawn');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Sea at dawn')).toBeTruthy();
    expect(invoke).toHaveBeenCalledWith('updatePhoto', { photoId: photo.photoId, caption: 'Sea at dawn' });
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Edit caption and visibility' }),
      ),
    );
  });

  it('deletes only after the owner confirms, then goes home', async () => {
    const invoke = functions({ getPhoto: () => photo, deletePhoto: () => ({ deleted: true }) });
    renderAs('u1', invoke);

    await userEvent.click(await screen.findByRole('button', { name: 'Delete photo' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this photo?' });
    expect(invoke).not.toHaveBeenCalledWith('deletePhoto', expect.anything());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete photo' }));

    await waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(invoke).toHaveBeenCalledWith('deletePhoto', { photoId: photo.photoId });
  });

  it('offers no editing to someone else', async () => {
    renderAs('u2', functions({ getPhoto: () => photo }));

    expect(await screen.findByRole('img', { name: 'Sea' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit caption and visibility' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete photo' })).toBeNull();
  });

  it('says a photo that is gone or not shared is not found', async () => {
    renderAs('u2', vi.fn().mockRejectedValue(new CallError('NotFoundError', 'There is no such photo.')));

    expect(await screen.findByRole('heading', { name: 'Photo not found' })).toBeTruthy();
  });
});
