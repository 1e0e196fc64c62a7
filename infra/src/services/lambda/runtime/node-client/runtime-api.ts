import type { RapidError } from './errors.js';
import type { RuntimeResponse } from './http-response.js';
import { RuntimeConnection } from './runtime-connection.js';

const BASE = '/2018-06-01/runtime';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';

/** A posted outcome and, pipelined behind it, the request for the next event. */
export interface PostThenNext {
  posted: Promise<RuntimeResponse>;
  next: Promise<RuntimeResponse>;
}

/** The Runtime API calls a Node execution environment makes, as plain HTTP/1.1 requests. */
export class RuntimeApi {
  private readonly connection: RuntimeConnection;
  private readonly target: import('node:net').NetConnectOpts;
  private readonly commonHeaders: string;
  private readonly nextRequest: string;
  /** The last outcome posted, so a dying process can let it land before exiting. */
  lastPost: Promise<unknown> = Promise.resolve();

  /**
   * @param address `host:port` from `AWS_LAMBDA_RUNTIME_API`.
   * @param socketPath the same API on a Unix socket, when the local cloud offers one: it costs less
   *   per request than loopback TCP. Custom runtimes (curl) keep using `host:port`.
   */
  constructor(address: string, socketPath?: string) {
    const colon = address.lastIndexOf(':');
    const port = Number(address.slice(colon + 1));
    if (colon <= 0 || !Number.isInteger(port)) throw new Error(`bad AWS_LAMBDA_RUNTIME_API: '${address}'`);
    this.target = socketPath ? { path: socketPath } : { host: address.slice(0, colon), port };
    this.connection = new RuntimeConnection(this.target);
    this.commonHeaders = `Host: ${address}\r\nUser-Agent: aws-lambda-nodejs/${process.version}-lambdagram\r\n`;
    // The hot loop's most frequent request never changes: build it once.
    this.nextRequest = `GET ${BASE}/invocation/next HTTP/1.1\r\n${this.commonHeaders}\r\n`;
  }

  /** Waits for the next event (the caller checks for status 200). */
  next(): Promise<RuntimeResponse> {
    return (this.connection.send(this.nextRequest) as [Promise<RuntimeResponse>])[0];
  }

  /**
   * Posts an invocation's result (already JSON) and asks for the next event in the same write:
   * one syscall and one server wake-up fewer per invocation than waiting for the 202 first.
   */
  postResponseThenNext(requestId: string, json: string): PostThenNext {
    return this.postThenNext(
      this.post(`${BASE}/invocation/${encodeURIComponent(requestId)}/response`, json, ''),
    );
  }

  /** Posts an invocation's error and asks for the next event in the same write. */
  postErrorThenNext(requestId: string, error: RapidError): PostThenNext {
    return this.postThenNext(
      this.errorPost(`${BASE}/invocation/${encodeURIComponent(requestId)}/error`, error),
    );
  }

  /** Posts an invocation's error when the process is about to exit. */
  postFatalError(requestId: string, error: RapidError): Promise<RuntimeResponse> {
    return this.postAlone(this.errorPost(`${BASE}/invocation/${encodeURIComponent(requestId)}/error`, error));
  }

  /** Posts an initialisation error; the process exits right after. */
  postInitError(error: RapidError): Promise<RuntimeResponse> {
    return this.postAlone(this.errorPost(`${BASE}/init/error`, error));
  }

  private postThenNext(post: string): PostThenNext {
    const [posted, next] = this.connection.send(post, this.nextRequest) as [
      Promise<RuntimeResponse>,
      Promise<RuntimeResponse>,
    ];
    this.lastPost = posted.catch(() => undefined);
    return { posted, next };
  }

  /**
   * On a connection of its own: a `next` may be waiting on the main one, and a request queued
   * behind it would not be answered until an event arrives.
   */
  private postAlone(post: string): Promise<RuntimeResponse> {
    const [posted] = new RuntimeConnection(this.target).send(post) as [Promise<RuntimeResponse>];
    this.lastPost = posted.catch(() => undefined);
    return posted;
  }

  private errorPost(path: string, error: RapidError): string {
    // Header values cannot hold line breaks; an errorType with one would split the request.
    const type = String(error.errorType).replace(/[\r\n]/g, ' ');
    return this.post(path, JSON.stringify(error), `${ERROR_TYPE_HEADER}: ${type}\r\n`);
  }

  private post(path: string, body: string, extraHeaders: string): string {
    return (
      `POST ${path} HTTP/1.1\r\n${this.commonHeaders}Content-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n${extraHeaders}\r\n${body}`
    );
  }
}
