import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';

/** fsyncs a folder, so that a rename into it survives a machine crash too. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** A fresh file or folder name. */
export function randomName(): string {
  return randomBytes(12).toString('hex');
}
