import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../../infra/scripts/web/build.js';

/** The part of sharp used here (e2e does not depend on it: it borrows the functions' copy). */
type Sharp = (options: {
  create: {
    width: number;
    height: number;
    channels: 3;
    background: string;
  };
}) => {
  jpeg(options: { quality: number }): { toBuffer(): Promise<Buffer> };
};

const sharp = createRequire(path.join(REPO_ROOT, 'functions', 'package.json'))('sharp') as Sharp;

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
