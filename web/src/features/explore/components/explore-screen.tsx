import { ErrorMessage } from '../../../components/error-message';
import { LoadMore } from '../../../components/load-more';
import { PhotoGrid } from '../../../components/photo-grid';
import { Spinner } from '../../../components/spinner';
import { Link } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { usePublicPhotos } from '../api/list-public-photos';

export function ExploreScreen() {
  const session = useSession();
  const photos = usePublicPhotos();
  const items = photos.data?.pages.flatMap((page) => page.photos) ?? [];

  return (
    <section className="screen screen--wide" aria-labelledby="explore-title">
      <h1 id="explore-title">Explore</h1>
      <p className="muted">
        Public photos from everyone on Lambdagram, newest first.
        {session.kind === 'guest' && (
          <>
            {' '}
            <Link to="/sign-up">Sign up</Link> to share yours.
          </>
        )}
      </p>
      {photos.isPending ? (
        <Spinner label="Loading photos…" />
      ) : photos.isError && items.length === 0 ? (
        <ErrorMessage error={photos.error} onRetry={() => photos.refetch()} />
      ) : items.length === 0 ? (
        <p>No public photos yet. Check back soon.</p>
      ) : (
        <>
          <PhotoGrid
            photos={items}
            caption={(photo) => (
              <p className="photo-grid__caption">
                <Link to={`/u/${encodeURIComponent(photo.owner.username)}`}>{photo.owner.username}</Link>
                {photo.caption && <span className="muted"> {photo.caption}</span>}
              </p>
            )}
          />
          <LoadMore query={photos} endText="You've seen every public photo." />
        </>
      )}
    </section>
  );
}
