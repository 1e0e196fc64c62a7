import fs from 'node:fs';
import net from 'node:net';

/**
 * The leanest possible Runtime API, for measuring a client's own cost: it answers `next` at once with
 * a fixed event and every post with 202, parsing only enough to find request boundaries.
 */
export class EchoRuntimeApi {
  invocations = 0;
  private readonly server: net.Server;
  private target = 0;
  private onDone: (() => void) | undefined;
  private waiting: net.Socket | undefined;
  private readonly answerNext: (socket: net.Socket) => void;

  constructor(event: string) {
    const body = Buffer.from(event);
    const accepted = Buffer.from(
      'HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{"status":"OK"}',
    );
    this.answerNext = (socket) => {
      this.invocations++;
      const id = `00000000-0000-4000-8000-${String(this.invocations).padStart(12, '0')}`;
      // One write, as the real server does (it corks), so the runtime sees one segment.
      socket.cork();
      socket.write(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: ${id}\r\n` +
          `Lambda-Runtime-Deadline-Ms: ${Date.now() + 30_000}\r\n` +
          'Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:bench\r\n' +
          `Lambda-Runtime-Trace-Id: Root=1-00000000-${id.slice(-24)};Sampled=0\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      socket.write(body);
      socket.uncork();
    };
    this.server = net.createServer((socket) => {
      socket.setNoDelay(true);
      let pending = '';
      socket.on('data', (chunk: Buffer) => {
        pending += chunk.toString('latin1');
        for (;;) {
          const headEnd = pending.indexOf('\r\n\r\n');
          if (headEnd < 0) return;
          const length = Number(/content-length: *(\d+)/i.exec(pending.slice(0, headEnd))?.[1] ?? 0);
          if (pending.length < headEnd + 4 + length) return;
          const isNext = pending.startsWith('GET');
          pending = pending.slice(headEnd + 4 + length);
          if (!isNext) {
            socket.write(accepted);
            continue;
          }
          if (this.invocations < this.target) {
            // Not in the same write as a 202 before it: a real event arrives on its own, later.
            setImmediate(() => this.answerNext(socket));
            continue;
          }
          this.waiting = socket;
          this.onDone?.();
        }
      });
      socket.on('error', () => socket.destroy());
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** Serves `count` more invocations; resolves when the runtime asks for the one after them. */
  serve(count: number): Promise<void> {
    this.target = this.invocations + count;
    const done = new Promise<void>((resolve) => {
      this.onDone = resolve;
    });
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) this.answerNext(waiting);
    return done;
  }

  close(): void {
    this.server.close();
  }
}

/** User + system CPU time a process has used so far, in milliseconds (from /proc). */
export function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}
