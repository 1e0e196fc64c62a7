/**
 * The local cloud's CLI (src/cli.ts, same arguments) for a process that must not outlive the one
 * that started it: a test runner, a bench. `startCloud` runs this file with its stdin a pipe it
 * never writes to. When that pipe closes, or this process is handed to another parent, the parent
 * is gone — ended normally, by Ctrl-C or by SIGKILL, which no handler of its own sees — and the
 * local cloud stops as on SIGTERM, taking DynamoDB Local and every execution environment with it.
 *
 * Layers below this one: DynamoDB Local dies with us even on SIGKILL (orphan-guard.ts), esbuild's
 * service exits when our end of its stdin closes.
 */

import { fstatSync } from 'node:fs';

/** How long an orderly stop may take before we exit anyway (the exit hooks still kill DynamoDB Local). */
const STOP_GRACE_MS = 20_000;
const PARENT_POLL_MS = 500;

const parent = process.ppid;
let stopping = false;

function parentGone(why: string): void {
  if (stopping) return;
  stopping = true;
  console.error(`local cloud: ${why}; stopping`);
  setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
  // Once ready, the CLI stops in order on SIGTERM; before that it has no handler, and exiting runs
  // the hooks that kill what start-up has launched so far.
  if (process.listenerCount('SIGTERM') > 0) process.kill(process.pid, 'SIGTERM');
  else process.exit(1);
}

// Only a pipe tells: /dev/null ends at once, and a terminal stays open whoever holds it.
if (stdinIsPipe()) {
  process.stdin.on('data', () => {}); // nothing is ever sent: we only wait for the end
  process.stdin.once('end', () => parentGone('the process that started it is gone (stdin closed)'));
  process.stdin.once('error', () => parentGone('the process that started it is gone (stdin failed)'));
}
setInterval(() => {
  if (process.ppid !== parent) parentGone(`the process that started it (${parent}) is gone`);
}, PARENT_POLL_MS).unref();

function stdinIsPipe(): boolean {
  try {
    return fstatSync(0).isFIFO();
  } catch {
    return false;
  }
}

await import('../cli.js');
