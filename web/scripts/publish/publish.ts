import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  DeleteObjectsCommand,
  type ObjectIdentifier,
  PutObjectCommand,
  paginateListObjectsV2,
  S3Client,
} from '@aws-sdk/client-s3';
import { type AppConfig, appConfig } from '@lambdagram/functions/contracts/app-config';
import { PublishError, requireOutputs, type StackLocation, stackOutputs } from './stack-outputs.js';

/** What the web app reads from `/config.json` at start: the one shape the functions' contracts define. */
export type WebConfig = AppConfig;

/** The stack outputs the web app is made of (infra/template.yaml, `Outputs`). */
export const WEB_OUTPUTS = [
  'Region',
  'IdentityPoolId',
  'FunctionNamePrefix',
  'PhotosBucketName',
  'WebBucketName',
  'WebsiteUrl',
] as const;

export type WebOutputs = Record<(typeof WEB_OUTPUTS)[number], string>;

export function webOutputs(outputs: Record<string, string>, stackName: string): WebOutputs {
  return requireOutputs(outputs, WEB_OUTPUTS, stackName);
}

/** `config.json` for a stack; with the local cloud's endpoint, the app talks to it (and shows its outbox). */
export function webConfig(outputs: WebOutputs, endpoint?: string): WebConfig {
  const config: WebConfig = {
    region: outputs.Region,
    identityPoolId: outputs.IdentityPoolId,
    functionPrefix: outputs.FunctionNamePrefix,
    photosBucket: outputs.PhotosBucketName,
  };
  if (endpoint) {
    const base = endpoint.replace(/\/$/, '');
    config.endpoint = base;
    config.outboxUrl = `${base}/_local/ses/outbox`;
  }
  // A stack output that is empty would otherwise reach every browser as a broken app.
  const checked = appConfig.safeParse(config);
  if (!checked.success) {
    const fields = checked.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new PublishError(`The stack's outputs make an invalid config.json (${fields}).`);
  }
  return checked.data;
}

/**
 * Where the local cloud serves a bucket as a website: `http://<bucket>.s3-website.localhost:<port>/`
 * (browsers resolve `*.localhost` to this machine).
 */
export function localWebsiteUrl(endpoint: string, bucket: string): string {
  return `http://${bucket}.s3-website.localhost:${new URL(endpoint).port || '80'}/`;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(key: string): string {
  return CONTENT_TYPES[path.extname(key).toLowerCase()] ?? 'application/octet-stream';
}

/** Vite names everything under `assets/` after its content hash; the rest keeps its name from build to build. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Hashed assets are cached forever (a new build has new names); everything else, `index.html` and
 * `config.json` above all, is revalidated on every load (`no-cache` still lets the ETag answer 304).
 */
export function cacheControlOf(key: string): string {
  return key.startsWith('assets/') ? IMMUTABLE : 'no-cache';
}

/** Text compresses several times over; images and fonts are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|wasm)|image\/svg)/;

/**
 * S3 sends an object as stored and cannot compress on the fly, so text goes up gzipped with
 * `Content-Encoding: gzip`: every browser accepts gzip (brotli only over HTTPS), and the app's
 * JavaScript then travels at about a third of its size.
 */
export function encodingOf(key: string): 'gzip' | undefined {
  return COMPRESSIBLE.test(contentTypeOf(key)) ? 'gzip' : undefined;
}

export interface PublishResult {
  uploaded: string[];
  removed: string[];
}

/**
 * Puts every file of `distDir` and `config.json` in the bucket with its content type and cache
 * policy, then removes what the previous publication left that this one does not have. Assets go
 * first and `index.html` last, so that a page loaded meanwhile never names a file not there yet.
 */
export async function publishDist(options: {
  s3: S3Client;
  bucket: string;
  distDir: string;
  config: WebConfig;
}): Promise<PublishResult> {
  const { s3, bucket } = options;
  const files = await listFiles(options.distDir);
  if (!files.includes('index.html')) {
    throw new PublishError(`${options.distDir} has no index.html: build the web app first`);
  }
  const uploads = new Map<string, () => Promise<Buffer | string>>();
  for (const key of files) uploads.set(key, () => readFile(path.join(options.distDir, key)));
  uploads.set('config.json', async () => `${JSON.stringify(options.config, null, 2)}\n`);

  const order = (key: string) => (key === 'index.html' ? 2 : key.startsWith('assets/') ? 0 : 1);
  const keys = [...uploads.keys()].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  for (const phase of [0, 1, 2]) {
    await inParallel(
      keys.filter((key) => order(key) === phase),
      8,
      async (key) => {
        const body = await (uploads.get(key) as () => Promise<Buffer | string>)();
        const encoding = encodingOf(key);
        await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: encoding ? gzipSync(body, { level: 9 }) : body,
            ContentType: contentTypeOf(key),
            CacheControl: cacheControlOf(key),
            ContentEncoding: encoding,
          }),
        );
      },
    );
  }

  const stale: ObjectIdentifier[] = [];
  for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
    for (const object of page.Contents ?? []) {
      if (object.Key !== undefined && !uploads.has(object.Key)) stale.push({ Key: object.Key });
    }
  }
  for (let start = 0; start < stale.length; start += 1000) {
    const batch = stale.slice(start, start + 1000);
    const { Errors } = await s3.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }),
    );
    if (Errors && Errors.length > 0) {
      throw new PublishError(
        `could not remove ${Errors.map((error) => error.Key).join(', ')} from ${bucket}`,
      );
    }
  }
  return { uploaded: keys, removed: stale.map((object) => object.Key as string) };
}

/** Every file under `dir`, as `/`-separated keys relative to it. */
async function listFiles(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new PublishError(`cannot read ${dir}: ${(error as Error).message}`);
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Publishes a built app to a stack's web bucket (local or AWS) and says where it is served. */
export async function publishWebApp(
  location: StackLocation,
  distDir: string,
): Promise<PublishResult & { websiteUrl: string; config: WebConfig }> {
  const outputs = webOutputs(await stackOutputs(location), location.stackName);
  const s3 = new S3Client({
    region: location.region,
    credentials: location.credentials,
    ...(location.endpoint && { endpoint: location.endpoint, forcePathStyle: true }),
  });
  try {
    const config = webConfig(outputs, location.endpoint);
    const result = await publishDist({ s3, bucket: outputs.WebBucketName, distDir, config });
    const websiteUrl = location.endpoint
      ? localWebsiteUrl(location.endpoint, outputs.WebBucketName)
      : `${outputs.WebsiteUrl.replace(/\/$/, '')}/`;
    return { ...result, websiteUrl, config };
  } finally {
    s3.destroy();
  }
}
