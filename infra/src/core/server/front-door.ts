import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ANONYMOUS, type Caller, type CredentialStore } from '../auth/caller.js';
import { ServiceError } from '../errors.js';
import type { RequestHead, Service, ServiceRequest, ServiceResponse } from '../service.js';
import { readSignature, SignatureError, verifySignature } from '../sigv4/verify.js';
import { ContinueGate } from './continue-gate.js';
import { corsHeaders, isPreflight, preflightResponse } from './cors.js';

export interface FrontDoorOptions {
  host: string;
  port: number;
  services: Service[];
  credentials: CredentialStore;
  /** Requests must be signed for this region, as each regional AWS endpoint requires. */
  region: string;
}

/**
 * The local cloud's one HTTP endpoint. It routes each request to a service by the signing name in its
 * SigV4 credential scope (or, unsigned, by what the service claims), reads the body within the
 * service's limit, verifies the signature, and renders errors the way that service does.
 */
export class FrontDoor {
  private readonly server: http.Server;
  private readonly bySigningName = new Map<string, Service>();

  constructor(private readonly options: FrontDoorOptions) {
    for (const service of options.services) this.bySigningName.set(service.signingName, service);
    this.server = http.createServer({ keepAliveTimeout: 65_000, requestTimeout: 0 }, (req, res) =>
      this.serve(req, res, false),
    );
    // Without this listener Node would send `100 Continue` at once, before anything was checked.
    this.server.on('checkContinue', (req, res) => this.serve(req, res, true));
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse, expectsContinue: boolean): void {
    this.handle(req, res, new ContinueGate(req, res, expectsContinue)).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain', connection: 'close' });
        res.end(`internal error: ${String(error)}`);
      } else res.destroy();
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    return `http://${this.options.host}:${port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    gate: ContinueGate,
  ): Promise<void> {
    const requestId = randomUUID();
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const head: RequestHead = {
      method: req.method ?? 'GET',
      rawPath: queryAt < 0 ? url : url.slice(0, queryAt),
      headers: req.headers,
    };
    const rawQuery = queryAt < 0 ? '' : url.slice(queryAt + 1);
    const origin = req.headers.origin;

    if (isPreflight(head)) {
      const owner = this.options.services.find((service) => service.cors?.claimsPreflight(head));
      if (owner?.cors) return send(res, await owner.cors.preflight(head, requestId), undefined, head.method);
      return send(res, preflightResponse(head), origin ? corsHeaders(origin) : undefined, head.method);
    }

    let signature: ReturnType<typeof readSignature>;
    let service: Service | undefined;
    try {
      signature = readSignature({ ...head, rawQuery });
      service = signature ? this.bySigningName.get(signature.service) : this.claimant(head);
    } catch (error) {
      service = this.claimant(head);
      if (!service || !(error instanceof SignatureError)) {
        return send(
          res,
          unknownService(requestId, this.bySigningName.keys()),
          origin ? corsHeaders(origin) : undefined,
          head.method,
        );
      }
      const response = service.renderError(service.signatureError(error), requestId);
      return this.respond(req, res, service, head, response, gate);
    }
    if (!service)
      return send(
        res,
        unknownService(requestId, this.bySigningName.keys()),
        origin ? corsHeaders(origin) : undefined,
        head.method,
      );

    if (!service.streamsBody) gate.open();
    const { body, tooLarge } = service.streamsBody
      ? { body: EMPTY_BODY, tooLarge: false }
      : await readBody(req, service.maxBodyBytes);
    const request: ServiceRequest = {
      requestId,
      method: head.method,
      rawPath: head.rawPath,
      rawQuery,
      query: new URLSearchParams(rawQuery),
      headers: req.headers,
      body,
      bodyTooLarge: tooLarge,
      caller: ANONYMOUS,
    };
    if (service.streamsBody) request.bodyStream = gate.body();
    let response: ServiceResponse;
    try {
      this.authenticate(service, request, signature !== undefined);
      response = await service.handle(request);
    } catch (error) {
      const serviceError =
        error instanceof ServiceError
          ? error
          : error instanceof SignatureError
            ? service.signatureError(error)
            : new ServiceError(
                'ServiceException',
                `internal error: ${(error as Error)?.message ?? error}`,
                500,
                { cause: error },
              );
      if (serviceError.status >= 500)
        console.error(`[local-cloud] ${service.signingName} ${head.method} ${head.rawPath}:`, error);
      response = service.renderError(serviceError, requestId);
    }
    await this.respond(req, res, service, head, response, gate);
  }

  /** Sends a service's response with the CORS headers its rules give, and drains a body it left unread. */
  private async respond(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    service: Service,
    head: RequestHead,
    response: ServiceResponse,
    gate: ContinueGate,
  ): Promise<void> {
    const origin = head.headers.origin;
    const cors = origin
      ? service.cors
        ? await service.cors.responseHeaders(head, origin)
        : corsHeaders(origin)
      : undefined;
    if (!req.complete) {
      // The client never sent the body it announced: the connection cannot carry another request.
      if (gate.withheld) response = { ...response, headers: { ...response.headers, connection: 'close' } };
      // An error answered while the upload was on its way: read the rest, so the client, still
      // sending, gets the error instead of a reset connection.
      else req.resume();
    }
    send(res, response, cors, head.method);
  }

  /** Verifies the signature (body hash included, unless the service streams the body) and records who the caller is. */
  private authenticate(service: Service, request: ServiceRequest, isSigned: boolean): void {
    if (!isSigned) {
      if (service.allowsUnsigned?.(request)) return;
      throw new SignatureError('missing', 'Missing Authentication Token');
    }
    if (request.bodyTooLarge) {
      request.caller = this.claimedCaller(request);
      return;
    }
    let caller: Caller | undefined;
    const signed = {
      method: request.method,
      rawPath: request.rawPath,
      rawQuery: request.rawQuery,
      headers: request.headers,
      body: request.bodyStream ? undefined : request.body,
    };
    const lookup = (accessKeyId: string) => {
      const found = this.options.credentials.lookup(accessKeyId);
      caller = found?.caller;
      return found;
    };
    request.signature = verifySignature(signed, lookup, Date.now(), { region: this.options.region });
    request.caller = caller as Caller;
  }

  /**
   * A body too large to buffer cannot be hashed; such a request only ever gets the service's "too
   * large" error, so it is enough to know whose key it claims to be.
   */
  private claimedCaller(request: ServiceRequest): Caller {
    const info = readSignature(request);
    const found = info && this.options.credentials.lookup(info.accessKeyId);
    if (!found) throw new SignatureError('unknown-key');
    return found.caller;
  }

  private claimant(head: RequestHead): Service | undefined {
    return this.options.services.find((service) => service.claims(head));
  }
}

function send(
  res: http.ServerResponse,
  response: ServiceResponse,
  cors: Record<string, string> | undefined,
  method: string,
): void {
  const headers: Record<string, string | number> = { ...response.headers };
  if (cors) Object.assign(headers, cors);
  const body = response.body ?? '';
  if (body instanceof Readable) {
    res.writeHead(response.status, headers);
    if (method === 'HEAD') {
      body.destroy();
      res.end();
      return;
    }
    pipeline(body, res).catch(() => res.destroy());
    return;
  }
  // HEAD answers carry the length of what GET would return; Node sends no body for them.
  headers['content-length'] ??= Buffer.byteLength(body);
  res.writeHead(response.status, headers);
  res.end(body);
}

const EMPTY_BODY = Buffer.alloc(0);

function unknownService(requestId: string, signingNames: Iterable<string>): ServiceResponse {
  return {
    status: 400,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': 'UnknownServiceException',
    },
    body: JSON.stringify({
      message: `The local cloud does not serve this request: sign it for a supported service (${[...signingNames].join(', ')}).`,
    }),
  };
}

/** Buffers the body up to `limit` bytes; past it, drains the rest without keeping it. */
function readBody(req: http.IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      req.on('end', () => resolve({ body: Buffer.alloc(0), tooLarge: true }));
      req.on('error', reject);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve({
        body: tooLarge
          ? Buffer.alloc(0)
          : chunks.length === 1
            ? (chunks[0] as Buffer)
            : Buffer.concat(chunks),
        tooLarge,
      }),
    );
    req.on('error', reject);
  });
}
