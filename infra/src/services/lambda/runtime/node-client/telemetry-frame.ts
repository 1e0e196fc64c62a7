/**
 * The framing AWS's runtimes use on `_LAMBDA_TELEMETRY_LOG_FD`: one frame per log event, so an event
 * may hold newlines (stack traces) and still reach CloudWatch as one event.
 *
 *   frame type (u32 BE) | payload length (u32 BE) | timestamp, µs since epoch (u64 BE) | UTF-8 payload
 */

/** The frame type our clients write: a text log event. */
export const LOG_FRAME_TYPE = 0xa55a0003;

/** AWS's runtimes OR level and format bits into the low byte; the upper bits name a log frame. */
const LOG_FRAME_MASK = 0xffff0000;
const LOG_FRAME_MARKER = 0xa55a0000;
export const FRAME_HEADER_BYTES = 16;

export interface TelemetryLogEvent {
  /** Milliseconds since epoch, as CloudWatch stores it. */
  timestamp: number;
  /** The event's text, without the one trailing newline AWS's runtimes end each record with. */
  message: string;
}

/** One frame for `message`, stamped now unless a timestamp (µs since epoch) is given. */
export function encodeFrame(message: string, timestampMicros = Date.now() * 1000): Buffer {
  const length = Buffer.byteLength(message, 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + length);
  frame.writeUInt32BE(LOG_FRAME_TYPE, 0);
  frame.writeUInt32BE(length, 4);
  frame.writeBigUInt64BE(BigInt(Math.floor(timestampMicros)), 8);
  frame.write(message, FRAME_HEADER_BYTES, 'utf8');
  return frame;
}

/**
 * Streaming decoder for the telemetry pipe: feed it whatever chunks the pipe delivers, get back the
 * complete events. Bytes that do not start with the log marker (something wrote raw text to the fd)
 * cannot be resynchronised: they come back as one event and the decoder starts afresh, so a stray
 * writer costs a garbled log line rather than the reader.
 */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds a chunk and returns every event completed by it, in order. */
  push(chunk: Buffer): TelemetryLogEvent[] {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: TelemetryLogEvent[] = [];
    let offset = 0;
    while (data.length - offset >= FRAME_HEADER_BYTES) {
      const type = data.readUInt32BE(offset);
      if ((type & LOG_FRAME_MASK) >>> 0 !== LOG_FRAME_MARKER) {
        events.push({ timestamp: Date.now(), message: data.toString('utf8', offset) });
        offset = data.length;
        break;
      }
      const length = data.readUInt32BE(offset + 4);
      const end = offset + FRAME_HEADER_BYTES + length;
      if (data.length < end) break;
      const micros = data.readBigUInt64BE(offset + 8);
      let message = data.toString('utf8', offset + FRAME_HEADER_BYTES, end);
      if (message.endsWith('\n')) message = message.slice(0, -1);
      events.push({ timestamp: Number(micros / 1000n), message });
      offset = end;
    }
    // Copy the remainder: `chunk` may be a view on a buffer its producer reuses.
    this.pending = offset === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(offset));
    return events;
  }

  /** Bytes of an incomplete frame still waiting for the rest of it. */
  get bufferedBytes(): number {
    return this.pending.length;
  }
}
