import type { PhotoView } from '@lambdagram/functions/contracts';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CallError } from '../../../lib/invoke';
import type { Session } from '../../../lib/session';
import { fakeSession, withSession } from '../../../test/fake-session';
import { FeedScreen } from './feed-screen';

const photoOf = (n: number, caption = `Photo ${n}`): PhotoView => ({
  photoId: `p${n}`,
  status: 'ready',
  owner: { userId: 'u2', username: 'bo' },
  caption,
  visibility: 'friends',
  createdAt: '2030-01-01T00:00:00Z',
  width: 1440,
  height: 960,
  placeholder: { color: '#336699', dataUrl: 'data:image/webp;base64,AAAA' },
  images: [
    { width: 320, height: 213, url: `https://x/${n}/320.webp` },
    { width: 720, height: 480, url: `https://x/${n}/720.webp` },
    { width: 1440, height: 960, url: `https://x/${n}/1440.webp` },
  ],
});

const signedIn = (invoke: ReturnType<typeof vi.fn>) =>
  fakeSession({
    kind: 'user',
    user: { userId: 'u1', username: 'ana', role: 'user' },
    invoke: invoke as unknown as Session['invoke'],
  });

describe('FeedScreen', () => {
  it('shows each photo with its author, caption and every size for the browser to choose from', async () => {
    const invoke = vi.fn().mockResolvedValue({ photos: [photoOf(1, 'Sea'), photoOf(2, '')] });
    render(withSession(signedIn(invoke), <FeedScreen />));

    const image = await screen.findByRole('img', { name: 'Sea' });

    expect(image.getAttribute('srcset')).toBe(
      'https://x/1/320.webp 320w, https://x/1/720.webp 720w, https://x/1/1440.webp 1440w',
    );
    expect(image.getAttribute('sizes')).toContain('calc(100vw - 2rem)');
    expect(screen.getByRole('img', { name: 'Photo by bo' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'bo' })[0]?.getAttribute('href')).toBe('/u/bo');
    expect(screen.getByRole('link', { name: 'Sea' }).getAttribute('href')).toBe('/photos/p1');
    expect(screen.getByText("You're all caught up.")).toBeTruthy();
  });

  it('follows the cursor for the next page', async () => {
    const invoke = vi
      .fn()
      .mockResolvedValueOnce({ photos: [photoOf(1)], nextCursor: 'c2' })
      .mockResolvedValueOnce({ photos: [photoOf(2)] });
    render(withSession(signedIn(invoke), <FeedScreen />));

    await userEvent.click(await screen.findByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('img', { name: 'Photo 2' })).toBeTruthy();
    expect(invoke).toHaveBeenLastCalledWith('getFeed', { limit: 12, cursor: 'c2' }, expect.anything());
  });

  it('says what to do when the feed is empty', async () => {
    render(withSession(signedIn(vi.fn().mockResolvedValue({ photos: [] })), <FeedScreen />));

    expect(
      await screen.findByRole('heading', { name: 'Your feed is empty — upload a photo or find friends' }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Upload a photo' }).getAttribute('href')).toBe('/upload');
    expect(screen.getByRole('link', { name: 'Find friends' }).getAttribute('href')).toBe('/friends');
  });

  it('explains a failure and loads the feed when asked to try again', async () => {
    const invoke = vi
      .fn()
      .mockRejectedValueOnce(
        new CallError('Network', "Can't reach the server. Check your connection and try again."),
      )
      .mockResolvedValueOnce({ photos: [photoOf(1)] });
    render(withSession(signedIn(invoke), <FeedScreen />));

    expect((await screen.findByRole('alert')).textContent).toContain("Can't reach the server.");
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('img', { name: 'Photo 1' })).toBeTruthy();
  });
});
