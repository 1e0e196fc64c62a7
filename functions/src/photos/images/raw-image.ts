import sharp, { type Channels, type Sharp } from 'sharp';

/** Decoded sRGB pixels, 8 bits a channel, as sharp's `raw()` output gives them. */
export interface RawImage {
  data: Buffer;
  info: { width: number; height: number; channels: Channels };
}

/**
 * A sharp pipeline reading decoded pixels. The `premultiplied` flag of `raw()`'s info is not passed
 * on: sharp reports it when it premultiplied to resize, but hands back the data unpremultiplied.
 */
export function fromRaw({ data, info }: RawImage): Sharp {
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
}
