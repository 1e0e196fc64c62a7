import type { OutputOf } from '@lambdagram/functions/contracts';
import type { Session } from '../session';
import { useRelationshipChange } from './relationship-change';

export function respondToFriendRequest(
  invoke: Session['invoke'],
  { userId, accept }: { userId: string; accept: boolean },
): Promise<OutputOf<'respondToFriendRequest'>> {
  return invoke('respondToFriendRequest', { userId, accept });
}

/** Accepts or declines the request `userId` sent the caller. */
export function useRespondToFriendRequest() {
  return useRelationshipChange(respondToFriendRequest);
}
