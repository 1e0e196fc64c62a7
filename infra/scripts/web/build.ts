import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PublishError } from './stack-outputs.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** Where `vite build` writes the app. */
export const WEB_DIST = path.join(REPO_ROOT, 'web', 'dist');

/**
 * Builds the web app (`pnpm --filter @lambdagram/web build`, i.e. `vite build`) into web/dist. Its
 * output is kept quiet and shown only when the build fails. Resolves to the time it took, in ms.
 */
export function buildWeb(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', '@lambdagram/web', 'run', 'build'], {
      cwd: REPO_ROOT,
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
      reject(new PublishError(`cannot run pnpm to build the web app: ${error.message}`)),
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
