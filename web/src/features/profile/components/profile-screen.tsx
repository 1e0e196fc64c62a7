import type { PhotoView, Relationship } from '@lambdagram/functions/contracts';
import { ErrorMessage } from '../../../components/error-message';
import { LoadMore } from '../../../components/load-more';
import { PhotoGrid } from '../../../components/photo-grid';
import { RelationshipActions } from '../../../components/relationship-actions';
import { SignInRequired } from '../../../components/sign-in-required';
import { Spinner } from '../../../components/spinner';
import { useRelationshipWith } from '../../../lib/api/search-users';
import { CallError } from '../../../lib/invoke';
import { photoAlt } from '../../../lib/photo-text';
import { Link, useRoute } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { useUserPhotos } from '../api/list-user-photos';

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
          <PhotoGrid
            photos={items}
            alt={photoAlt}
            overlay={(photo) => <StatusBadge photo={photo} />}
            caption={(photo) => photo.caption && <p className="photo-grid__caption">{photo.caption}</p>}
          />
          <LoadMore query={photos} />
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
