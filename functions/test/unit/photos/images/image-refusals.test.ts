import { describe, expect, it } from 'vitest';
import { ImageRejectedError, type ImageRejectionReason } from '../../../../src/photos/images/image-errors.js';
import { processImage } from '../../../../src/photos/images/process-image.js';
import {
  damage,
  makeAnimatedWebp,
  makeGif,
  makeHeic,
  makeJpeg,
  makePng,
  makePngBomb,
  makeSvg,
  makeTiff,
  truncate,
} from '../../../support/images.js';

const NOT_ACCEPTED = 'This kind of image is not supported. Upload a JPEG, PNG, WebP or AVIF image.';
const DAMAGED = 'This image is damaged or incomplete, so it cannot be read.';

/** The error processImage refused the file with (the test fails if it did not). */
async function refusalOf(
  file: Buffer,
  options?: Parameters<typeof processImage>[1],
): Promise<ImageRejectedError> {
  const error = await processImage(file, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImageRejectedError);
  return error as ImageRejectedError;
}

describe('processImage refuses', () => {
  it.each<{
    name: string;
    make: () => Buffer | Promise<Buffer>;
    reason: ImageRejectionReason;
    message: string;
  }>([
    {
      name: 'a text file',
      make: () => Buffer.from('name,email\nada,ada@example.com\n'),
      reason: 'not-an-image',
      message: 'This file is not a JPEG, PNG, WebP or AVIF image.',
    },
    {
      name: 'an empty file',
      make: () => Buffer.alloc(0),
      reason: 'not-an-image',
      message: 'This file is not a JPEG, PNG, WebP or AVIF image.',
    },
    {
      name: 'a GIF',
      make: () => makeGif({ width: 40, height: 30 }),
      reason: 'unsupported-format',
      message: NOT_ACCEPTED,
    },
    {
      name: 'a TIFF',
      make: () => makeTiff({ width: 40, height: 30 }),
      reason: 'unsupported-format',
      message: NOT_ACCEPTED,
    },
    {
      name: 'an SVG',
      make: () => makeSvg({ width: 40, height: 30 }),
      reason: 'unsupported-format',
      message: NOT_ACCEPTED,
    },
    { name: 'an iPhone HEIC', make: () => makeHeic(), reason: 'unsupported-format', message: NOT_ACCEPTED },
    {
      name: 'a truncated JPEG',
      make: async () => truncate(await makeJpeg({ width: 400, height: 300, noise: true })),
      reason: 'corrupt',
      message: DAMAGED,
    },
    {
      name: 'a JPEG cut inside its header',
      make: async () => truncate(await makeJpeg({ width: 400, height: 300 }), 0.1),
      reason: 'corrupt',
      message: DAMAGED,
    },
    {
      name: 'a JPEG damaged in the middle',
      make: async () => damage(await makeJpeg({ width: 400, height: 300, noise: true })),
      reason: 'corrupt',
      message: DAMAGED,
    },
    {
      name: 'a truncated PNG',
      make: async () => truncate(await makePng({ width: 400, height: 300, noise: true })),
      reason: 'corrupt',
      message: DAMAGED,
    },
    {
      name: 'an animated WebP',
      make: () => makeAnimatedWebp({ width: 40, height: 30 }),
      reason: 'animated',
      message: 'Animated images are not supported. Upload a still photo.',
    },
    {
      name: 'a 400-megapixel PNG bomb of 48 kB',
      make: () => makePngBomb(),
      reason: 'too-many-pixels',
      message: 'This image has too many pixels: at most 50 megapixels are accepted.',
    },
  ])('$name, saying why in words a person understands', async ({ make, reason, message }) => {
    // prepare
    const file = await make();

    // act
    const error = await refusalOf(file);

    // assess
    expect(error).toMatchObject({ name: 'ImageRejectedError', reason, message });
    expect(error.message).not.toMatch(/vips|sharp|buffer|heif|libpng/i);
  });

  it('an image over a lower pixel limit, from its header', async () => {
    const file = await makeJpeg({ width: 2000, height: 1500 });

    const error = await refusalOf(file, { maxPixels: 2_000_000 });

    expect(error).toMatchObject({
      reason: 'too-many-pixels',
      message: 'This image has too many pixels: at most 2 megapixels are accepted.',
    });
  });

  it('keeping what the image library said as the cause, for the log', async () => {
    const file = truncate(await makeJpeg({ width: 400, height: 300, noise: true }));

    const error = await refusalOf(file);

    expect(error.cause).toBeInstanceOf(Error);
    expect((error.cause as Error).message).toMatch(/jpeg/i);
  });
});
