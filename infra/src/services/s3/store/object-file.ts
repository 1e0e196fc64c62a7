import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/*
 * The stored file of an object (or of a part of a multipart upload): the body from offset 0, then
 * its record as JSON, then an 8-byte footer — the JSON's length (uint32, big-endian) and a magic
 * tag. The record comes after the body because it is only known once the body is written and
 * verified; at the front it would need space reserved of a size not yet known, or a second copy of
 * the body. Body and record live in one file, so one rename publishes both together, and a reader
 * that opened the file reads both from the same version even if a newer one is renamed over it.
 */

const MAGIC = Buffer.from('S3o1');
const FOOTER_BYTES = 8;
/** Most records fit in the last few KB of the file: one read fetches footer and record together. */
const TAIL_READ_BYTES = 4096;

/** A stored file that does not end with a valid record: never published by the store (damaged, or foreign). */
export class DamagedFileError extends Error {
  override readonly name = 'DamagedFileError';
}

/** The bytes that follow the body: the record as JSON, then the footer. */
export function trailerOf(record: object): Buffer {
  const json = Buffer.from(JSON.stringify(record));
  const footer = Buffer.alloc(FOOTER_BYTES);
  footer.writeUInt32BE(json.length, 0);
  MAGIC.copy(footer, 4);
  return Buffer.concat([json, footer]);
}

/**
 * Reads the record at the end of an open file and checks it describes the file (its `size` is the
 * body's length). Throws DamagedFileError for anything else.
 */
export async function readRecord<T extends { size: number }>(handle: FileHandle): Promise<T> {
  const { size: fileSize } = await handle.stat();
  if (fileSize < FOOTER_BYTES) throw new DamagedFileError('too short for a footer');
  const tailBytes = Math.min(fileSize, TAIL_READ_BYTES);
  const tail = await readExactly(handle, fileSize - tailBytes, tailBytes);
  if (!tail.subarray(tailBytes - 4).equals(MAGIC)) throw new DamagedFileError('no footer');
  const jsonBytes = tail.readUInt32BE(tailBytes - FOOTER_BYTES);
  const bodyBytes = fileSize - FOOTER_BYTES - jsonBytes;
  if (bodyBytes < 0) throw new DamagedFileError('record longer than the file');
  const json =
    jsonBytes + FOOTER_BYTES <= tailBytes
      ? tail.subarray(tailBytes - FOOTER_BYTES - jsonBytes, tailBytes - FOOTER_BYTES)
      : await readExactly(handle, bodyBytes, jsonBytes);
  let record: T;
  try {
    record = JSON.parse(json.toString()) as T;
  } catch (error) {
    throw new DamagedFileError('record is not JSON', { cause: error });
  }
  if (record.size !== bodyBytes) throw new DamagedFileError('record does not match the body');
  return record;
}

/** Reads `length` bytes at `position`, looping over short reads. */
export async function readExactly(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new DamagedFileError('file ended early');
    done += bytesRead;
  }
  return buffer;
}

/** The MD5 (hex) of the first `length` bytes of a file: the body of a stored object. */
export async function md5OfBody(handle: FileHandle, length: number): Promise<string> {
  const hash = createHash('md5');
  const piece = Buffer.allocUnsafe(Math.min(length, 4 * 1024 * 1024) || 1);
  for (let done = 0; done < length; ) {
    const { bytesRead } = await handle.read(piece, 0, Math.min(piece.length, length - done), done);
    if (bytesRead === 0) throw new DamagedFileError('file ended before its recorded size');
    hash.update(piece.subarray(0, bytesRead));
    done += bytesRead;
  }
  return hash.digest('hex');
}
