import net from 'node:net';
import { ResponseParser, type RuntimeResponse } from './http-response.js';

interface Pending {
  request: string;
  resolve(response: RuntimeResponse): void;
  reject(error: Error): void;
}

/**
 * One persistent keep-alive connection to the Runtime API. Requests may be pipelined (sent together,
 * answered in order), which lets a response post and the next `next` share one write.
 *
 * The socket is referenced only while a request is outstanding: while the handler runs it must not
 * keep the event loop alive, or 'beforeExit' (which completes callback handlers) would never come.
 */
export class RuntimeConnection {
  private socket: net.Socket | undefined;
  private parser = new ResponseParser();
  private readonly pending: Pending[] = [];

  /** @param target where the Runtime API listens: `{ host, port }`, or `{ path }` for a Unix socket. */
  constructor(private readonly target: net.NetConnectOpts) {}

  /** Writes the serialised requests in one go; each promise resolves with its own response, in order. */
  send(...requests: string[]): Array<Promise<RuntimeResponse>> {
    const responses = requests.map(
      (request) =>
        new Promise<RuntimeResponse>((resolve, reject) => {
          this.pending.push({ request, resolve, reject });
        }),
    );
    const socket = this.socket ?? this.open();
    socket.ref();
    socket.write(requests.length === 1 ? (requests[0] as string) : requests.join(''));
    return responses;
  }

  private open(): net.Socket {
    const socket = net.connect(this.target);
    if (!('path' in this.target)) socket.setNoDelay(true);
    this.socket = socket;
    this.parser = new ResponseParser();
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (error) => this.onClose(socket, error));
    socket.on('close', () => this.onClose(socket));
    return socket;
  }

  private onData(socket: net.Socket, chunk: Buffer): void {
    let response: RuntimeResponse | undefined;
    try {
      response = this.parser.push(chunk);
      while (response) {
        const pending = this.pending.shift();
        if (response.closes) this.reopenFor(socket);
        pending?.resolve(response);
        if (response.closes) return;
        response = this.parser.next();
      }
    } catch (error) {
      this.onClose(socket, error as Error);
      return;
    }
    if (this.pending.length === 0) socket.unref();
  }

  /**
   * The server closes after this response, so it has not read what was pipelined behind it:
   * send those requests again on a fresh connection.
   */
  private reopenFor(socket: net.Socket): void {
    this.forget(socket);
    if (this.pending.length === 0) return;
    this.open().write(this.pending.map((pending) => pending.request).join(''));
  }

  private onClose(socket: net.Socket, error?: Error): void {
    if (this.socket !== socket) return;
    this.forget(socket);
    const response = error ? undefined : this.parser.end();
    if (response) this.pending.shift()?.resolve(response);
    const failure = error ?? new Error('the Runtime API closed the connection mid-request');
    for (const pending of this.pending.splice(0)) pending.reject(failure);
  }

  private forget(socket: net.Socket): void {
    if (this.socket === socket) this.socket = undefined;
    socket.destroy();
  }
}
