import { readdir, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import {
  PRODUCT_TEMPLATE,
  REGION,
  ROOT_CREDENTIALS,
  type StartedCloud,
  startCloud,
} from '@lambdagram/infra/testing';
import { buildWeb, publishWebApp, WEB_DIR, WEB_DIST, type WebConfig } from '@lambdagram/web/publish';

export const STACK_NAME = 'lambdagram';
/** What `vite build` reads: a build older than any of them is stale. */
const WEB_SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];

/** The stack of infra/template.yaml on its own local cloud, with the built app in its website bucket. */
export interface AppStack {
  cloud: StartedCloud;
  /** The local cloud's endpoint, e.g. `http://127.0.0.1:41234`. */
  endpoint: string;
  /** Where the app is served: `http://lambdagram-web.s3-website.localhost:<port>/`. */
  websiteUrl: string;
  /** What the app reads from `/config.json`. */
  config: WebConfig;
  /** Whether web/dist was built for this run (false: it was newer than every source). */
  built: boolean;
  stop(): Promise<void>;
}

/**
 * Starts one local cloud on infra/template.yaml (fresh state, no file watching), builds the web app
 * unless web/dist is newer than its sources (meanwhile), and publishes it with its `config.json`
 * the way `pnpm publish:web` does. Emailed links point at the app: the cloud runs on a port chosen
 * here, so that `AppUrl` can name the website before the stack exists.
 */
export async function startAppStack(): Promise<AppStack> {
  const building = (async () => {
    if (await distIsFresh()) return false;
    await buildWeb();
    return true;
  })();
  building.catch(() => {}); // awaited below, once the cloud is up (or has failed)

  const cloud = await startCloudOnFreePort();
  const stop = async () => {
    await cloud.stop();
    await rm(cloud.stateDir, { recursive: true, force: true });
  };
  try {
    const built = await building;
    const published = await publishWebApp(
      { stackName: STACK_NAME, region: REGION, endpoint: cloud.url, credentials: ROOT_CREDENTIALS },
      WEB_DIST,
    );
    return {
      cloud,
      endpoint: cloud.url,
      websiteUrl: published.websiteUrl,
      config: published.config,
      built,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function websiteUrlFor(port: number | string): string {
  return `http://${STACK_NAME}-web.s3-website.localhost:${port}`;
}

async function startCloudOnFreePort(): Promise<StartedCloud> {
  // Another process may take the port between our probe and the cloud's listen: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startCloud({
        template: PRODUCT_TEMPLATE,
        args: ['--no-watch', '--port', String(port), '--parameter', `AppUrl=${websiteUrlFor(port)}`],
      });
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE|is in use/.test(String(error))) throw error;
    }
  }
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether web/dist/index.html is newer than every file `vite build` reads. */
async function distIsFresh(): Promise<boolean> {
  const builtAt = await mtimeOf(path.join(WEB_DIST, 'index.html'));
  if (builtAt === undefined) return false;
  for (const source of WEB_SOURCES) {
    if ((await newestMtime(path.join(WEB_DIR, source))) > builtAt) return false;
  }
  return true;
}

async function mtimeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function newestMtime(target: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch {
    return 0; // absent: nothing to be newer
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs; // a deleted file changes its folder's mtime
  for (const entry of await readdir(target, { recursive: true, withFileTypes: true })) {
    const mtime = (await stat(path.join(entry.parentPath, entry.name))).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}
