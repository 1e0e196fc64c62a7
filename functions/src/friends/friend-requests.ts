import type { Relationship } from '#contracts/friends.js';
import { ConflictError, NotFoundError, ValidationError } from '#shared/errors.js';
import type { FriendshipStatus } from '#shared/relationships.js';
import { getProfile, type UserProfile } from '#shared/users.js';
import { changeRelation, createRequest, getFriendship } from './friendships-table.js';

/**
 * The friend-request state machine, as the caller (`me`) sees a pair:
 *
 *   none --send--> outgoing --(they accept)--> friends --remove--> none
 *   none --(they send)--> incoming --accept--> friends;  incoming --decline--> none
 *   outgoing --cancel--> none;  incoming --send--> friends (they asked first)
 *
 * Both sides change in one conditional transaction (see `changeRelation`). Sending is idempotent:
 * asking again someone already asked, or a friend, answers the relation as it stands and writes
 * nothing, so a double click or a retried call is harmless. Answering, cancelling and removing act
 * only on the state they name; anything else is a `NotFoundError` (there is no such request or
 * friendship). When the other side changes the pair at the same moment, the transaction is refused
 * and the step is decided again on what is there now.
 */

const ATTEMPTS = 3;

export async function sendFriendRequest(me: UserProfile, otherId: string): Promise<Relationship> {
  if (otherId === me.userId) throw new ValidationError('You cannot send a friend request to yourself.');
  const other = await getProfile(otherId);
  if (!other) throw new NotFoundError('There is no such user.');
  const now = new Date().toISOString();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const mine = await getFriendship(me.userId, otherId);
    switch (mine?.status) {
      case 'friends':
      case 'outgoing':
        return mine.status;
      case 'incoming':
        if (await changeRelation(me.userId, otherId, 'incoming', 'friends', now)) return 'friends';
        break;
      default: {
        const from = { userId: me.userId, username: me.username };
        if (await createRequest(from, { userId: other.userId, username: other.username }, now))
          return 'outgoing';
      }
    }
  }
  throw changedMeanwhile();
}

export function respondToFriendRequest(
  me: UserProfile,
  otherId: string,
  accept: boolean,
): Promise<Relationship> {
  return move(me, otherId, {
    from: 'incoming',
    to: accept ? 'friends' : undefined,
    yourself: 'You cannot answer a friend request from yourself.',
    missing: 'There is no friend request from this user.',
  });
}

export function cancelFriendRequest(me: UserProfile, otherId: string): Promise<Relationship> {
  return move(me, otherId, {
    from: 'outgoing',
    to: undefined,
    yourself: 'You cannot cancel a friend request to yourself.',
    missing: 'You have no pending friend request to this user.',
  });
}

export function removeFriend(me: UserProfile, otherId: string): Promise<Relationship> {
  return move(me, otherId, {
    from: 'friends',
    to: undefined,
    yourself: 'You cannot unfriend yourself.',
    missing: 'You are not friends with this user.',
  });
}

async function move(
  me: UserProfile,
  otherId: string,
  step: { from: FriendshipStatus; to: FriendshipStatus | undefined; yourself: string; missing: string },
): Promise<Relationship> {
  if (otherId === me.userId) throw new ValidationError(step.yourself);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const mine = await getFriendship(me.userId, otherId);
    if (mine?.status !== step.from) throw new NotFoundError(step.missing);
    if (await changeRelation(me.userId, otherId, step.from, step.to, new Date().toISOString())) {
      return step.to ?? 'none';
    }
  }
  throw changedMeanwhile();
}

function changedMeanwhile(): ConflictError {
  return new ConflictError('This friendship changed at the same moment. Please try again.');
}
