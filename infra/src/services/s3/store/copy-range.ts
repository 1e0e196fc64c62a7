import type { FileHandle } from 'node:fs/promises';
import { DamagedFileError } from './object-file.js';

/** Large pieces keep the per-call overhead of the thread pool small next to the memory copies. */
const PIECE_BYTES = 4 * 1024 * 1024;

/**
 * Copies `length` bytes from `source` at `sourceStart` to `target` at `targetStart`, reading the next
 * piece while the previous one is written (two buffers). Node has no `copy_file_range` for a range
 * into another file at an offset, and `fs.copyFile` copies whole files only; this loop is what is left.
 * `onPiece` sees each piece before it is written (to hash it) and must not keep it.
 */
export async function copyRange(
  source: FileHandle,
  sourceStart: number,
  length: number,
  target: FileHandle,
  targetStart: number,
  onPiece?: (piece: Buffer) => void,
): Promise<void> {
  const buffers = [
    Buffer.allocUnsafe(Math.min(PIECE_BYTES, length)),
    Buffer.allocUnsafe(Math.min(PIECE_BYTES, length)),
  ];
  let writing: Promise<unknown> = Promise.resolve();
  let done = 0;
  let turn = 0;
  try {
    while (done < length) {
      // This buffer's last write was awaited in the previous round, so it is free to fill again.
      const buffer = buffers[turn] as Buffer;
      turn ^= 1;
      const { bytesRead } = await source.read(
        buffer,
        0,
        Math.min(buffer.length, length - done),
        sourceStart + done,
      );
      if (bytesRead === 0) throw new DamagedFileError('file ended before its recorded size');
      const piece = buffer.subarray(0, bytesRead);
      onPiece?.(piece);
      await writing;
      writing = writeFully(target, piece, targetStart + done);
      done += bytesRead;
    }
  } finally {
    // Never leave a write running into a file the caller may close next.
    await writing.catch(() => undefined);
  }
  await writing;
}

async function writeFully(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, done, buffer.length - done, position + done);
    done += bytesWritten;
  }
}
