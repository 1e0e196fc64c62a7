import type { Visibility } from '#contracts/common.js';
import type { Relationship } from '#contracts/friends.js';
import { setting } from './environment.js';

// The photos table as every area reads it: the photos area writes it (`photos/photos-table.ts`), the
// feed copies its items into feed entries, and one rule decides who sees what, wherever it is shown.

export const photosTable = () => setting('PHOTOS_TABLE');

/** One published size: its S3 key under `photos/`. */
export interface StoredSize {
  width: number;
  height: number;
  key: string;
}

/**
 * A photo as stored. `publicFeed`, `publicOwnerId` and `sharedOwnerId` put it in the sparse
 * indexes of what each kind of reader may see (set only on the photos each is for: see
 * `photos/photos-table.ts`); `uploadETag` makes processing idempotent.
 */
export interface PhotoItem {
  photoId: string;
  ownerId: string;
  ownerUsername: string;
  ownerIdentityId: string;
  caption: string;
  visibility: Visibility;
  status: 'ready' | 'failed';
  failureReason?: string;
  createdAt: string;
  width?: number;
  height?: number;
  sizes: StoredSize[];
  placeholder?: { color: string; dataUrl: string };
  originalKey: string;
  uploadETag: string;
  publicFeed?: 'public';
  publicOwnerId?: string;
  sharedOwnerId?: string;
}

/**
 * The one rule of who sees what: owners see everything of theirs (failed uploads too), friends see
 * ready public and friends photos, everyone else ready public photos only.
 */
export function maySee(photo: Pick<PhotoItem, 'visibility' | 'status'>, relationship: Relationship): boolean {
  if (relationship === 'self') return true;
  if (photo.status !== 'ready') return false;
  if (photo.visibility === 'public') return true;
  return photo.visibility === 'friends' && relationship === 'friends';
}
