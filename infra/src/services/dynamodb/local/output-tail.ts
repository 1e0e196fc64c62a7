import type { ChildProcess } from 'node:child_process';

const LIMIT = 64 * 1024;

/**
 * The last 64 KB a child process wrote to stdout and stderr, interleaved as it came. Read only to
 * explain a failure: a healthy DynamoDB Local has nothing to say to our console.
 */
export class OutputTail {
  private text = '';
  private readonly closed: Promise<void>;

  constructor(child: ChildProcess) {
    const append = (chunk: string) => {
      this.text =
        this.text.length + chunk.length > LIMIT ? (this.text + chunk).slice(-LIMIT) : this.text + chunk;
    };
    child.stdout?.setEncoding('utf8').on('data', append);
    child.stderr?.setEncoding('utf8').on('data', append);
    this.closed = new Promise((resolve) => {
      child.once('close', () => resolve());
      child.once('error', () => resolve());
    });
  }

  includes(text: string): boolean {
    return this.text.includes(text);
  }

  /** Everything kept, once the process has exited and its pipes are drained. */
  async settled(): Promise<string> {
    await this.closed;
    return this.text;
  }
}
