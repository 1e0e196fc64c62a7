import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A minimal HTTP/1.1 server for the Lambda Runtime API that one execution environment talks to.
 *
 * Why not node:http: every invocation costs two Runtime API requests (`next`, then `response`), and
 * node:http's request/response objects and streams cost several times more CPU than the parsing we
 * need. The clients are our own runtime clients, curl in a shell `bootstrap`, or any HTTP library of a
 * custom runtime, so this server still speaks plain, correct HTTP/1.1: Content-Length and chunked
 * request bodies, keep-alive, `Connection: close`, and it always answers with a Content-Length.
 */
export interface RuntimeApiRequest {
  method: string;
  path: string;
  /** Lowercase header names. */
  headers: Map<string, string>;
  body: Buffer;
  /** True when the body exceeded the server's body limit: `body` then holds nothing. */
  bodyTooLarge: boolean;
}

export type RuntimeApiReply = (
  status: number,
  body?: Buffer | string,
  headers?: Record<string, string>,
) => void;
export type RuntimeApiHandler = (request: RuntimeApiRequest, reply: RuntimeApiReply) => void;

/** Where an environment reaches its Runtime API. */
export interface RuntimeApiEndpoints {
  /** `host:port`, for `AWS_LAMBDA_RUNTIME_API`: what every runtime uses. */
  address: string;
  /** The same API on a Unix socket, when one was asked for and could be bound. */
  socketPath?: string;
}

const MAX_HEADER_BYTES = 64 * 1024;
let socketCount = 0;
const MAX_SOCKET_PATH_BYTES = 100;
const HEADER_END = Buffer.from('\r\n\r\n');
const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  202: 'Accepted',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  410: 'Gone',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
};

export class RuntimeApiServer {
  private readonly tcp: net.Server;
  private readonly unix: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly handler: RuntimeApiHandler,
    private readonly maxBodyBytes: number,
  ) {
    this.tcp = net.createServer((socket) => this.accept(socket, true));
    this.unix = net.createServer((socket) => this.accept(socket, false));
  }

  /**
   * Listens on a free loopback port and, with `unixSocket`, also on a Unix socket with the same API,
   * which our Node runtime client prefers: a request over it costs less CPU than over loopback TCP.
   */
  async listen({ unixSocket }: { unixSocket: boolean }): Promise<RuntimeApiEndpoints> {
    const socketPath = path.join(os.tmpdir(), `local-cloud-runtime-${process.pid}-${++socketCount}.sock`);
    // A socket path longer than the kernel's limit (~107 bytes) cannot be bound: TCP alone then.
    const useUnix = unixSocket && Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH_BYTES;
    const listening = [listenOn(this.tcp, { port: 0, host: '127.0.0.1' })];
    if (useUnix) {
      rmSync(socketPath, { force: true });
      listening.push(listenOn(this.unix, { path: socketPath }));
    }
    await Promise.all(listening);
    const { port } = this.tcp.address() as net.AddressInfo;
    return { address: `127.0.0.1:${port}`, socketPath: useUnix ? socketPath : undefined };
  }

  close(): void {
    this.tcp.close();
    if (this.unix.listening) this.unix.close(); // closing also removes the socket file
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private accept(socket: net.Socket, isTcp: boolean): void {
    if (isTcp) socket.setNoDelay(true);
    this.sockets.add(socket);
    const parser = new RequestParser(this.maxBodyBytes);
    const connection = new Connection(socket);
    socket.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
        // Every request of the chunk gets its place in line before any is handled, so that an answer
        // given at once (the 202 to a posted result) waits for the `next` pipelined behind it.
        const batch: Array<[RuntimeApiRequest, RuntimeApiReply]> = [];
        for (let request = parser.next(); request; request = parser.next()) {
          batch.push([
            request,
            connection.slot(request.headers.get('connection')?.toLowerCase() === 'close'),
          ]);
        }
        for (const [request, reply] of batch) this.handler(request, reply);
      } catch (error) {
        const status = error instanceof ParseError ? error.status : 400;
        connection.slot(true)(status, jsonError(error instanceof Error ? error.message : 'bad request'));
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }
}

/**
 * Keeps a connection's responses in request order, and writes them only once every request received
 * so far is answered. A runtime that pipelines `POST …/response` and `GET …/next` in one write thus
 * gets the 202 together with the next event, in one write and one wake-up instead of two; a runtime
 * that waits for each answer (curl) gets it at once, as nothing is pipelined behind it.
 */
class Connection {
  private readonly slots: Array<{ bytes?: Buffer[]; close: boolean }> = [];

  constructor(private readonly socket: net.Socket) {}

