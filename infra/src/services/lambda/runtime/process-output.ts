import type { ChildProcess } from 'node:child_process';
import { FrameDecoder } from './node-client/telemetry-frame.js';

export interface ProcessOutput {
  /** The last 4 KB the process wrote to stderr: how a crash says why (V8's "heap out of memory"). */
  stderrTail(): string;
}

/**
 * Turns what an environment's process writes into log events, as Lambda does: each telemetry frame
 * on fd 3 (our runtime clients' log records, multi-line messages kept whole) is one event, and each
 * line written straight to stdout or stderr (print, process.stdout.write, a shell bootstrap) is one.
 */
export function collectOutput(
  child: ChildProcess,
  onEvent: (message: string, timestamp?: number) => void,
): ProcessOutput {
  let stderrTail = '';
  const frames = new FrameDecoder();
  child.stdio[3]?.on('data', (chunk: Buffer) => {
    for (const event of frames.push(chunk)) onEvent(event.message, event.timestamp);
  });
  const forwardLines = (stream: NodeJS.ReadableStream | null, isStderr: boolean) => {
    if (!stream) return;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (text: string) => {
      if (isStderr) stderrTail = (stderrTail + text).slice(-4096);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onEvent(line);
    });
    stream.on('end', () => {
      if (partial) onEvent(partial);
    });
  };
  forwardLines(child.stdout, false);
  forwardLines(child.stderr, true);
  return { stderrTail: () => stderrTail };
}
