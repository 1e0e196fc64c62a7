import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil, processesMentioning, startCloud } from '../../src/testing/index.js';

// Whatever way a test run ends, the local cloud it started goes, with DynamoDB Local and every
// execution environment. A run's processes are told from others' by its state dir (the cloud's and
// DynamoDB Local's command lines) and its URL (the environments' AWS_ENDPOINT_URL).

const INFRA = path.join(import.meta.dirname, '..', '..');
/** How long the processes may take to go: a bound for the poll, not a measured time. */
const GONE_WITHIN_MS = 90_000;
/** Start-up on a loaded machine takes minutes (see DEFAULT_READY_TIMEOUT_MS). */
const START_MS = 330_000;

const harnesses: ChildProcess[] = [];
afterEach(() => {
  for (const harness of harnesses.splice(0)) if (harness.exitCode === null) harness.kill('SIGKILL');
});

/** Starts test/support/cloud-harness.ts in its own process group; resolves to the line it prints. */
async function startHarness(mode?: '--before-ready'): Promise<{
  harness: ChildProcess;
  url?: string;
  stateDir: string;
}> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'left-behind-'));
  const recordDir = mkdtempSync(path.join(os.tmpdir(), 'left-behind-records-'));
  const args = ['--import', 'tsx', 'test/support/cloud-harness.ts', stateDir, recordDir];
  const harness = spawn(process.execPath, mode ? [...args, mode] : args, {
    cwd: INFRA,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own group, as a test runner started from a terminal
  });
  harnesses.push(harness);
  let output = '';
  const line = await new Promise<string>((resolve, reject) => {
    harness.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const first = output.split('\n').find((text) => text.startsWith('{'));
      if (first) resolve(first);
    });
    harness.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    harness.once('exit', (code) => reject(new Error(`the harness exited with ${code}:\n${output}`)));
  });
  return { harness, ...(JSON.parse(line) as { url?: string; stateDir: string }) };
}

function runProcesses(run: { url?: string; stateDir: string }) {
  return processesMentioning(run.url ? [run.stateDir, `AWS_ENDPOINT_URL=${run.url}`] : [run.stateDir]);
}

/** The run's processes once they are all gone, or those still there when the bound is reached. */
function leftBehind(run: { url?: string; stateDir: string }) {
  return pollUntil(
    () => runProcesses(run),
    (found) => found.length === 0,
    { timeoutMs: GONE_WITHIN_MS, intervalMs: 250 },
  );
}

describe('a test run that ends', () => {
  it(
    'by SIGKILL of the runner leaves no local cloud, DynamoDB Local or execution environment behind',
    async () => {
      const run = await startHarness();
      const before = runProcesses(run);

      process.kill(run.harness.pid as number, 'SIGKILL');

      expect(before.map((found) => found.command).join('\n')).toMatch(/--state-dir/);
      expect(before.map((found) => found.command).join('\n')).toMatch(/DynamoDBLocal/);
      expect(before.length).toBeGreaterThanOrEqual(3); // the cloud, DynamoDB Local, an environment
      expect(await leftBehind(run)).toEqual([]);
    },
    START_MS + GONE_WITHIN_MS,
  );

  it(
    "by Ctrl-C (SIGINT to the runner's process group) leaves nothing behind",
    async () => {
      const run = await startHarness();

      process.kill(-(run.harness.pid as number), 'SIGINT');

      expect(await leftBehind(run)).toEqual([]);
    },
    START_MS + GONE_WITHIN_MS,
  );

  it(
    'by SIGKILL of the runner while the local cloud is still starting leaves nothing behind',
    async () => {
      const run = await startHarness('--before-ready');
      // Let start-up get as far as DynamoDB Local's JVM (or further) before the kill.
      await pollUntil(
        () => runProcesses(run),
        (found) => found.some((process) => /DynamoDBLocal/.test(process.command)),
        { timeoutMs: START_MS, intervalMs: 100 },
      );

      process.kill(run.harness.pid as number, 'SIGKILL');

      expect(await leftBehind(run)).toEqual([]);
    },
    START_MS + GONE_WITHIN_MS,
  );

  it(
    'by a start-up that does not finish in time stops the local cloud it started, and says so',
    async () => {
      const stateDir = mkdtempSync(path.join(os.tmpdir(), 'left-behind-'));

      const starting = startCloud({ stateDir, readyTimeoutMs: 1 });

      await expect(starting).rejects.toThrow(/local cloud did not start within 0\.001 s \(stopped it/);
      expect(await leftBehind({ stateDir })).toEqual([]);
    },
    GONE_WITHIN_MS * 2,
  );
});
