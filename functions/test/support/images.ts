import { crc32, deflateSync } from 'node:zlib';
import sharp, { type Exif, type Sharp } from 'sharp';

// Test images, made with sharp on the spot: no binary fixtures to keep in the repository.

export interface ImageSpec {
  width: number;
  height: number;
  /** Fill colour (default mid grey). */
  color?: string;
  /** Paint the left half this colour, to tell which way up an image came out. */
  leftColor?: string;
  /** Gaussian noise instead of a flat fill: the worst case for every codec. */
  noise?: boolean;
}

/** An image in sharp's hands, before encoding. */
export function paint({ width, height, color = '#808080', leftColor, noise }: ImageSpec): Sharp {
  const image = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: color,
      ...(noise ? { noise: { type: 'gaussian' as const, mean: 128, sigma: 40 } } : {}),
    },
  });
  if (leftColor === undefined) return image;
  const half = { width: Math.ceil(width / 2), height, channels: 3 as const, background: leftColor };
  return image.composite([{ input: { create: half }, left: 0, top: 0 }]);
}

/** Where the photo was taken: the kind of EXIF nobody should publish by accident. */
export const GPS_EXIF: Exif = {
  IFD0: { Make: 'Lambdagram', Model: 'Test Camera' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '48/1 51/1 29/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '2/1 17/1 40/1',
  },
};

export const GPS_XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="48,51.48N" exif:GPSLongitude="2,17.67E"/>
</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

export interface JpegSpec extends ImageSpec {
  /** EXIF Orientation, 1 to 8: how a viewer must turn the stored pixels to show them upright. */
  orientation?: number;
  /** Embed EXIF with a GPS position, and XMP that repeats it. */
  gps?: boolean;
  quality?: number;
}

/** A JPEG, with EXIF orientation and GPS position when asked. */
export function makeJpeg({ orientation, gps, quality = 90, ...spec }: JpegSpec): Promise<Buffer> {
  let image = paint(spec).jpeg({ quality });
  // Orientation must go through withMetadata: sharp writes the image's own orientation over an
  // Orientation tag given to withExif.
  if (orientation !== undefined) image = image.withMetadata({ orientation });
  if (gps) image = image.withExifMerge(GPS_EXIF).withXmp(GPS_XMP);
  return image.toBuffer();
}

export function makePng(spec: ImageSpec & { alpha?: number }): Promise<Buffer> {
  const image = paint(spec);
  return (spec.alpha === undefined ? image : image.ensureAlpha(spec.alpha)).png().toBuffer();
}

export const makeWebp = (spec: ImageSpec) => paint(spec).webp().toBuffer();
export const makeAvif = (spec: ImageSpec) => paint(spec).avif({ effort: 0 }).toBuffer();
export const makeGif = (spec: ImageSpec) => paint(spec).gif().toBuffer();
export const makeTiff = (spec: ImageSpec) => paint(spec).tiff().toBuffer();

/** A JPEG that says its colours are Display P3 (an iPhone photo's profile). */
export const makeDisplayP3Jpeg = (spec: ImageSpec) =>
  paint(spec).withIccProfile('p3').jpeg({ quality: 95 }).toBuffer();

