import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * Prepares the runtime interface clients that execution environments start: the Node client is
 * TypeScript, bundled once per start into one file so that an environment loads no compiler; the
 * Python client runs from its source.
 */
export async function bundleRuntimeClients(
  outDir: string,
  buildDir: string,
): Promise<{ nodeClientPath: string; pythonClientPath: string }> {
  mkdirSync(outDir, { recursive: true });
  provideSdk(outDir, buildDir);
  const nodeClientPath = path.join(outDir, 'node-client.mjs');
  await esbuild.build({
    entryPoints: [path.join(HERE, 'node-client', 'client.ts')],
    outfile: nodeClientPath,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  return { nodeClientPath, pythonClientPath: path.join(HERE, 'python-client', 'bootstrap.py') };
}

/** The local cloud's own AWS SDK v3 packages: what Lambda's Node.js runtimes provide to handlers. */
const SDK_DIR = path.resolve(HERE, '..', '..', '..', '..', 'node_modules', '@aws-sdk');

/**
 * Links the SDK as `<outDir>/node_modules/@aws-sdk` (NODE_PATH for `require`, the resolve hook for
 * `import`), and `<buildDir>/node_modules` to that folder, so that bundles built below `buildDir`
 * with `@aws-sdk/*` left external find it the way Node looks for packages: in a parent folder.
 */
function provideSdk(outDir: string, buildDir: string): void {
  const modules = path.join(outDir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  replaceLink(SDK_DIR, path.join(modules, '@aws-sdk'));
  mkdirSync(buildDir, { recursive: true });
  replaceLink(modules, path.join(buildDir, 'node_modules'));
}

function replaceLink(target: string, link: string): void {
  rmSync(link, { recursive: true, force: true });
  symlinkSync(target, link, 'dir');
}
