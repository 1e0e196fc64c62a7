import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const PAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'pages');

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the test page on its own origin (another port than the local cloud's), with its script
 * bundled for the browser by esbuild, so the browser applies CORS to every call the SDK makes.
 */
export async function servePages(): Promise<PageServer> {
  const scripts = ['lambda-invoke', 's3-upload', 'cognito-invoke'];
  const bundle = await esbuild.build({
    entryPoints: scripts.map((name) => path.join(PAGES, `${name}.ts`)),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir: '/',
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: Buffer | string }> = {
    '/': { type: 'text/html', body: readFileSync(path.join(PAGES, 'index.html')) },
    '/s3-upload.html': { type: 'text/html', body: readFileSync(path.join(PAGES, 's3-upload.html')) },
    '/cognito.html': { type: 'text/html', body: readFileSync(path.join(PAGES, 'cognito.html')) },
  };
  for (const output of bundle.outputFiles) {
    files[`/${path.basename(output.path)}`] = { type: 'text/javascript', body: Buffer.from(output.contents) };
  }
  const server = http.createServer((req, res) => {
    const file = files[req.url ?? '/'];
    res.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    res.end(file?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
