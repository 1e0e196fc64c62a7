import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { processImage } from '../../src/photos/images/process-image.js';
import { makeTwelveMegapixelJpeg } from './images.js';

/**
 * How long processImage takes on a 12-megapixel noise JPEG (the worst case for the codecs), beside
 * a plain decode and re-encode of the same file by sharp. Median of 5 runs, after one to warm up.
 * sharp's cache is off, as it is of no use when each call gets a new image.
 *
 * Run: `npx tsx test/support/time-images.ts` (in functions/); `SHARP_CONCURRENCY=2` to try more threads.
 */
const RUNS = 5;

async function main(): Promise<void> {
  sharp.cache(false);
  if (process.env.SHARP_CONCURRENCY) sharp.concurrency(Number(process.env.SHARP_CONCURRENCY));
  const input = await makeTwelveMegapixelJpeg();
  console.log(
    `4000×3000 noise JPEG, ${(input.length / 1e6).toFixed(1)} MB; ${availableParallelism()} CPUs, sharp concurrency ${sharp.concurrency()}`,
  );
  const processed = await processImage(input);
  const sizes = processed.variants.map(
    (variant) => `${variant.width} px ${(variant.body.length / 1e3).toFixed(1)} kB`,
  );
  console.log(`sizes: ${sizes.join(', ')}; placeholder ${processed.placeholder.dataUrl.length} bytes`);
  console.log(`processImage:                     ${await medianMs(() => processImage(input))} ms`);
  console.log(`baseline sharp(input).toBuffer(): ${await medianMs(() => sharp(input).toBuffer())} ms`);
}

async function medianMs(run: () => Promise<unknown>): Promise<string> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return (times[Math.floor(RUNS / 2)] ?? Number.NaN).toFixed(0);
}

await main();
