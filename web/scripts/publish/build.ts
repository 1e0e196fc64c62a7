import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PublishError } from './stack-outputs.js';

/** The web package's folder. */
export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where `vite build` writes the app. */
export const WEB_DIST = path.join(WEB_DIR, 'dist');

/**
 * Builds the web app (`vite build`, the package's `build` script) into web/dist, with this package's
 * own Vite. Its output is kept quiet and shown only when the build fails. Resolves to the time it
 * took, in ms.
 */
export function buildWeb(): Promise<number> {
  const started = performance.now();
  const vite = path.join(WEB_DIR, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build'], {
      cwd: WEB_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) =>
      reject(new PublishError(`cannot run Vite to build the web app: ${error.message}`)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) resolve(performance.now() - started);
      else
        reject(
          new PublishError(
            `the web app did not build (${signal ?? `exit code ${code}`}):\n${output.trimEnd()}`,
          ),
        );
    });
  });
}
