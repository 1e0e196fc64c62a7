import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ServiceError } from '../../../../src/core/errors.js';
import { handleLogsOperation } from '../../../../src/services/logs/api.js';
import { LogStore, type LogStoreOptions } from '../../../../src/services/logs/store/store.js';

export const where = { region: 'us-east-1', accountId: '123456789012' };

const opened: LogStore[] = [];
const dirs: string[] = [];

/** A state directory of its own under the system's temp directory, removed by {@link cleanUp}. */
export async function stateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'logs-test-'));
  dirs.push(dir);
  return dir;
}

/** A store on `dir` (a new directory when omitted), closed by {@link cleanUp}. */
export async function openStore(dir?: string, options: LogStoreOptions = {}): Promise<LogStore> {
  const store = new LogStore(dir ?? (await stateDir()), options);
  opened.push(store);
  return store;
}

export async function cleanUp(): Promise<void> {
  for (const store of opened.splice(0)) store.close();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Calls an operation as the HTTP front end would. */
export function call<Output = Record<string, unknown>>(
  store: LogStore,
  operation: string,
  input: Record<string, unknown> = {},
): Promise<Output> {
  return handleLogsOperation(store, operation, input, where) as Promise<Output>;
}

/** The ServiceError an operation fails with. */
export async function failure(pending: Promise<unknown>): Promise<ServiceError> {
  try {
    await pending;
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('the operation succeeded');
}

export const GROUP = '/aws/lambda/thumbnailer';
export const STREAM = '2026/11/24/[$LATEST]0123456789abcdef0123456789abcdef';
