import { existsSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Lambda's Node.js runtimes come with the AWS SDK v3, so a handler that does not bundle it can
 * still `import { S3Client } from '@aws-sdk/client-s3'`. Here the local cloud's own copy stands in:
 * `runtimeDir/node_modules/@aws-sdk` links to it. `require` finds it through NODE_PATH; `import`
 * ignores NODE_PATH, so a resolve hook retries an `@aws-sdk/*` import that found nothing from there.
 * Only handlers that were not bundled need the hook (bundles sit below a folder that links it), and
 * only when no `node_modules/@aws-sdk` above the code would serve them anyway: the hook's loader
 * thread adds ~30 ms to a cold start.
 */
export function provideSdk(runtimeDir: string, taskRoot: string): void {
  if (sdkInstalledAbove(taskRoot)) return;
  const anchor = pathToFileURL(path.join(runtimeDir, 'sdk-anchor.mjs')).href;
  const hook = `export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.startsWith('@aws-sdk/')) throw error;
    return next(specifier, { ...context, parentURL: ${JSON.stringify(anchor)} });
  }
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

function sdkInstalledAbove(folder: string): boolean {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', '@aws-sdk'))) return true;
    if (dir === path.dirname(dir)) return false;
  }
}
