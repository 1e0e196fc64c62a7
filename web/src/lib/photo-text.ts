import type { PhotoView } from '@lambdagram/functions/contracts';

/** A photo's text alternative: its caption, else who took it (never just "image"). */
export function photoAlt(photo: Pick<PhotoView, 'caption' | 'owner'>): string {
  return photo.caption.trim() || `Photo by ${photo.owner.username}`;
}

/** Paths of the screens that show a photo or a person. */
export const photoPath = (photoId: string) => `/photos/${encodeURIComponent(photoId)}`;
export const profilePath = (username: string) => `/u/${encodeURIComponent(username)}`;

export const VISIBILITY_LABELS = {
  public: 'Public',
  friends: 'Friends',
  private: 'Only me',
} as const satisfies Record<PhotoView['visibility'], string>;

export const VISIBILITY_HINTS = {
  public: 'Anyone, even without an account',
  friends: 'You and your friends',
  private: 'Only you',
} as const satisfies Record<PhotoView['visibility'], string>;
