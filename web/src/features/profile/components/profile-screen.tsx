import type { PhotoView, Relationship } from '@lambdagram/functions/contracts';
import { ErrorMessage } from '../../../components/error-message';
import { LoadMore } from '../../../components/load-more';
import { PhotoImage } from '../../../components/photo-image';
import { RelationshipActions } from '../../../components/relationship-actions';
import { SignInRequired } from '../../../components/sign-in-required';
import { Spinner } from '../../../components/spinner';
import { useRelationshipWith } from '../../../lib/api/search-users';
import { CallError } from '../../../lib/invoke';
import { photoAlt, photoPath } from '../../../lib/photo-text';
import { Link, useRoute } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { useUserPhotos } from '../api/list-user-photos';

/** Grid cells: half the width on a phone, a third from 40rem, a quarter from 64rem (styles.css). */
const GRID_SIZES = '(min-width: 72rem) 17rem, (min-width: 64rem) 24vw, (min-width: 40rem) 32vw, 50vw';

/** A user's page: their photos as the caller may see them, and where the two stand as friends. */
export function ProfileScreen() {
  const session = useSession();
  const username = useRoute().params.username ?? '';
  if (session.kind !== 'user') return <SignInRequired what={`see ${username}'s photos`} />;
  return <Profile username={username} />;
}

function Profile({ username }: { username: string }) {
  const photos = useUserPhotos(username);
  const relationship = useRelationshipWith(username);
  const items = photos.data?.pages.flatMap((page) => page.photos) ?? [];
  const user = photos.data?.pages[0]?.user ?? relationship.user;
  const name = user?.username ?? username;
  const notFound =
    photos.error instanceof CallError &&
    ['NotFoundError', 'ValidationError'].includes(photos.error.errorType);

  if (notFound) {
    return (
      <section className="screen" aria-labelledby="profile-title">
        <h1 id="profile-title">No such user</h1>
        <p>Nobody is called “{username}” on Lambdagram.</p>
        <p>
          <Link to="/friends">Search for people</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="screen screen--wide profile" aria-labelledby="profile-title">
      <header className="profile__header">
        <h1 id="profile-title">{name}</h1>
        {relationship.user ? (
          <RelationshipActions user={relationship.user} relationship={relationship.user.relationship} />
        ) : relationship.isError ? (
          <ErrorMessage error={relationship.error} onRetry={() => relationship.refetch()} />
        ) : null}
      </header>

      {photos.isPending ? (
        <Spinner label="Loading photos…" />
      ) : photos.isError && items.length === 0 ? (
        <ErrorMessage error={photos.error} onRetry={() => photos.refetch()} />
      ) : items.length === 0 ? (
        <EmptyProfile name={name} relationship={relationship.user?.relationship} />
      ) : (
        <>
          <h2 className="visually-hidden">Photos</h2>
          <ul className="photo-grid">
            {items.map((photo, index) => (
              <li key={photo.photoId}>
                <Link to={photoPath(photo.photoId)} className="photo-grid__link">
                  <PhotoImage photo={photo} sizes={GRID_SIZES} alt={photoAlt(photo)} priority={index < 4} />
                  <StatusBadge photo={photo} />
                </Link>
                {photo.caption && <p className="photo-grid__caption">{photo.caption}</p>}
              </li>
            ))}
          </ul>
          {photos.isFetchNextPageError && (
            <ErrorMessage error={photos.error} onRetry={() => photos.fetchNextPage()} />
          )}
          <LoadMore
            hasNextPage={photos.hasNextPage && !photos.isFetchNextPageError}
            isFetchingNextPage={photos.isFetchingNextPage}
            fetchNextPage={photos.fetchNextPage}
          />
        </>
      )}
    </section>
  );
}

/** Only the owner sees their photos that are not ready; they are told which. */
function StatusBadge({ photo }: { photo: PhotoView }) {
  if (photo.status === 'ready') return null;
  return (
    <span className={`badge photo-grid__badge badge--${photo.status}`}>
      {photo.status === 'processing' ? 'Processing…' : 'Could not be processed'}
    </span>
  );
}

function EmptyProfile({ name, relationship }: { name: string; relationship: Relationship | undefined }) {
  if (relationship === 'self') {
    return (
      <p>
        You have not shared any photos yet. <Link to="/upload">Upload your first photo</Link>.
      </p>
    );
  }
  if (relationship === 'friends') return <p>{name} has not shared any photos yet.</p>;
  return (
    <p>
      {name} has no public photos. Friends also see the photos {name} shares with friends.
    </p>
  );
}
