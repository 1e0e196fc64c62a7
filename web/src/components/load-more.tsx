import { useEffect, useRef } from 'react';
import { Button } from './button';
import { Spinner } from './spinner';

export interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  /** Said when every page is there. */
  endText?: string;
}

/**
 * The foot of an infinitely scrolling list: fetches the next page as it scrolls into view, and is a
 * button too, for keyboards and for browsers without IntersectionObserver.
 */
export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage, endText }: LoadMoreProps) {
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

  if (!hasNextPage) return endText ? <p className="list-end">{endText}</p> : null;
  return (
    <div ref={sentinel} className="list-end">
      {isFetchingNextPage ? (
        <Spinner label="Loading more photos…" />
      ) : (
        <Button variant="secondary" onClick={() => fetchNextPage()}>
          Load more
        </Button>
      )}
    </div>
  );
}
