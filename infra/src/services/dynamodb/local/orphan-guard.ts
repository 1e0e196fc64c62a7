import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Keeps a child process from outliving us. Two layers, because Node cannot run code on every way a
 * process ends:
 * - on Linux the child is started through util-linux `setpriv --pdeathsig KILL`: the kernel kills it
 *   when we die, whatever the cause (SIGKILL, a signal without a handler, a crash);
 * - everywhere, a `process.on('exit')` hook kills the child's process group when we exit normally,
 *   by `process.exit()` or an uncaught exception.
 * Killing with SIGKILL loses nothing acknowledged: DynamoDB Local keeps its data in SQLite.
 */
const guardedGroups = new Set<number>();
let exitHookInstalled = false;

/** Kills the process group `pgid` if we exit before `release()` is called. */
export function guardProcessGroup(pgid: number): { release(): void } {
  if (!exitHookInstalled) {
    // One listener for every guarded child, so many launches do not trip MaxListenersExceededWarning.
    process.on('exit', killGuardedGroups);
    exitHookInstalled = true;
  }
  guardedGroups.add(pgid);
  return { release: () => guardedGroups.delete(pgid) };
}

function killGuardedGroups(): void {
  for (const pgid of guardedGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** `command args…`, wrapped so that the kernel kills it when we die, where the system can do that. */
export function dieWithParent(command: string, args: string[]): { command: string; args: string[] } {
  const setpriv = pdeathsigWrapper();
  return setpriv ? { command: setpriv, args: ['--pdeathsig', 'KILL', command, ...args] } : { command, args };
}

let wrapper: string | null | undefined;

function pdeathsigWrapper(): string | null {
  if (wrapper !== undefined) return wrapper;
  wrapper = null;
  if (process.platform !== 'linux') return wrapper;
  const setpriv = findExecutable('setpriv');
  // util-linux before 2.33 (2018) has no --pdeathsig: ask once rather than fail every start.
  if (setpriv && spawnSync(setpriv, ['--pdeathsig', 'KILL', 'true'], { stdio: 'ignore' }).status === 0) {
    wrapper = setpriv;
  }
  return wrapper;
}

/** The executable a command names (a path, or a name looked up on the PATH), if there is one. */
export function findExecutable(command: string): string | undefined {
  if (command.includes('/') || command.includes(path.sep)) return isExecutable(command) ? command : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
