import { useId } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { RelationshipActions } from '../../../components/relationship-actions';
import { Spinner } from '../../../components/spinner';
import { TimeAgo } from '../../../components/time-ago';
import { profilePath } from '../../../lib/photo-text';
import { Link } from '../../../lib/router';
import { type FriendRequests, useFriendRequests } from '../api/list-friend-requests';

/** Requests others sent (accept or decline) and requests the caller sent (cancel). */
export function FriendRequestsSection() {
  const requests = useFriendRequests();
  const headingId = useId();
  return (
    <section className="friends__section" aria-labelledby={headingId}>
      <h2 id={headingId}>Friend requests</h2>
      {requests.isPending ? (
        <Spinner label="Loading friend requests…" />
      ) : requests.isError ? (
        <ErrorMessage error={requests.error} onRetry={() => requests.refetch()} />
      ) : (
        <>
          <RequestList
            title="Received"
            requests={requests.data.incoming}
            relationship="incoming"
            empty="No one is waiting for your answer."
          />
          <RequestList
            title="Sent"
            requests={requests.data.outgoing}
            relationship="outgoing"
            empty="You have no requests waiting for an answer."
          />
        </>
      )}
    </section>
  );
}

function RequestList({
  title,
  requests,
  relationship,
  empty,
}: {
  title: string;
  requests: FriendRequests['incoming'];
  relationship: 'incoming' | 'outgoing';
  empty: string;
}) {
  const headingId = useId();
  return (
    <div className="friends__subsection">
      <h3 id={headingId}>
        {title} <span className="muted">({requests.length})</span>
      </h3>
      {requests.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="people" aria-labelledby={headingId}>
          {requests.map((request) => (
            <li key={request.userId} className="people__item">
              <span className="people__name">
                <Link to={profilePath(request.username)}>{request.username}</Link>{' '}
                <TimeAgo iso={request.requestedAt} className="muted" />
              </span>
              <RelationshipActions user={request} relationship={relationship} showStatus={false} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
