import { useEffect, useRef } from 'react';
import { Button } from './button';
import { ErrorMessage } from './error-message';
import { Spinner } from './spinner';

/** What the foot reads of the list's infinite query (TanStack Query's `useInfiniteQuery`). */
export interface NextPages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => unknown;
}

export interface LoadMoreProps {
  query: NextPages;
  /** Said when every page is there. */
  endText?: string;
}

/**
 * The foot of an infinitely scrolling list: fetches the next page as it scrolls into view, and is a
 * button too, for keyboards and for browsers without IntersectionObserver. When a page fails, it says
 * so and offers to try again instead.
 */
export function LoadMore({ query, endText }: LoadMoreProps) {
  const { isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  const hasNextPage = query.hasNextPage && !isFetchNextPageError;
  const sentinel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) fetchNextPage();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <>
      {isFetchNextPageError && <ErrorMessage error={query.error} onRetry={() => fetchNextPage()} />}
      {!hasNextPage ? (
        endText ? (
          <p className="list-end">{endText}</p>
        ) : null
      ) : (
        <div ref={sentinel} className="list-end">
          {isFetchingNextPage ? (
            <Spinner label="Loading more photos…" />
          ) : (
            <Button variant="secondary" onClick={() => fetchNextPage()}>
              Load more
            </Button>
          )}
        </div>
      )}
    </>
  );
}
