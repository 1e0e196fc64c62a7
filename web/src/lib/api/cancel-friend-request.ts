import type { OutputOf } from '@lambdagram/functions/contracts';
import type { Session } from '../session';
import { useRelationshipChange } from './relationship-change';

export function cancelFriendRequest(
  invoke: Session['invoke'],
  { userId }: { userId: string },
): Promise<OutputOf<'cancelFriendRequest'>> {
  return invoke('cancelFriendRequest', { userId });
}

/** Withdraws the request the caller sent `userId`. */
export function useCancelFriendRequest() {
  return useRelationshipChange(cancelFriendRequest);
}
