import type { OutputOf } from '@lambdagram/functions/contracts';
import type { Session } from '../session';
import { useRelationshipChange } from './relationship-change';

export function removeFriend(
  invoke: Session['invoke'],
  { userId }: { userId: string },
): Promise<OutputOf<'removeFriend'>> {
  return invoke('removeFriend', { userId });
}

/** Ends the friendship with `userId`: neither sees the other's friends-only photos any more. */
export function useRemoveFriend() {
  return useRelationshipChange(removeFriend);
}
