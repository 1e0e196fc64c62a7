import sharp from 'sharp';

/** What `setInputFiles` takes for a file the person picks. */
export interface PickedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * A photo made on the spot (no binary fixtures in the repository): a JPEG of one colour, which
 * tells the photos apart in the screenshots.
 */
export async function makeJpeg(
  name: string,
  { color = '#3a7bd5', width = 1200, height = 900 }: { color?: string; width?: number; height?: number } = {},
): Promise<PickedFile> {
  const buffer = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: color,
    },
  })
    .jpeg({ quality: 85 })
    .toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}
