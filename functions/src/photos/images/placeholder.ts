import { fromRaw, type RawImage } from './raw-image.js';

/** What the feed shows while a photo loads: a flat colour, then a tiny preview stretched to size. */
export interface ImagePlaceholder {
  /** The image's dominant colour, `#rrggbb`. */
  color: string;
  /** A `data:image/webp;base64,…` URL of the image at most {@link PLACEHOLDER_SIZE} pixels a side. */
  dataUrl: string;
}

/** Longest side of the preview: the browser's upscaling blurs it, and its data URL stays under 600 bytes. */
export const PLACEHOLDER_SIZE = 16;

/** Enough pixels for the colour histogram to mean something, few enough to cost nothing. */
const COLOUR_SAMPLE_SIZE = 64;

/**
 * The placeholder of an image already decoded. Transparent areas count as white, so they do not
 * lend it the black that transparent pixels usually hold.
 */
export async function makePlaceholder(image: RawImage): Promise<ImagePlaceholder> {
  const sample = await fromRaw(image)
    .resize(COLOUR_SAMPLE_SIZE, COLOUR_SAMPLE_SIZE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const [stats, preview] = await Promise.all([
    // stats() reads its input, not the output of a pipeline: hence the sample is decoded first.
    fromRaw(sample).stats(),
    fromRaw(sample)
      .resize(PLACEHOLDER_SIZE, PLACEHOLDER_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 50, effort: 6 })
      .toBuffer(),
  ]);
  return { color: hexOf(stats.dominant), dataUrl: `data:image/webp;base64,${preview.toString('base64')}` };
}

function hexOf({ r, g, b }: { r: number; g: number; b: number }): string {
  return `#${[r, g, b].map((value) => value.toString(16).padStart(2, '0')).join('')}`;
}
