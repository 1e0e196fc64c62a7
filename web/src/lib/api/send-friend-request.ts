import type { OutputOf } from '@lambdagram/functions/contracts';
import type { Session } from '../session';
import { useRelationshipChange } from './relationship-change';

export function sendFriendRequest(
  invoke: Session['invoke'],
  { userId }: { userId: string },
): Promise<OutputOf<'sendFriendRequest'>> {
  return invoke('sendFriendRequest', { userId });
}

/** Asks `userId` to be friends (accepts at once if they had asked the caller). */
export function useSendFriendRequest() {
  return useRelationshipChange(sendFriendRequest);
}
