import type { PhotoView } from '@lambdagram/functions/contracts';
import { ErrorMessage } from '../../../components/error-message';
import { LoadMore } from '../../../components/load-more';
import { PhotoImage } from '../../../components/photo-image';
import { Spinner } from '../../../components/spinner';
import { TimeAgo } from '../../../components/time-ago';
import { photoAlt, photoPath, profilePath } from '../../../lib/photo-text';
import { Link } from '../../../lib/router';
import { useFeed } from '../api/get-feed';

/** The feed is one column: the page's width less its padding on a phone, at most 36rem (styles.css). */
const FEED_SIZES = '(min-width: 40rem) 36rem, calc(100vw - 2rem)';

/** The signed-in home: friends' photos and one's own, newest first, more as the list scrolls. */
export function FeedScreen() {
  const feed = useFeed();
  const photos = feed.data?.pages.flatMap((page) => page.photos) ?? [];

  return (
    <section className="screen feed" aria-labelledby="feed-title">
      <h1 id="feed-title">Your feed</h1>
      {feed.isPending ? (
        <Spinner label="Loading your feed…" />
      ) : feed.isError && photos.length === 0 ? (
        <FeedError error={feed.error} onRetry={() => feed.refetch()} retrying={feed.isFetching} />
      ) : photos.length === 0 ? (
        <EmptyFeed />
      ) : (
        <>
          <ol className="feed__list" aria-label="Photos, newest first">
            {photos.map((photo, index) => (
              <li key={photo.photoId}>
                <FeedItem photo={photo} priority={index === 0} />
              </li>
            ))}
          </ol>
          <LoadMore query={feed} endText="You're all caught up." />
        </>
      )}
    </section>
  );
}

function FeedItem({ photo, priority }: { photo: PhotoView; priority: boolean }) {
  const titleId = `photo-${photo.photoId}-by`;
  return (
    <article className="feed-item" aria-labelledby={titleId}>
      <header className="feed-item__header">
        <Link id={titleId} to={profilePath(photo.owner.username)} className="feed-item__author">
          {photo.owner.username}
        </Link>
        <TimeAgo iso={photo.createdAt} className="muted" />
      </header>
      <Link to={photoPath(photo.photoId)} className="feed-item__image">
        <PhotoImage photo={photo} sizes={FEED_SIZES} alt={photoAlt(photo)} priority={priority} />
      </Link>
      {photo.caption && <p className="feed-item__caption">{photo.caption}</p>}
    </article>
  );
}

function EmptyFeed() {
  return (
    <div className="empty-state">
      <h2>Your feed is empty — upload a photo or find friends</h2>
      <p>Your photos and your friends' photos show up here, newest first.</p>
      <p className="form-actions">
        <Link to="/upload" className="button button--primary">
          Upload a photo
        </Link>
        <Link to="/friends" className="button button--secondary">
          Find friends
        </Link>
      </p>
    </div>
  );
}

function FeedError({ error, onRetry, retrying }: { error: unknown; onRetry: () => void; retrying: boolean }) {
  return (
    <div className="empty-state">
      <h2>Your feed could not be loaded</h2>
      <ErrorMessage error={error} onRetry={retrying ? undefined : onRetry} />
      {retrying && <Spinner label="Trying again…" />}
      <p className="muted">
        If it keeps failing, check your connection, or <Link to="/explore">look at public photos</Link>{' '}
        meanwhile.
      </p>
    </div>
  );
}
