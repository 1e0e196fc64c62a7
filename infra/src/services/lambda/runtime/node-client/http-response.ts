/** A complete Runtime API response. */
export interface RuntimeResponse {
  status: number;
  /** Lowercase header names. */
  headers: Map<string, string>;
  body: Buffer;
  /** The server closes the connection after this response. */
  closes: boolean;
}

interface ResponseHead {
  status: number;
  headers: Map<string, string>;
  /** Body length, or -1 when the body runs until the server closes the connection. */
  length: number;
  closes: boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEAD_BYTES = 64 * 1024;

/**
 * Incremental HTTP/1.1 response parser: status line, headers, and a Content-Length body (or one that
 * ends with the connection). The Runtime API never chunks its responses, so neither does this.
 */
export class ResponseParser {
  // Chunks are joined only when needed: a large event arrives in many chunks, and joining on every
  // chunk would copy it over and over.
  private chunks: Buffer[] = [];
  private size = 0;
  private head: ResponseHead | undefined;

  /** Adds received bytes; returns the first response they complete, if any. */
  push(chunk: Buffer): RuntimeResponse | undefined {
    this.chunks.push(chunk);
    this.size += chunk.length;
    return this.next();
  }

  /** The next complete response among the bytes already received (pipelined responses). */
  next(): RuntimeResponse | undefined {
    if (!this.head) {
      if (this.size === 0) return undefined;
      const buffer = this.joined();
      const end = buffer.indexOf(HEADER_END);
      if (end < 0) {
        if (buffer.length > MAX_HEAD_BYTES) throw new Error('Runtime API response head too large');
        return undefined;
      }
      this.head = parseHead(buffer.toString('latin1', 0, end));
      this.keep(buffer.subarray(end + HEADER_END.length));
    }
    const { length } = this.head;
    if (length < 0 || this.size < length) return undefined;
    return this.take(length);
  }

  /** The connection ended: completes a body that runs until the close, else reports nothing. */
  end(): RuntimeResponse | undefined {
    if (!this.head || this.head.length >= 0) return undefined;
    return this.take(this.size);
  }

  private take(length: number): RuntimeResponse {
    const head = this.head as ResponseHead;
    const buffer = this.joined();
    this.keep(buffer.subarray(length));
    this.head = undefined;
    return {
      status: head.status,
      headers: head.headers,
      body: buffer.subarray(0, length),
      closes: head.closes,
    };
  }

  private joined(): Buffer {
    const buffer =
      this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
    this.chunks = [buffer];
    return buffer;
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.size = rest.length;
  }
}

function parseHead(text: string): ResponseHead {
  const lines = text.split('\r\n');
  const statusLine = lines[0] ?? '';
  const status = Number(statusLine.slice(9, 12));
  if (!statusLine.startsWith('HTTP/1.') || !Number.isInteger(status) || status < 100) {
    throw new Error(`bad Runtime API status line: ${JSON.stringify(statusLine)}`);
  }
  const headers = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) {
    throw new Error('chunked Runtime API responses are not supported');
  }
  const lengthText = headers.get('content-length');
  const length = lengthText === undefined ? (status === 204 || status === 304 ? 0 : -1) : Number(lengthText);
  if (!Number.isSafeInteger(length) || length < -1) throw new Error(`bad Content-Length: ${lengthText}`);
  const connection = headers.get('connection')?.toLowerCase();
  const closes =
    length < 0 ||
    connection === 'close' ||
    (statusLine.startsWith('HTTP/1.0') && connection !== 'keep-alive');
  return { status, headers, length, closes };
}
