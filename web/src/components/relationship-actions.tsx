import type { Relationship, UserSummary } from '@lambdagram/functions/contracts';
import { type ReactNode, useState } from 'react';
import { useCancelFriendRequest } from '../lib/api/cancel-friend-request';
import { useRemoveFriend } from '../lib/api/remove-friend';
import { useRespondToFriendRequest } from '../lib/api/respond-to-friend-request';
import { useSendFriendRequest } from '../lib/api/send-friend-request';
import { Button } from './button';
import { ConfirmDialog } from './confirm-dialog';
import { ErrorMessage } from './error-message';

export interface RelationshipActionsProps {
  user: UserSummary;
  relationship: Relationship;
  /** Say the relationship in words too ("Friends", "Request sent"); off where a heading says it. */
  showStatus?: boolean;
}

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  self: 'You',
  friends: 'Friends',
  outgoing: 'Request sent',
  incoming: 'Wants to be your friend',
  none: 'Not friends',
};

/** The buttons that move a relationship on: add, cancel, accept, decline, remove (with a question). */
export function RelationshipActions({ user, relationship, showStatus = true }: RelationshipActionsProps) {
  const send = useSendFriendRequest();
  const respond = useRespondToFriendRequest();
  const cancel = useCancelFriendRequest();
  const remove = useRemoveFriend();
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const { userId, username } = user;
  const busy = send.isPending || respond.isPending || cancel.isPending || remove.isPending;
  const error = send.error ?? respond.error ?? cancel.error;
  // Who the button is about, for screen readers reading the button on its own.
  const whom = <span className="visually-hidden"> {username}</span>;

  const reset = () => {
    send.reset();
    respond.reset();
    cancel.reset();
  };

  let actions: ReactNode = null;
  switch (relationship) {
    case 'self':
      break;
    case 'none':
      actions = (
        <Button
          onClick={() => {
            reset();
            send.mutate({ userId });
          }}
          pending={send.isPending}
          disabled={busy}
        >
          Add friend{whom}
        </Button>
      );
      break;
    case 'outgoing':
      actions = (
        <Button
          variant="secondary"
          onClick={() => {
            reset();
            cancel.mutate({ userId });
          }}
          pending={cancel.isPending}
          disabled={busy}
        >
          Cancel request{whom}
        </Button>
      );
      break;
    case 'incoming':
      actions = (
        <>
          <Button
            onClick={() => {
              reset();
              respond.mutate({ userId, accept: true });
            }}
            pending={respond.isPending && respond.variables?.accept === true}
            disabled={busy}
          >
            Accept{whom}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              reset();
              respond.mutate({ userId, accept: false });
            }}
            pending={respond.isPending && respond.variables?.accept === false}
            disabled={busy}
          >
            Decline{whom}
          </Button>
        </>
      );
      break;
    case 'friends':
      actions = (
        <Button
          variant="secondary"
          onClick={() => {
            remove.reset();
            setConfirmingRemoval(true);
          }}
          disabled={busy}
        >
          Remove friend{whom}
        </Button>
      );
      break;
  }

  return (
    <div className="relationship">
      {showStatus && relationship !== 'none' && (
        <span className={`relationship__status relationship__status--${relationship}`}>
          {RELATIONSHIP_LABELS[relationship]}
        </span>
      )}
      {actions && <div className="relationship__actions">{actions}</div>}
      <ErrorMessage error={error ?? undefined} />
      <ConfirmDialog
        open={confirmingRemoval}
        title={`Remove ${username} from your friends?`}
        confirmLabel="Remove friend"
        cancelLabel="Keep"
        danger
        pending={remove.isPending}
        error={remove.error ?? undefined}
        onCancel={() => setConfirmingRemoval(false)}
        onConfirm={() => remove.mutate({ userId }, { onSuccess: () => setConfirmingRemoval(false) })}
      >
        <p>You will no longer see each other's friends-only photos. You can send a new request later.</p>
      </ConfirmDialog>
    </div>
  );
}
