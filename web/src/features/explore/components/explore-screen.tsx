import { ErrorMessage } from '../../../components/error-message';
import { LoadMore } from '../../../components/load-more';
import { PhotoImage } from '../../../components/photo-image';
import { Spinner } from '../../../components/spinner';
import { Link } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { usePublicPhotos } from '../api/list-public-photos';

/** Grid cells: half the width on a phone, a third from 40rem, a quarter from 64rem (see styles.css). */
const GRID_SIZES = '(min-width: 72rem) 17rem, (min-width: 64rem) 24vw, (min-width: 40rem) 32vw, 50vw';

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
          <ul className="photo-grid">
            {items.map((photo, index) => (
              <li key={photo.photoId}>
                <Link to={`/photos/${encodeURIComponent(photo.photoId)}`}>
                  <PhotoImage photo={photo} sizes={GRID_SIZES} priority={index < 4} />
                </Link>
                <p className="photo-grid__caption">
                  <Link to={`/u/${encodeURIComponent(photo.owner.username)}`}>{photo.owner.username}</Link>
                  {photo.caption && <span className="muted"> {photo.caption}</span>}
                </p>
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
            endText="You've seen every public photo."
          />
        </>
      )}
    </section>
  );
}
