import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  FrameDecoder,
  LOG_FRAME_TYPE,
} from '../../../../../../src/services/lambda/runtime/node-client/telemetry-frame.js';

describe('telemetry frames', () => {
  it('encodes type, length, microsecond timestamp and UTF-8 payload, big-endian', () => {
    const frame = encodeFrame('hé\n', 1_700_000_000_123_456);

    expect(frame.readUInt32BE(0)).toBe(LOG_FRAME_TYPE);
    expect(frame.readUInt32BE(4)).toBe(4);
    expect(frame.readBigUInt64BE(8)).toBe(1_700_000_000_123_456n);
    expect(frame.subarray(16).toString('utf8')).toBe('hé\n');
  });

  it('decodes frames split at any byte, with the timestamp in milliseconds', () => {
    const bytes = Buffer.concat([
      encodeFrame('first\nline two', 1_000_000_500),
      encodeFrame('second', 2_000_000_000),
    ]);
    const decoder = new FrameDecoder();

    const events = [];
    for (const byte of bytes) events.push(...decoder.push(Buffer.from([byte])));

    expect(events).toEqual([
      { timestamp: 1_000_000, message: 'first\nline two' },
      { timestamp: 2_000_000, message: 'second' },
    ]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('drops the one trailing newline AWS runtimes end each record with', () => {
    const decoder = new FrameDecoder();

    const events = decoder.push(
      Buffer.concat([encodeFrame('record\n', 0), encodeFrame('blank line after\n\n', 0)]),
    );

    expect(events.map((event) => event.message)).toEqual(['record', 'blank line after\n']);
  });

  it('accepts the level bits AWS runtimes put in the low byte of the frame type', () => {
    const frame = encodeFrame('info record', 0);
    frame.writeUInt32BE(0xa55a000f, 0);

    const events = new FrameDecoder().push(frame);

    expect(events.map((event) => event.message)).toEqual(['info record']);
  });

  it('turns bytes that are not a frame into one event instead of failing the reader', () => {
    const decoder = new FrameDecoder();

    const events = decoder.push(Buffer.from('somebody wrote plain text to fd 3\n'));

    expect(events.map((event) => event.message)).toEqual(['somebody wrote plain text to fd 3\n']);
    expect(decoder.push(encodeFrame('back in sync', 0)).map((event) => event.message)).toEqual([
      'back in sync',
    ]);
  });
});
