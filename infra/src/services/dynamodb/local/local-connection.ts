import http from 'node:http';
import { ServiceError } from '../../../core/errors.js';
import { localAuthorization } from './private-database.js';

export interface LocalAnswer {
  status: number;
  contentType: string | undefined;
  crc32: string | undefined;
  body: Buffer;
}

/** A running DynamoDB Local (`DynamoDbLocal`): where it listens, and the key ID of our database. */
export interface LocalDatabase {
  readonly endpoint: string;
  readonly accessKeyId: string;
}

/**
 * Kept-alive HTTP connections to DynamoDB Local: every database call of the stack goes through
 * here, so no request pays for a TCP handshake.
 */
export class LocalConnection {
  private readonly agent = new http.Agent({
    keepAlive: true,
    // Idle sockets are closed before Jetty's idle timeout (30 s) can close them under a request.
    timeout: 20_000,
    scheduling: 'lifo',
  });
  private address: { host: string; port: number; authorization: string } | undefined;

  /** `database` may be a function: DynamoDB Local is then started by the first request. */
  constructor(private readonly database: LocalDatabase | (() => Promise<LocalDatabase>)) {}

  /** Sends one awsJson request; a stale kept-alive socket reset before it was answered is retried once. */
  async send(target: string, contentType: string, body: Buffer): Promise<LocalAnswer> {
    this.address ??= await this.resolve();
    try {
      return await this.attempt(this.address, target, contentType, body);
    } catch (error) {
      if ((error as StaleSocketError).staleSocket)
        return this.attempt(this.address, target, contentType, body);
      throw error;
    }
  }

  private async resolve(): Promise<{ host: string; port: number; authorization: string }> {
    const database = typeof this.database === 'function' ? await this.database() : this.database;
    const url = new URL(database.endpoint);
    return {
      host: url.hostname,
      port: Number(url.port || 80),
      authorization: localAuthorization(database.accessKeyId),
    };
  }

  close(): void {
    this.agent.destroy();
  }

  private attempt(
    address: { host: string; port: number; authorization: string },
    target: string,
    contentType: string,
    body: Buffer,
  ): Promise<LocalAnswer> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: address.host,
          port: address.port,
          method: 'POST',
          path: '/',
          headers: {
            'content-type': contentType,
            'content-length': body.length,
            'x-amz-target': target,
            authorization: address.authorization,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => reject(unreachable(error)));
          response.on('end', () => {
            const crc32 = response.headers['x-amz-crc32'];
            resolve({
              status: response.statusCode ?? 500,
              contentType: response.headers['content-type'],
              crc32: typeof crc32 === 'string' ? crc32 : undefined,
              body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
            });
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        // Node's advice for kept-alive sockets: the server may close one just as it is reused.
        if (request.reusedSocket && error.code === 'ECONNRESET') {
          reject(Object.assign(error, { staleSocket: true }));
        } else reject(unreachable(error));
      });
      request.end(body);
    });
  }
}

interface StaleSocketError extends Error {
  staleSocket?: boolean;
}

function unreachable(error: Error): ServiceError {
  return new ServiceError('InternalServerError', `DynamoDB Local did not answer: ${error.message}`, 500, {
    cause: error,
  });
}