export const makeSvg = ({ width, height }: ImageSpec) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="red"/></svg>`,
  );

/** An animated WebP of two frames. */
export async function makeAnimatedWebp({ width, height }: ImageSpec): Promise<Buffer> {
  const frames = await Promise.all(
    ['#ff0000', '#0000ff'].map((color) => paint({ width, height, color }).png().toBuffer()),
  );
  return sharp(frames, { join: { animated: true } })
    .webp({ loop: 0 })
    .toBuffer();
}

/** The first `fraction` of a file, as an interrupted upload leaves it. */
export const truncate = (file: Buffer, fraction = 0.6) =>
  file.subarray(0, Math.floor(file.length * fraction));

/** A file with 16 bytes in its middle overwritten, as a bad disk or a bad copy leaves it. */
export function damage(file: Buffer): Buffer {
  const damaged = Buffer.from(file);
  damaged.fill(0xff, damaged.length >> 1, (damaged.length >> 1) + 16);
  return damaged;
}

/** A 4000×3000 noise JPEG: 12 megapixels, the size of a phone photo, and harder to code than one. */
export const makeTwelveMegapixelJpeg = () => makeJpeg({ width: 4000, height: 3000, noise: true });

let pngBomb: Buffer | undefined;

/**
 * A decompression bomb: a 20000×20000 PNG (400 megapixels, 1.2 GB once decoded as RGB) of one
 * colour, whose file is a few tens of kilobytes. Written by hand, one bit a pixel, so that making
 * it costs no more than a deflate of 50 MB of zeros; made once.
 */
export function makePngBomb(): Buffer {
  if (pngBomb) return pngBomb;
  const side = 20_000;
  const row = Buffer.alloc(1 + side / 8); // filter type 0, then 20,000 black pixels
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1 bit a pixel, greyscale, deflate, no filter method, not interlaced
  pngBomb = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: side }, () => row)), { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  return pngBomb;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A HEIC (HEVC-coded HEIF) as an iPhone stores its photos, 4032×3024. sharp's own build cannot
 * encode HEVC, so the container is written by hand; its one "coded" picture is zeros, which is
 * enough: a HEIC must be refused from its header, before any decoding.
 */
export function makeHeic(width = 4032, height = 3024): Buffer {
  const picture = Buffer.alloc(16);
  const build = (pictureOffset: number) => {
    // A minimal HEVC decoder configuration (ISO/IEC 14496-15): Main profile, level 3, 4:2:0, 8 bits.
    const hvcC = box(
      'hvcC',
      Buffer.from([
        1, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 90, 0xf0, 0, 0xfc, 0xfd, 0xf8, 0xf8, 0, 0, 0x0f, 0,
      ]),
    );
    const meta = fullBox(
      'meta',
      fullBox('hdlr', u32(0), Buffer.from('pict'), u32(0), u32(0), u32(0), Buffer.of(0)),
      fullBox('pitm', u16(1)),
      fullBox('iinf', u16(1), fullBox('infe', 2, u16(1), u16(0), Buffer.from('hvc1'), Buffer.of(0))),
      // iloc: 4-byte offsets and lengths; item 1 is one extent of the file.
      fullBox(
        'iloc',
        Buffer.of(0x44, 0),
        u16(1),
        u16(1),
        u16(0),
        u16(1),
        u32(pictureOffset),
        u32(picture.length),
      ),
      box(
        'iprp',
        box('ipco', hvcC, fullBox('ispe', u32(width), u32(height))),
        fullBox('ipma', u32(1), u16(1), Buffer.of(2, 0x81, 0x02)),
      ),
    );
    return Buffer.concat([box('ftyp', Buffer.from('heic'), u32(0), Buffer.from('mif1heic')), meta]);
  };
  const head = build(0);
  return Buffer.concat([build(head.length + 8), box('mdat', picture)]);
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'latin1'), body]);
}

/** A "full box": version and flags first; the version is 0 unless given. */
function fullBox(type: string, ...parts: (Buffer | number)[]): Buffer {
  const version = typeof parts[0] === 'number' ? parts.shift() : 0;
  return box(type, Buffer.of(Number(version), 0, 0, 0), ...(parts as Buffer[]));
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}

/** Whether EXIF (as sharp's `metadata().exif` returns it) has a GPS directory. */
export function exifHasGps(exif: Buffer): boolean {
  const tiff = exif.subarray(exif.indexOf('Exif\0\0', 0, 'latin1') + 6);
  const littleEndian = tiff.toString('latin1', 0, 2) === 'II';
  const u16At = (at: number) => (littleEndian ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const ifd0 = littleEndian ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  const GPS_INFO = 0x8825;
  return Array.from({ length: u16At(ifd0) }, (_, entry) => u16At(ifd0 + 2 + entry * 12)).includes(GPS_INFO);
}

/** The colour of one pixel of an encoded image, as [r, g, b]. */
export async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)];
}
