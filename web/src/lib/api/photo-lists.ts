import type { PhotoPage, PhotoView } from '@lambdagram/functions/contracts';
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { PHOTO_LISTS } from '../query-keys';

type Pages = InfiniteData<PhotoPage, unknown>;

function mapPhotos(queryClient: QueryClient, change: (photos: PhotoView[]) => PhotoView[]): void {
  for (const queryKey of PHOTO_LISTS) {
    queryClient.setQueriesData<Pages>({ queryKey }, (data) =>
      data?.pages
        ? { ...data, pages: data.pages.map((page) => ({ ...page, photos: change(page.photos) })) }
        : data,
    );
  }
}

/**
 * `fanOut` brings the feeds up to date a moment after a change (it reads the photos table's stream);
 * lists are fetched again only once it has, so a refetch never brings back what was just changed.
 */
export const FAN_OUT_SETTLE_MS = 5_000;

/** Shows a changed photo in every cached list at once; the lists are fetched again a little later. */
export function photoChanged(queryClient: QueryClient, photo: PhotoView): void {
  mapPhotos(queryClient, (photos) =>
    photos.map((shown) => (shown.photoId === photo.photoId ? { ...shown, ...photo } : shown)),
  );
  refreshPhotoListsLater(queryClient);
}

/** Drops a deleted photo from every cached list at once; the lists are fetched again a little later. */
export function photoDeleted(queryClient: QueryClient, photoId: string): void {
  mapPhotos(queryClient, (photos) => photos.filter((shown) => shown.photoId !== photoId));
  refreshPhotoListsLater(queryClient);
}

/** A new photo is ready: the lists are fetched now (the profile has it) and again once feeds have it. */
export function photoAdded(queryClient: QueryClient): void {
  void invalidatePhotoLists(queryClient);
  refreshPhotoListsLater(queryClient);
}

function refreshPhotoListsLater(queryClient: QueryClient): void {
  setTimeout(() => void invalidatePhotoLists(queryClient), FAN_OUT_SETTLE_MS);
}

function invalidatePhotoLists(queryClient: QueryClient): Promise<unknown> {
  return Promise.all(PHOTO_LISTS.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
