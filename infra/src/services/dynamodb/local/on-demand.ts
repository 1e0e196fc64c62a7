import { ServiceError } from '../../../core/errors.js';
import { DynamoDbLocal } from './dynamodb-local.js';

/**
 * DynamoDB Local, started once: at boot when the stack has tables, else by the first DynamoDB
 * request. A stack without tables (most test stacks, a Lambda-only project) then never waits for
 * a JVM, and a machine without Java runs it as long as nobody calls DynamoDB.
 */
export class OnDemandDynamoDb {
  private starting: Promise<DynamoDbLocal> | undefined;

  constructor(private readonly dataDir: string) {}

  /** Starts DynamoDB Local unless it is starting or running; resolves to it. */
  start(): Promise<DynamoDbLocal> {
    this.starting ??= DynamoDbLocal.start({ dataDir: this.dataDir });
    return this.starting;
  }

  /** DynamoDB Local for a request: a failure to start becomes the service's 503, with the reason. */
  async forRequest(): Promise<DynamoDbLocal> {
    try {
      return await this.start();
    } catch (error) {
      this.starting = undefined;
      throw new ServiceError('ServiceUnavailableException', (error as Error).message, 503, { cause: error });
    }
  }

  async stop(): Promise<void> {
    const started = this.starting;
    this.starting = undefined;
    await started?.then((database) => database.stop()).catch(() => undefined);
  }
}
