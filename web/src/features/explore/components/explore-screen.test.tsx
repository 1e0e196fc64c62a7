import type { PhotoView } from '@lambdagram/functions/contracts';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CallError } from '../../../lib/invoke';
import type { Session } from '../../../lib/session';
import { fakeSession, withSession } from '../../../test/fake-session';
import { ExploreScreen } from './explore-screen';

const photoOf = (n: number): PhotoView => ({
  photoId: `p${n}`,
  status: 'ready',
  owner: { userId: 'u1', username: 'ana' },
  caption: `Photo ${n}`,
  visibility: 'public',
  createdAt: '2030-01-01T00:00:00Z',
  width: 100,
  height: 100,
  images: [{ width: 100, height: 100, url: `https://x/${n}.webp` }],
});

describe('ExploreScreen', () => {
  it('shows public photos to a guest and follows the cursor for more', async () => {
    const invoke = vi
      .fn()
      .mockResolvedValueOnce({ photos: [photoOf(1), photoOf(2)], nextCursor: 'c2' })
      .mockResolvedValueOnce({ photos: [photoOf(3)] });
    render(withSession(fakeSession({ invoke: invoke as unknown as Session['invoke'] }), <ExploreScreen />));

    expect(await screen.findByRole('img', { name: 'Photo 2' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('img', { name: 'Photo 3' })).toBeTruthy();
    expect(invoke).toHaveBeenLastCalledWith(
      'listPublicPhotos',
      expect.objectContaining({ cursor: 'c2' }),
      expect.anything(),
    );
    expect(screen.getByText("You've seen every public photo.")).toBeTruthy();
  });

  it('says so when there are no photos yet', async () => {
    const invoke = vi.fn().mockResolvedValue({ photos: [] });
    render(withSession(fakeSession({ invoke: invoke as unknown as Session['invoke'] }), <ExploreScreen />));

    expect(await screen.findByText('No public photos yet. Check back soon.')).toBeTruthy();
  });

  it('explains a failure and offers to try again', async () => {
    const invoke = vi
      .fn()
      .mockRejectedValueOnce(
        new CallError('Network', "Can't reach the server. Check your connection and try again."),
      )
      .mockResolvedValueOnce({ photos: [photoOf(1)] });
    render(withSession(fakeSession({ invoke: invoke as unknown as Session['invoke'] }), <ExploreScreen />));

    expect((await screen.findByRole('alert')).textContent).toContain("Can't reach the server.");
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('img', { name: 'Photo 1' })).toBeTruthy();
  });
});
