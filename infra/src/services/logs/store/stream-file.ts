import { closeSync, constants, openSync, readSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { comparePositions, type EventPosition, linePosition } from './log-event.js';

/**
 * A run of whole lines of a stream file and the lowest and highest positions of the events in it, so
 * that a read can skip the runs that cannot hold what it looks for.
 */
export interface FileBlock {
  offset: number;
  length: number;
  first: EventPosition;
  last: EventPosition;
}

/** Blocks are merged up to this size: large enough to keep the index small, small enough to read fast. */
export const BLOCK_BYTES = 64 * 1024;
const SCAN_CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
// No O_APPEND: writes go to the offset the store chose, so writing the same bytes twice (the close() that
// races an unfinished background write) leaves one copy, not two.
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT;

/** Writes `buffer` at `offset` of the file, creating the file when needed. */
export async function writeAt(file: string, buffer: Buffer, offset: number): Promise<void> {
  const handle = await open(file, WRITE_FLAGS);
  try {
    let written = 0;
    while (written < buffer.length) {
      const { bytesWritten } = await handle.write(buffer, written, buffer.length - written, offset + written);
      written += bytesWritten;
    }
  } finally {
    await handle.close();
  }
}

/** The synchronous twin of {@link writeAt}, for the last flush at shutdown. */
export function writeAtSync(file: string, buffer: Buffer, offset: number): void {
  const fd = openSync(file, WRITE_FLAGS);
  try {
    let written = 0;
    while (written < buffer.length) {
      written += writeSync(fd, buffer, written, buffer.length - written, offset + written);
    }
  } finally {
    closeSync(fd);
  }
}

/** The text of one block. */
export async function readBlockText(file: string, block: FileBlock): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(block.length);
    const { bytesRead } = await handle.read(buffer, 0, block.length, block.offset);
    return buffer.toString('utf8', 0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The size of a stream file written by an earlier run, and whether its last line is whole (a crash in
 * the middle of a write leaves half a line, which the next write must not continue).
 */
export function inspectStreamFile(file: string): { size: number; endsWithNewline: boolean } {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return { size: 0, endsWithNewline: true };
  }
  if (size === 0) return { size, endsWithNewline: true };
  const fd = openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return { size, endsWithNewline: last[0] === NEWLINE };
  } finally {
    closeSync(fd);
  }
}

/**
 * Indexes the first `size` bytes of a stream file (what earlier runs wrote) into blocks, reading only
 * each line's position, not its message.
 */
export async function scanBlocks(file: string, size: number): Promise<FileBlock[]> {
  const blocks: FileBlock[] = [];
  const handle = await open(file, 'r');
  try {
    let carry = Buffer.alloc(0);
    let position = 0;
    while (position < size) {
      const chunk = Buffer.alloc(Math.min(SCAN_CHUNK_BYTES, size - position));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk;
      const dataOffset = position - carry.length;
      position += bytesRead;
      let lineStart = 0;
      for (
        let end = data.indexOf(NEWLINE);
        end >= 0 && end < carry.length + bytesRead;
        end = data.indexOf(NEWLINE, lineStart)
      ) {
        const at = linePosition(data.toString('latin1', lineStart, Math.min(end, lineStart + 64)));
        if (at)
          addBlock(blocks, {
            offset: dataOffset + lineStart,
            length: end + 1 - lineStart,
            first: at,
            last: at,
          });
        lineStart = end + 1;
      }
      carry = Buffer.from(data.subarray(lineStart, carry.length + bytesRead));
    }
  } finally {
    await handle.close();
  }
  return blocks;
}

/** Appends a block to an index, merging it into the previous one when they touch and stay small. */
export function addBlock(blocks: FileBlock[], block: FileBlock): void {
  const previous = blocks.at(-1);
  if (
    previous &&
    previous.offset + previous.length === block.offset &&
    previous.length + block.length <= BLOCK_BYTES
  ) {
    // Replaced, not changed in place: a read in progress may hold the previous block.
    blocks[blocks.length - 1] = {
      offset: previous.offset,
      length: previous.length + block.length,
      first: comparePositions(block.first, previous.first) < 0 ? block.first : previous.first,
      last: comparePositions(block.last, previous.last) > 0 ? block.last : previous.last,
    };
  } else {
    blocks.push(block);
  }
}
