import { AppError } from '#shared/errors.js';

/** Why an upload is not published; kept with the photo, the message is shown to its owner. */
export type ImageRejectionReason =
  | 'not-an-image'
  | 'unsupported-format'
  | 'too-many-pixels'
  | 'corrupt'
  | 'animated';

const ACCEPTED = 'a JPEG, PNG, WebP or AVIF image';

const MESSAGES: Record<ImageRejectionReason, string> = {
  'not-an-image': `This file is not ${ACCEPTED}.`,
  'unsupported-format': `This kind of image is not supported. Upload ${ACCEPTED}.`,
  'too-many-pixels': 'This image has too many pixels. Upload a smaller one.',
  corrupt: 'This image is damaged or incomplete, so it cannot be read.',
  animated: 'Animated images are not supported. Upload a still photo.',
};

/**
 * An upload that cannot become a photo. The message is a sentence for the person who uploaded it;
 * what the image library said stays in `cause`, for the log.
 *
 * @example
 * if (error instanceof ImageRejectedError) await markFailed(photoId, error.message);
 */
export class ImageRejectedError extends AppError {
  constructor(
    readonly reason: ImageRejectionReason,
    options: { message?: string; cause?: unknown } = {},
  ) {
    super(
      options.message ?? MESSAGES[reason],
      options.cause === undefined ? undefined : { cause: options.cause },
    );
  }
}
