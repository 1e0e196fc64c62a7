import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the runtime posted for one invocation. */
export interface PostedOutcome {
  kind: 'response' | 'error';
  body: string;
  /** `Lambda-Runtime-Function-Error-Type`, for errors. */
  errorType: string | undefined;
  contentType: string | undefined;
}

export interface PostedInitError {
  body: string;
  errorType: string | undefined;
}

export interface InvokeOptions {
  requestId?: string;
  deadlineMs?: number;
  clientContext?: string;
  cognitoIdentity?: string;
  traceId?: string;
  functionArn?: string;
  /** Raw event bytes instead of `JSON.stringify(event)`. */
  rawBody?: string;
}

interface QueuedEvent {
  body: string;
  headers: Record<string, string>;
}

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * A small Runtime API for the clients' tests, on node:http so the clients' requests are checked by a
 * real HTTP parser. Like Lambda's, it always answers with a Content-Length and keeps connections open.
 */
export class RuntimeApiStub {
  /** Every request line the runtime sent, in order. */
  readonly requestLines: string[] = [];
  /** Distinct client ports seen: one means one persistent connection. */
  readonly clientPorts = new Set<number>();
  private readonly server: http.Server;
  private readonly queue: QueuedEvent[] = [];
  private waitingNext: http.ServerResponse | undefined;
  private readonly outcomes = new Map<string, ReturnType<typeof deferred<PostedOutcome>>>();
  private readonly initErrorPosted = deferred<PostedInitError>();
  private readonly firstNext = deferred<void>();

  constructor() {
    this.server = http.createServer((request, response) => this.route(request, response));
    this.server.keepAliveTimeout = 0;
    this.server.requestTimeout = 0;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }

  /** Resolves when the runtime first asks for an event, i.e. once its init succeeded. */
  get ready(): Promise<void> {
    return this.firstNext.promise;
  }

  /** Resolves with the init error, if the runtime posts one. */
  get initError(): Promise<PostedInitError> {
    return this.initErrorPosted.promise;
  }

  /** Queues an event and resolves with what the runtime posts for it. */
  invoke(event: unknown, options: InvokeOptions = {}): Promise<PostedOutcome> {
    const requestId = options.requestId ?? randomUUID();
    const headers: Record<string, string> = {
      'Lambda-Runtime-Aws-Request-Id': requestId,
      'Lambda-Runtime-Deadline-Ms': String(options.deadlineMs ?? Date.now() + 30_000),
      'Lambda-Runtime-Invoked-Function-Arn':
        options.functionArn ?? 'arn:aws:lambda:us-east-1:123456789012:function:fixture-fn',
      'Lambda-Runtime-Trace-Id':
        options.traceId ?? `Root=1-00000000-${requestId.replaceAll('-', '').slice(0, 24)};Sampled=0`,
    };
    if (options.clientContext !== undefined) headers['Lambda-Runtime-Client-Context'] = options.clientContext;
    if (options.cognitoIdentity !== undefined)
      headers['Lambda-Runtime-Cognito-Identity'] = options.cognitoIdentity;
    const outcome = deferred<PostedOutcome>();
    this.outcomes.set(requestId, outcome);
    this.queue.push({ body: options.rawBody ?? JSON.stringify(event), headers });
    this.deliver();
    return outcome.promise;
  }

  private route(request: http.IncomingMessage, response: http.ServerResponse): void {
    this.requestLines.push(`${request.method} ${request.url} HTTP/${request.httpVersion}`);
    this.clientPorts.add(request.socket.remotePort ?? 0);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => this.handle(request, response, Buffer.concat(chunks).toString('utf8')));
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse, body: string): void {
    const url = request.url ?? '';
    const errorType = request.headers['lambda-runtime-function-error-type'] as string | undefined;
    if (request.method === 'GET' && url === '/2018-06-01/runtime/invocation/next') {
      this.waitingNext = response;
      this.firstNext.resolve();
      this.deliver();
      return;
    }
    if (request.method === 'POST' && url === '/2018-06-01/runtime/init/error') {
      this.initErrorPosted.resolve({ body, errorType });
      reply(response, 202, '{"status":"OK"}');
      return;
    }
    const match = /^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/.exec(url);
    const outcome = match && this.outcomes.get(decodeURIComponent(match[1] as string));
    if (request.method !== 'POST' || !match || !outcome) {
      reply(response, 400, '{"errorType":"InvalidRequestID","errorMessage":"Invalid request ID"}');
      return;
    }
    this.outcomes.delete(decodeURIComponent(match[1] as string));
    reply(response, 202, '{"status":"OK"}');
    outcome.resolve({
      kind: match[2] as 'response' | 'error',
      body,
      errorType,
      contentType: request.headers['content-type'],
    });
  }

  private deliver(): void {
    const response = this.waitingNext;
    const event = this.queue[0];
    if (!response || !event) return;
    this.queue.shift();
    this.waitingNext = undefined;
    reply(response, 200, event.body, event.headers);
  }
}

function reply(
  response: http.ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}
