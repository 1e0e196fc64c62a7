import { useId } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { LoadMore } from '../../../components/load-more';
import { RelationshipActions } from '../../../components/relationship-actions';
import { Spinner } from '../../../components/spinner';
import { TimeAgo } from '../../../components/time-ago';
import { profilePath } from '../../../lib/photo-text';
import { Link } from '../../../lib/router';
import { useFriends } from '../api/list-friends';

/** The caller's friends, each with a link to their photos and a way to end the friendship. */
export function FriendsList() {
  const friends = useFriends();
  const headingId = useId();
  const items = friends.data?.pages.flatMap((page) => page.friends) ?? [];
  return (
    <section className="friends__section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Your friends
        {friends.isSuccess && !friends.hasNextPage && <span className="muted"> ({items.length})</span>}
      </h2>
      {friends.isPending ? (
        <Spinner label="Loading your friends…" />
      ) : friends.isError && items.length === 0 ? (
        <ErrorMessage error={friends.error} onRetry={() => friends.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">No friends yet. Find people above and send them a request.</p>
      ) : (
        <>
          <ul className="people" aria-labelledby={headingId}>
            {items.map((friend) => (
              <li key={friend.userId} className="people__item">
                <span className="people__name">
                  <Link to={profilePath(friend.username)}>{friend.username}</Link>{' '}
                  <span className="muted">
                    became friends <TimeAgo iso={friend.since} />
                  </span>
                </span>
                <RelationshipActions user={friend} relationship="friends" showStatus={false} />
              </li>
            ))}
          </ul>
          <LoadMore query={friends} />
        </>
      )}
    </section>
  );
}
