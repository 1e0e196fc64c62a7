/**
 * The web package's scripts, run as child processes: `npm start` and `pnpm dev` build, publish and
 * serve the app, but infra imports nothing of the web package (the web package depends on infra's
 * testing export, and its publisher on the functions' contracts: an import back would be a cycle).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WEB_PACKAGE = '@lambdagram/web';

/**
 * `pnpm --filter @lambdagram/web --silent run <script> -- <args>`, run with the pnpm that runs us
 * (`npm_execpath`, set by pnpm for its scripts), so that a pnpm installed only in the project works.
 */
export function runWebScript(
  script: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; stdio?: 'inherit' | 'pipe' } = {},
): ChildProcess {
  const pnpmArgs = ['--filter', WEB_PACKAGE, '--silent', 'run', script, ...args];
  const execPath = process.env.npm_execpath;
  const [command, commandArgs] =
    execPath && /pnpm/.test(path.basename(execPath))
      ? [
          /\.[cm]?js$/.test(execPath) ? process.execPath : execPath,
          /\.[cm]?js$/.test(execPath) ? [execPath, ...pnpmArgs] : pnpmArgs,
        ]
      : ['pnpm', pnpmArgs];
  return spawn(command, commandArgs, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: options.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a web script to its end; resolves to its stdout, rejects with its output when it fails. */
export function webScriptOutput(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = runWebScript(script, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => reject(new Error(`cannot run pnpm: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${(stderr || stdout).trim() || `\`${script}\` ended with ${signal ?? code}`}`));
    });
  });
}

/** The publisher's arguments and environment for a local cloud's stack. */
export function localStackArgs(
  endpoint: string,
  config: {
    stackName: string;
    region: string;
    rootCredentials: { accessKeyId: string; secretAccessKey: string };
  },
): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: ['--endpoint', endpoint, '--stack-name', config.stackName, '--region', config.region],
    env: {
      LOCAL_CLOUD_ACCESS_KEY_ID: config.rootCredentials.accessKeyId,
      LOCAL_CLOUD_SECRET_ACCESS_KEY: config.rootCredentials.secretAccessKey,
    },
  };
}
