import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../lib/session';
import { fakeSession, withSession } from '../../../test/fake-session';
import { FriendsScreen } from './friends-screen';

function functions(answers: Record<string, (input: Record<string, unknown>) => unknown>) {
  return vi.fn(async (name: string, input: Record<string, unknown>) => {
    const answer = answers[name];
    if (!answer) throw new Error(`unexpected call of ${name}`);
    return answer(input);
  });
}

function renderScreen(invoke: ReturnType<typeof functions>) {
  const session = fakeSession({
    kind: 'user',
    user: { userId: 'u1', username: 'ana', role: 'user' },
    invoke: invoke as unknown as Session['invoke'],
  });
  render(withSession(session, <FriendsScreen />));
}

describe('FriendsScreen', () => {
  it('searches once typing pauses and sends a friend request from the results', async () => {
    let relationship = 'none';
    const invoke = functions({
      listFriendRequests: () => ({ incoming: [], outgoing: [] }),
      listFriends: () => ({ friends: [] }),
      searchUsers: () => ({ users: [{ userId: 'u2', username: 'bob', relationship }] }),
      sendFriendRequest: () => {
        relationship = 'outgoing';
        return { relationship };
      },
    });
    renderScreen(invoke);

    await userEvent.type(screen.getByRole('searchbox', { name: 'Username starts with' }), 'bo');
    const results = await screen.findByRole('list', { name: 'Search results' });
    await userEvent.click(within(results).getByRole('button', { name: 'Add friend bob' }));

    expect(await within(results).findByRole('button', { name: 'Cancel request bob' })).toBeTruthy();
    const searches = invoke.mock.calls.filter(([name]) => name === 'searchUsers');
    expect(searches.map(([, input]) => input.prefix)).not.toContain('b');
    expect(invoke).toHaveBeenCalledWith('sendFriendRequest', { userId: 'u2' });
  });

  it('accepts and declines requests received, cancels requests sent', async () => {
    const invoke = functions({
      listFriendRequests: () => ({
        incoming: [{ userId: 'u2', username: 'bob', requestedAt: '2030-01-01T00:00:00Z' }],
        outgoing: [{ userId: 'u3', username: 'cy', requestedAt: '2030-01-01T00:00:00Z' }],
      }),
      listFriends: () => ({ friends: [] }),
      respondToFriendRequest: () => ({ relationship: 'friends' }),
      cancelFriendRequest: () => ({ relationship: 'none' }),
    });
    renderScreen(invoke);

    await userEvent.click(await screen.findByRole('button', { name: 'Accept bob' }));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel request cy' }));

    expect(invoke).toHaveBeenCalledWith('respondToFriendRequest', { userId: 'u2', accept: true });
    expect(invoke).toHaveBeenCalledWith('cancelFriendRequest', { userId: 'u3' });
    expect(screen.getByRole('button', { name: 'Decline bob' })).toBeTruthy();
  });

  it('asks before removing a friend', async () => {
    const invoke = functions({
      listFriendRequests: () => ({ incoming: [], outgoing: [] }),
      listFriends: () => ({ friends: [{ userId: 'u2', username: 'bob', since: '2030-01-01T00:00:00Z' }] }),
      removeFriend: () => ({ relationship: 'none' }),
    });
    renderScreen(invoke);

    await userEvent.click(await screen.findByRole('button', { name: 'Remove friend bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove bob from your friends?' });
    expect(invoke).not.toHaveBeenCalledWith('removeFriend', expect.anything());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove friend' }));

    expect(invoke).toHaveBeenCalledWith('removeFriend', { userId: 'u2' });
  });
});
