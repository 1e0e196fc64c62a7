import { z } from 'zod';

// Pieces shared by several contracts. Messages are written for people: the web app may show them.

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_]{3,30}$/, 'A username has 3 to 30 letters, digits or underscores.');

export const email = z.string().trim().max(254).pipe(z.email('Enter a valid email address.'));

/** Checked further by the auth service's password policy; the length cap keeps hashing cheap. */
export const password = z
  .string()
  .min(1, 'Enter a password.')
  .max(128, 'A password has at most 128 characters.');

/** A token from an emailed link: opaque, URL-safe. */
export const emailToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not valid.');

export const userId = z.uuid('Not a valid user id.');
export const photoId = z.uuid('Not a valid photo id.');

export const visibility = z.enum(['public', 'friends', 'private']);
export type Visibility = z.infer<typeof visibility>;

export const caption = z.string().trim().max(2200, 'A caption has at most 2,200 characters.');

/** An opaque position in a list, as handed out by the previous page. */
export const cursor = z.string().max(2048).optional();

export const pageLimit = (max: number, fallback: number) =>
  z.number().int().min(1).max(max).default(fallback);

export const userSummary = z.object({ userId: z.string(), username: z.string() });
export type UserSummary = z.infer<typeof userSummary>;

/** One published size of a photo, behind a presigned URL. */
export const image = z.object({ width: z.number(), height: z.number(), url: z.string() });

/**
 * A photo as a viewer may see it. `processing`: the upload is there but not yet processed (only
 * its owner learns that); `failed`: it was refused, `failureReason` says why (owner only).
 */
export const photoView = z.object({
  photoId: z.string(),
  status: z.enum(['processing', 'ready', 'failed']),
  owner: userSummary,
  caption: z.string(),
  visibility,
  createdAt: z.string(),
  width: z.number().optional(),
  height: z.number().optional(),
  placeholder: z.object({ color: z.string(), dataUrl: z.string() }).optional(),
  /** Smallest first, for `srcset`. */
  images: z.array(image),
  failureReason: z.string().optional(),
});
export type PhotoView = z.infer<typeof photoView>;

export const photoPage = z.object({ photos: z.array(photoView), nextCursor: z.string().optional() });
export type PhotoPage = z.infer<typeof photoPage>;
