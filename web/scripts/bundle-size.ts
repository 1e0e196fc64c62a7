import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

/**
 * `pnpm bench:bundle`: what a browser downloads, from a production build's manifest. For the feed
 * route: the entry and everything it imports statically, plus the feed screen's chunk and its static
 * imports, gzipped. For the admin panel: what it adds on top of that. The baseline beside them is
 * a "hello world" React page (react + react-dom and nothing else), built by Vite in the same run.
 */
const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(WEB, 'dist');

interface Chunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  isEntry?: boolean;
}

execFileSync('npx', ['vite', 'build', '--manifest', '--logLevel', 'warn'], { cwd: WEB, stdio: 'inherit' });
const manifest = JSON.parse(readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;

/** The chunk and every chunk it imports statically (what loading it fetches). */
function closure(key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const imported of manifest[key]?.imports ?? []) closure(imported, into);
  return into;
}

const gzipped = (keys: Iterable<string>) =>
  [...keys].reduce(
    (sum, key) => sum + gzipSync(readFileSync(path.join(DIST, manifest[key]?.file ?? ''))).length,
    0,
  );

const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry) ?? 'index.html';
const screen = (name: string) => {
  const key = Object.keys(manifest).find((candidate) => candidate.endsWith(`${name}.tsx`));
  if (!key) throw new Error(`no chunk for ${name}`);
  return key;
};
const initial = closure(entry);
const feed = closure(screen('feed-screen'), new Set(initial));
const admin = closure(screen('admin-screen'), new Set(feed));
const adminOnly = [...admin].filter((key) => !feed.has(key));

const react = await helloReactSize();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log('\n| what a browser downloads (gzip) | size | baseline: a hello-world React page |');
console.log('|---|---|---|');
console.log(`| entry (app shell, session, SDK clients) | ${kb(gzipped(initial))} | ${kb(react)} |`);
console.log(`| feed route: entry + feed screen | ${kb(gzipped(feed))} | goal: under 200 KB |`);
console.log(`| admin panel, on top of the feed route (admins only) | ${kb(gzipped(adminOnly))} | |`);
const adminFiles = adminOnly.map((key) => manifest[key]?.file);
const leaks = [...feed].filter((key) => key.includes('features/admin'));
console.log(`\nadmin chunks: ${adminFiles.join(', ')}`);
console.log(
  leaks.length === 0 ? 'no admin code in the feed route' : `admin code in the feed route: ${leaks}`,
);

/** The gzipped JavaScript of the smallest React app: what React itself costs, built the same way. */
async function helloReactSize(): Promise<number> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hello-react-'));
  writeFileSync(
    path.join(root, 'index.html'),
    '<div id="root"></div><script type="module" src="/main.js"></script>',
  );
  writeFileSync(
    path.join(root, 'main.js'),
    "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\n" +
      "createRoot(document.getElementById('root')).render(createElement('p', null, 'Hello'));\n",
  );
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    resolve: {
      alias: {
        react: path.join(WEB, 'node_modules/react'),
        'react-dom': path.join(WEB, 'node_modules/react-dom'),
      },
    },
    build: { outDir: path.join(root, 'dist') },
  });
  const assets = path.join(root, 'dist', 'assets');
  return readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzipSync(readFileSync(path.join(assets, file))).length, 0);
}