  slot(close: boolean): RuntimeApiReply {
    const slot: { bytes?: Buffer[]; close: boolean } = { close };
    this.slots.push(slot);
    return (status, body = '', headers = {}) => {
      if (slot.bytes || this.socket.destroyed) return;
      slot.bytes = responseBytes(status, body, headers, close);
      this.flush();
    };
  }

  private flush(): void {
    if (this.slots.some((slot) => !slot.bytes)) return;
    const answered = this.slots.splice(0);
    this.socket.cork();
    for (const slot of answered) for (const bytes of slot.bytes as Buffer[]) this.socket.write(bytes);
    this.socket.uncork();
    if (answered.some((slot) => slot.close)) this.socket.end();
  }
}

class ParseError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Incremental HTTP/1.1 request parser: feed it chunks, take complete requests out. */
class RequestParser {
  private buffer: Buffer = Buffer.alloc(0);
  private head?: { method: string; path: string; headers: Map<string, string> };

  constructor(private readonly maxBodyBytes: number) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  next(): RuntimeApiRequest | undefined {
    if (!this.head) {
      const end = this.buffer.indexOf(HEADER_END);
      if (end < 0) {
        if (this.buffer.length > MAX_HEADER_BYTES) throw new ParseError('request headers too large', 431);
        return undefined;
      }
      this.head = parseHead(this.buffer.toString('latin1', 0, end));
      this.buffer = this.buffer.subarray(end + 4);
    }
    const { headers } = this.head;
    const transferEncoding = headers.get('transfer-encoding');
    const body = transferEncoding?.toLowerCase().includes('chunked')
      ? this.takeChunkedBody()
      : this.takeSizedBody(Number(headers.get('content-length') ?? 0));
    if (!body) return undefined;
    const request = { ...this.head, body: body.bytes, bodyTooLarge: body.tooLarge };
    this.head = undefined;
    return request;
  }

  private takeSizedBody(length: number): { bytes: Buffer; tooLarge: boolean } | undefined {
    if (!Number.isSafeInteger(length) || length < 0) throw new ParseError('bad content-length', 400);
    if (this.buffer.length < length) return undefined;
    const bytes = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return length > this.maxBodyBytes
      ? { bytes: Buffer.alloc(0), tooLarge: true }
      : { bytes, tooLarge: false };
  }

  /** Waits for the whole chunked body (ending in a zero-size chunk), then decodes it. */
  private takeChunkedBody(): { bytes: Buffer; tooLarge: boolean } | undefined {
    const parts: Buffer[] = [];
    let total = 0;
    let offset = 0;
    for (;;) {
      const lineEnd = this.buffer.indexOf('\r\n', offset);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(this.buffer.toString('latin1', offset, lineEnd).split(';')[0] ?? '', 16);
      if (!Number.isFinite(size) || size < 0) throw new ParseError('bad chunk size', 400);
      const dataStart = lineEnd + 2;
      if (size === 0) {
        // The last chunk may be followed by trailer lines; the body ends at the first empty line.
        let end: number;
        if (
          this.buffer.length >= dataStart + 2 &&
          this.buffer.toString('latin1', dataStart, dataStart + 2) === '\r\n'
        ) {
          end = dataStart + 2;
        } else {
          const trailersEnd = this.buffer.indexOf(HEADER_END, lineEnd);
          if (trailersEnd < 0) return undefined;
          end = trailersEnd + 4;
        }
        this.buffer = this.buffer.subarray(end);
        const tooLarge = total > this.maxBodyBytes;
        return { bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(parts, total), tooLarge };
      }
      if (this.buffer.length < dataStart + size + 2) return undefined;
      total += size;
      if (total <= this.maxBodyBytes) parts.push(this.buffer.subarray(dataStart, dataStart + size));
      offset = dataStart + size + 2;
    }
  }
}

function parseHead(text: string): { method: string; path: string; headers: Map<string, string> } {
  const lines = text.split('\r\n');
  const [method, path, version] = (lines[0] ?? '').split(' ');
  if (!method || !path || !version?.startsWith('HTTP/1.')) throw new ParseError('bad request line', 400);
  const headers = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new ParseError('bad header line', 400);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { method, path, headers };
}

function responseBytes(
  status: number,
  body: Buffer | string,
  headers: Record<string, string>,
  close: boolean,
): Buffer[] {
  const payload = typeof body === 'string' ? Buffer.from(body) : body;
  let head = `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Unknown'}\r\nContent-Type: application/json\r\nContent-Length: ${payload.length}\r\n`;
  for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
  if (close) head += 'Connection: close\r\n';
  const headBytes = Buffer.from(`${head}\r\n`, 'latin1');
  return payload.length > 0 ? [headBytes, payload] : [headBytes];
}

function jsonError(message: string): string {
  return JSON.stringify({ errorMessage: message, errorType: 'InvalidRequest' });
}

function listenOn(server: net.Server, options: net.ListenOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options, () => resolve());
  });
}
