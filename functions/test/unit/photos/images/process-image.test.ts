import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  MAX_INPUT_PIXELS,
  processImage,
  VARIANT_WIDTHS,
} from '../../../../src/photos/images/process-image.js';
import {
  exifHasGps,
  makeAvif,
  makeDisplayP3Jpeg,
  makeJpeg,
  makePng,
  makeTwelveMegapixelJpeg,
  makeWebp,
  pixelAt,
} from '../../../support/images.js';

const sizesOf = (variants: { width: number; height: number }[]) =>
  variants.map(({ width, height }) => `${width}×${height}`);

/** Whether two colours are the same but for what lossy coding changes. */
const near = (actual: number[], expected: number[], tolerance = 12) =>
  actual.every((value, channel) => Math.abs(value - (expected[channel] ?? 0)) <= tolerance);

describe('processImage', () => {
  it.each([
    { format: 'jpeg', make: makeJpeg },
    { format: 'png', make: makePng },
    { format: 'webp', make: makeWebp },
    { format: 'avif', make: makeAvif },
  ])('accepts a $format original and publishes WebP sizes of it', async ({ format, make }) => {
    // prepare
    const original = await make({ width: 800, height: 600, color: '#3366cc' });

    // act
    const processed = await processImage(original);

    // assess
    expect(processed).toMatchObject({ format, width: 800, height: 600 });
    expect(sizesOf(processed.variants)).toEqual(['320×240', '720×540', '800×600']);
    for (const variant of processed.variants) {
      expect(variant.contentType).toBe('image/webp');
      expect(await sharp(variant.body).metadata()).toMatchObject({
        format: 'webp',
        width: variant.width,
        height: variant.height,
      });
      expect(near(await pixelAt(variant.body, 10, 10), [0x33, 0x66, 0xcc])).toBe(true);
    }
  });

  it('accepts the bytes as a Uint8Array, as the S3 client hands them over', async () => {
    const original = new Uint8Array(await makeJpeg({ width: 400, height: 300 }));

    const processed = await processImage(original);

    expect(processed).toMatchObject({ format: 'jpeg', width: 400, height: 300 });
  });

  it('turns a photo upright when its EXIF says the camera was on its side', async () => {
    // prepare: stored 400×300 with its left half red; orientation 6 means "turn 90° clockwise to view".
    const original = await makeJpeg({
      width: 400,
      height: 300,
      color: '#0000ff',
      leftColor: '#ff0000',
      orientation: 6,
    });

    // act
    const processed = await processImage(original);

    // assess: 300×400, and what was on the left is now on top.
    expect(processed).toMatchObject({ width: 300, height: 400 });
    expect(sizesOf(processed.variants)).toEqual(['300×400']);
    const [upright] = processed.variants;
    expect(upright).toBeDefined();
    const body = upright?.body ?? Buffer.alloc(0);
    expect(near(await pixelAt(body, 150, 20), [255, 0, 0])).toBe(true);
    expect(near(await pixelAt(body, 150, 380), [0, 0, 255])).toBe(true);
    expect((await sharp(body).metadata()).orientation).toBeUndefined();
  });

  it('publishes no EXIF, GPS position, XMP, IPTC or ICC profile from the original', async () => {
    // prepare
    const original = await makeJpeg({ width: 1600, height: 1200, gps: true, orientation: 1 });
    const before = await sharp(original).metadata();
    expect(before.exif && exifHasGps(before.exif)).toBe(true);
    expect(before.xmpAsString).toContain('GPSLatitude');

    // act
    const processed = await processImage(original);

    // assess
    expect(processed.variants).toHaveLength(VARIANT_WIDTHS.length);
    const published = [
      ...processed.variants.map((variant) => variant.body),
      Buffer.from(processed.placeholder.dataUrl.split(',')[1] ?? '', 'base64'),
    ];
    for (const body of published) {
      const after = await sharp(body).metadata();
      expect(after).toMatchObject({ format: 'webp', hasProfile: false });
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.iptc).toBeUndefined();
      expect(body.includes('GPS')).toBe(false);
    }
  });

  it('converts the colours of a Display P3 photo to sRGB', async () => {
    // prepare: sRGB pure green, stored as Display P3 (about 117, 251, 76 in P3 numbers).
    const original = await makeDisplayP3Jpeg({ width: 400, height: 300, color: '#00ff00' });

    const processed = await processImage(original);

    const body = processed.variants[0]?.body ?? Buffer.alloc(0);
    expect(near(await pixelAt(body, 200, 150), [0, 255, 0], 16)).toBe(true);
  });

  it('keeps the transparency of a PNG', async () => {
    const original = await makePng({ width: 400, height: 300, color: '#ff0000', alpha: 0.5 });

    const processed = await processImage(original);

    const body = processed.variants[0]?.body ?? Buffer.alloc(0);
    expect(await sharp(body).metadata()).toMatchObject({ hasAlpha: true });
  });

  it('publishes 320, 720 and 1440 px wide sizes of a large photo, smallest first, in proportion', async () => {
    const original = await makeJpeg({ width: 3000, height: 2000 });

    const processed = await processImage(original);

    expect(VARIANT_WIDTHS).toEqual([320, 720, 1440]);
    expect(sizesOf(processed.variants)).toEqual(['320×213', '720×480', '1440×960']);
  });

  it('never enlarges: a 500 px wide image gets a 320 px size and one of its own width', async () => {
    const original = await makePng({ width: 500, height: 500 });

    const processed = await processImage(original);

    expect(sizesOf(processed.variants)).toEqual(['320×320', '500×500']);
  });

  it('gives an image narrower than the smallest size a single size, its own', async () => {
    const original = await makeWebp({ width: 200, height: 100 });

    const processed = await processImage(original);

    expect(sizesOf(processed.variants)).toEqual(['200×100']);
  });

  it('narrows the sizes of a very tall image to what WebP can hold (16,383 px a side)', async () => {
    // prepare: a long screenshot, 1000×20000.
    const original = await makePng({ width: 1000, height: 20_000, color: '#ffffff' });

    const processed = await processImage(original);

    expect(processed).toMatchObject({ width: 1000, height: 20_000 });
    expect(sizesOf(processed.variants)).toEqual(['320×6400', '720×14400', '819×16380']);
  });

  it('gives a solid red image a red placeholder colour and a tiny preview', async () => {
    const original = await makeJpeg({ width: 1200, height: 800, color: '#ff0000' });

    const { placeholder } = await processImage(original);

    expect(placeholder.color).toMatch(/^#[0-9a-f]{6}$/);
    const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(placeholder.color.slice(at, at + 2), 16));
    expect(near([r ?? 0, g ?? 0, b ?? 0], [255, 0, 0], 12)).toBe(true);
    expect(placeholder.dataUrl).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
    expect(placeholder.dataUrl.length).toBeLessThan(600);
    const preview = Buffer.from(placeholder.dataUrl.split(',')[1] ?? '', 'base64');
    expect(await sharp(preview).metadata()).toMatchObject({ format: 'webp', width: 16, height: 11 });
    expect(near(await pixelAt(preview, 8, 5), [255, 0, 0], 16)).toBe(true);
  });

  it('keeps the preview of the noisiest image under 600 bytes', async () => {
    const original = await makeJpeg({ width: 1000, height: 1000, noise: true });

    const { placeholder } = await processImage(original);

    expect(placeholder.dataUrl.length).toBeLessThan(600);
  });

  it('processes a 12-megapixel photo into its three sizes', async () => {
    const original = await makeTwelveMegapixelJpeg();

    const processed = await processImage(original);

    expect(processed).toMatchObject({ format: 'jpeg', width: 4000, height: 3000 });
    expect(sizesOf(processed.variants)).toEqual(['320×240', '720×540', '1440×1080']);
    expect(4000 * 3000).toBeLessThan(MAX_INPUT_PIXELS);
  });
});
