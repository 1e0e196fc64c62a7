import fs from 'node:fs';
import { FRAME_HEADER_BYTES, LOG_FRAME_TYPE } from './telemetry-frame.js';

/** Writes one finished log record (no trailing newline), made at `timeMs`, where the platform collects it. */
export type LogSink = (record: string, timeMs: number) => void;

/**
 * The sink AWS's runtime uses: frames on `_LAMBDA_TELEMETRY_LOG_FD` when the platform gives one,
 * else lines on stdout with inner newlines turned into carriage returns so a record stays one line.
 * The variable is removed so processes the function spawns do not write into the platform's pipe.
 */
export function createLogSink(env: NodeJS.ProcessEnv): LogSink {
  const fdText = env._LAMBDA_TELEMETRY_LOG_FD;
  if (fdText === undefined) return (record) => process.stdout.write(`${record.replace(/\n/g, '\r')}\n`);
  delete env._LAMBDA_TELEMETRY_LOG_FD;
  const fd = Number.parseInt(fdText, 10);
  return (record, timeMs) => writeFrame(fd, record, timeMs);
}

/**
 * Synchronous on purpose: the record must be in the pipe before the response is posted, so the
 * platform has the invocation's whole log when it sees the response.
 */
function writeFrame(fd: number, record: string, timeMs: number): void {
  const text = `${record}\n`;
  const length = Buffer.byteLength(text, 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  frame.writeUInt32BE(LOG_FRAME_TYPE, 0);
  frame.writeUInt32BE(length, 4);
  frame.writeBigUInt64BE(BigInt(timeMs) * 1000n, 8);
  frame.write(text, FRAME_HEADER_BYTES, 'utf8');
  writeFully(fd, frame);
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      // A non-blocking pipe that is full: the reader drains it soon, and the record must not be lost.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
