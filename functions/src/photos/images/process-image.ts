// The image pipeline of `processUpload`: check an uploaded original, publish it in WebP sizes.
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { ImageRejectedError } from './image-errors.js';
import { type ImagePlaceholder, makePlaceholder } from './placeholder.js';
import { fromRaw, type RawImage } from './raw-image.js';

/**
 * Most pixels (width × height, as stored) an original may have. A 50-megapixel RGB image takes
 * 150 MB once decoded; anything bigger is refused from its header, before a pixel is decoded.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

/** Widths of the published WebP sizes, smallest first (the order of `srcset`). */
export const VARIANT_WIDTHS = [320, 720, 1440] as const;

/**
 * Quality 80 with effort 2 of 6: measured on photos, effort 2 encodes more than twice as fast as the
 * default 4 for files about 6% bigger — the right trade on the way from upload to feed.
 */
const WEBP_OPTIONS = { quality: 80, effort: 2 } as const;

/** WebP cannot store a side longer than this; sizes of a very tall image are narrowed to fit. */
const WEBP_MAX_SIDE = 16_383;

/** The formats accepted, named as people know them (sharp reports AVIF as `heif`). */
export type AcceptedImageFormat = 'jpeg' | 'png' | 'webp' | 'avif';

/** One published size of a photo. */
export interface ImageVariant {
  width: number;
  height: number;
  body: Buffer;
  contentType: 'image/webp';
}

export interface ProcessedImage {
  /** The format the original turned out to be once decoded, whatever its name or content type said. */
  format: AcceptedImageFormat;
  /** Size of the original, upright (EXIF orientation applied). */
  width: number;
  height: number;
  /** Smallest first; never wider than the original, so a small original has fewer sizes. */
  variants: ImageVariant[];
  placeholder: ImagePlaceholder;
}

export interface ProcessImageOptions {
  /** Most pixels accepted (default {@link MAX_INPUT_PIXELS}). */
  maxPixels?: number;
  /** Widths wanted, smallest first (default {@link VARIANT_WIDTHS}). */
  widths?: readonly number[];
}

/**
 * Turns an uploaded original into the sizes the feed shows: WebP, upright, sRGB, without any of the
 * original's metadata (EXIF with its GPS position, XMP, IPTC, ICC profile), plus a placeholder.
 *
 * The image is checked by decoding it, never by its name: only a still JPEG, PNG, WebP or AVIF of
 * at most `maxPixels` pixels is accepted. Anything else is an {@link ImageRejectedError} whose
 * message can be shown to the uploader. Animated images (an animated WebP) are refused rather than
 * cut to their first frame: publishing a still the owner did not choose would be a surprise.
 *
 * The original is decoded once, straight to the largest size (JPEG shrink-on-load does most of the
 * work), and every size and the placeholder are made from those pixels, in parallel.
 *
 * @example
 * const { variants, placeholder } = await processImage(await object.Body.transformToByteArray());
 */
export async function processImage(
  input: Buffer | Uint8Array,
  options: ProcessImageOptions = {},
): Promise<ProcessedImage> {
  const maxPixels = options.maxPixels ?? MAX_INPUT_PIXELS;
  const widths = options.widths ?? VARIANT_WIDTHS;
  if (widths.length === 0 || widths.some((width) => !Number.isInteger(width) || width < 1)) {
    throw new RangeError('processImage: `widths` must be one or more whole numbers of pixels.');
  }
  // failOn 'warning', sharp's advice for untrusted input: a file the decoder finds truncated or
  // damaged anywhere is refused, rather than published with grey or garbled rows.
  const decoding: SharpOptions = { failOn: 'warning', limitInputPixels: maxPixels, autoOrient: true };

  const header = await readHeader(input, decoding, maxPixels);
  const format = acceptedFormatOf(header);
  if ((header.pages ?? 1) > 1) throw new ImageRejectedError('animated');
  if (header.width * header.height > maxPixels) throw tooManyPixels(maxPixels);

  const { width, height } = header.autoOrient;
  const variantWidths = variantWidthsOf(width, height, widths);
  const largest = await decode(input, decoding, maxPixels, Math.max(...variantWidths));
  const [variants, placeholder] = await Promise.all([
    Promise.all(variantWidths.map((variantWidth) => encodeVariant(largest, variantWidth))),
    makePlaceholder(largest),
  ]);
  return { format, width, height, variants, placeholder };
}

async function readHeader(input: Buffer | Uint8Array, decoding: SharpOptions, maxPixels: number) {
  try {
    return await sharp(input, decoding).metadata();
  } catch (error) {
    throw rejectionOf(error, maxPixels);
  }
}

function acceptedFormatOf({ format, compression }: Metadata): AcceptedImageFormat {
  switch (format) {
    case 'jpeg':
    case 'png':
    case 'webp':
      return format;
    // HEIF holds AVIF (AV1) and HEIC (HEVC); sharp's own build decodes only the first.
    case 'heif':
      if (compression === 'av1') return 'avif';
      break;
  }
  throw new ImageRejectedError('unsupported-format');
}

/** The widths to publish: each wanted width, but never wider than the image nor too tall for WebP. */
function variantWidthsOf(width: number, height: number, wanted: readonly number[]): number[] {
  const widest = Math.min(width, Math.floor((width * WEBP_MAX_SIDE) / height));
  const widths = wanted.map((wantedWidth) => Math.max(1, Math.min(wantedWidth, widest)));
  return [...new Set(widths)].sort((a, b) => a - b);
}

async function decode(
  input: Buffer | Uint8Array,
  decoding: SharpOptions,
  maxPixels: number,
  width: number,
): Promise<RawImage> {
  try {
    return await sharp(input, decoding)
      .resize({ width, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw rejectionOf(error, maxPixels);
  }
}

async function encodeVariant(image: RawImage, width: number): Promise<ImageVariant> {
  const pipeline = width < image.info.width ? fromRaw(image).resize({ width }) : fromRaw(image);
  const { data, info } = await pipeline.webp(WEBP_OPTIONS).toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, body: data, contentType: 'image/webp' };
}

/** What sharp's failure to read an upload means for its owner (sharp says it only in its messages). */
function rejectionOf(error: unknown, maxPixels: number): ImageRejectedError {
  const message = error instanceof Error ? error.message : String(error);
  if (/unsupported image format|input buffer is empty/i.test(message)) {
    return new ImageRejectedError('not-an-image', { cause: error });
  }
  if (/exceeds pixel limit/i.test(message)) return tooManyPixels(maxPixels, error);
  return new ImageRejectedError('corrupt', { cause: error });
}

function tooManyPixels(maxPixels: number, cause?: unknown): ImageRejectedError {
  const limit =
    maxPixels >= 1_000_000 ? `${Math.floor(maxPixels / 1_000_000)} megapixels` : `${maxPixels} pixels`;
  return new ImageRejectedError('too-many-pixels', {
    message: `This image has too many pixels: at most ${limit} are accepted.`,
    cause,
  });
}
