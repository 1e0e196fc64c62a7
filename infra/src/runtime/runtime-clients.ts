import { mkdirSync } from 'node:fs';
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
): Promise<{ nodeClientPath: string; pythonClientPath: string }> {
  mkdirSync(outDir, { recursive: true });
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
