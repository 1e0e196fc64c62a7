import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Runs another workspace package's script (`pnpm --filter <package> --silent run <script> <args>`)
 * and resolves to its stdout: e2e reaches other packages by name, never by path. Uses the pnpm that
 * runs us (`npm_execpath`), so that a pnpm installed only in the project works.
 */
export async function runPackageScript(pkg: string, script: string, args: string[]): Promise<string> {
  const pnpmArgs = ['--filter', pkg, '--silent', 'run', script, ...args];
  const execPath = process.env.npm_execpath;
  const viaNode =
    execPath !== undefined && /pnpm/.test(path.basename(execPath)) && /\.[cm]?js$/.test(execPath);
  const command = viaNode
    ? process.execPath
    : execPath && /pnpm/.test(path.basename(execPath))
      ? execPath
      : 'pnpm';
  const { stdout } = await promisify(execFile)(command, viaNode ? [execPath, ...pnpmArgs] : pnpmArgs);
  return stdout;
}
