/**
 * The query keys shared across features, so a mutation in one feature can invalidate what another
 * shows without importing it. Each key starts with its family: invalidating `queryKeys.photos.all`
 * refreshes every single-photo query, `queryKeys.userPhotos.all` every profile grid, and so on.
 */
export const queryKeys = {
  feed: { all: ['feed'] as const },
  publicPhotos: { all: ['public-photos'] as const },
  photos: {
    all: ['photo'] as const,
    one: (photoId: string) => ['photo', photoId] as const,
  },
  userPhotos: {
    all: ['user-photos'] as const,
    of: (username: string) => ['user-photos', username.toLowerCase()] as const,
  },
  userSearch: {
    all: ['user-search'] as const,
    prefix: (prefix: string) => ['user-search', prefix.toLowerCase()] as const,
  },
  friends: { all: ['friends'] as const },
  friendRequests: { all: ['friend-requests'] as const },
} as const;

/** Everything that shows photos: what a new, changed or deleted photo may appear in. */
export const PHOTO_LISTS = [
  queryKeys.feed.all,
  queryKeys.publicPhotos.all,
  queryKeys.userPhotos.all,
] as const;

/** Everything a change of relationship may change: the lists of people and who sees which photos. */
export const RELATIONSHIP_VIEWS = [
  queryKeys.friends.all,
  queryKeys.friendRequests.all,
  queryKeys.userSearch.all,
  queryKeys.userPhotos.all,
  queryKeys.feed.all,
] as const;
