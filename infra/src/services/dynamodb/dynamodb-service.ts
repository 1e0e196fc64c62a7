import { crc32 } from 'node:zlib';
import type { Authorizer } from '../../core/auth/authorizer.js';
import { ServiceError } from '../../core/errors.js';
import { jsonError } from '../../core/protocols/aws-json.js';
import type { RequestHead, Service, ServiceRequest, ServiceResponse } from '../../core/service.js';
import { jsonSignatureFault, type SignatureError } from '../../core/sigv4/verify.js';
import { LOCAL_ARN_PREFIX, publicArnPrefix, tableNameOfArn, toLocalArns, toPublicArns } from './arns.js';
import { leadingKeysOf } from './leading-keys.js';
import { type LocalAnswer, LocalConnection, type LocalDatabase } from './local/local-connection.js';
import { type DynamoDbPermission, permissionsFor } from './permissions.js';
import { awsStreamRecords } from './stream-records.js';
import { mayWrite, tablesWritten } from './table-writes.js';

/** DynamoDB's and DynamoDB Streams' X-Amz-Target prefixes; both are signed as `dynamodb`. */
export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810.';
export const STREAMS_TARGET_PREFIX = 'DynamoDBStreams_20120810.';
const GET_RECORDS = `${STREAMS_TARGET_PREFIX}GetRecords`;
const CONTENT_TYPE = 'application/x-amz-json-1.0';

export interface DynamoDbServiceOptions {
  /** DynamoDB Local (a `DynamoDbLocal`), or how to start it when first needed. */
  database: LocalDatabase | (() => Promise<LocalDatabase>);
  /** The stack's region and account: the ARNs clients see are theirs. */
  region: string;
  accountId: string;
  /** Decides role sessions' requests by IAM (root is allowed); absent, nothing is checked. */
  authorizer?: Authorizer;
}

/** Told the name of each table a request has just written to. */
export type TableWriteListener = (tableName: string) => void;

/**
 * DynamoDB and DynamoDB Streams (awsJson 1.0) over the local cloud's endpoint: the front door checks
 * the signature, DynamoDB Local does the work. Requests and answers pass through unchanged but for
 * ARNs (DynamoDB Local's `ddblocal` ones are shown as the stack's) and stream records (made to read
 * as AWS's). DynamoDB Local's own errors already carry AWS's `__type` and pass through as they are.
 */
export class DynamoDbService implements Service {
  readonly signingName = 'dynamodb';
  // BatchWriteItem takes up to 16 MB; the rest is room for the JSON around the items.
  readonly maxBodyBytes = 17 * 1024 * 1024;
  private readonly connection: LocalConnection;
  private readonly publicPrefix: string;
  private readonly listeners = new Set<TableWriteListener>();
  /** Partition key names by table; forgotten when a table is deleted (a new one may key differently). */
  private readonly partitionKeys = new Map<string, string>();

  constructor(private readonly options: DynamoDbServiceOptions) {
    this.connection = new LocalConnection(options.database);
    this.publicPrefix = publicArnPrefix(options.region, options.accountId);
  }

  /**
   * Calls `listener` with each table a successful write (PutItem, UpdateItem, DeleteItem, batches,
   * transactions, PartiQL writes) went to, once DynamoDB Local has answered: the stream poller uses
   * it to read at once instead of at its next poll. Returns the way to unsubscribe.
   */
  onTableWrite(listener: TableWriteListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the kept-alive connections to DynamoDB Local. */
  close(): void {
    this.connection.close();
  }

  claims(head: RequestHead): boolean {
    const target = head.headers['x-amz-target'];
    return typeof target === 'string' && isDynamoDbTarget(target);
  }

  signatureError(error: SignatureError): ServiceError {
    // DynamoDB answers a refused signature with 400, not the 403 of other JSON services.
    const fault = jsonSignatureFault(error);
    return new ServiceError(fault.code, fault.message, 400);
  }

  renderError(error: ServiceError, requestId: string): ServiceResponse {
    return jsonError(error, requestId, CONTENT_TYPE);
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string' || !isDynamoDbTarget(target)) {
      throw new ServiceError('UnknownOperationException', 'An unknown operation was requested.', 400);
    }
    if (request.bodyTooLarge) {
      // DynamoDB's HTTP 413 for an oversized request (unverified: AWS does not document the wording).
      throw new ServiceError('RequestEntityTooLarge', 'Request payload size exceeds the limit.', 413);
    }
    await this.authorize(request, target);
    const contentType = request.headers['content-type'] ?? CONTENT_TYPE;
    const answer = await this.connection.send(target, contentType, this.localBody(request.body));
    const body = this.publicBody(target, answer);
    if (answer.status === 200 && this.listeners.size > 0) this.announceWrites(target, request.body);
    if (answer.status === 200 && target === `${DYNAMODB_TARGET_PREFIX}DeleteTable`)
      this.forgetTable(request.body);

    const headers: Record<string, string> = {
      'content-type': answer.contentType ?? CONTENT_TYPE,
      // The front door's id, so that our logs and the client's error name the same request.
      'x-amzn-requestid': request.requestId,
    };
    if (answer.crc32 !== undefined) {
      headers['x-amz-crc32'] = body === answer.body ? answer.crc32 : String(crc32(body));
    }
    return { status: answer.status, headers, body };
  }

  /** IAM: every table, index or stream the request names must be allowed to the caller. */
  private async authorize(request: ServiceRequest, target: string): Promise<void> {
    const { authorizer, region, accountId } = this.options;
    if (!authorizer || request.caller.kind === 'root') return;
    const operation = target.slice(target.indexOf('.') + 1);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return; // DynamoDB Local answers the malformed body with its own SerializationException.
    }
    for (const permission of permissionsFor(operation, input, region, accountId)) {
      const context = await this.leadingKeysContext(permission);
      const denial = authorizer.check(request.caller, permission.action, permission.resource, context);
      if (denial !== undefined) throw new ServiceError('AccessDeniedException', denial, 400);
    }
  }

  /** `dynamodb:LeadingKeys` of an item request on a table, its partition key read from the table. */
  private async leadingKeysContext(
    permission: DynamoDbPermission,
  ): Promise<Record<string, string[]> | undefined> {
    if (!permission.items && !permission.query) return undefined;
    const tableName = tableNameOfArn(permission.resource);
    if (!tableName || permission.resource.includes('/index/')) return undefined;
    const partitionKey = await this.partitionKeyOf(tableName);
    const keys = partitionKey === undefined ? undefined : leadingKeysOf(permission, partitionKey);
    return keys === undefined ? undefined : { 'dynamodb:LeadingKeys': keys };
  }

  private forgetTable(body: Buffer): void {
    try {
      const name = String((JSON.parse(body.toString('utf8')) as { TableName?: unknown }).TableName ?? '');
      this.partitionKeys.delete(name.startsWith('arn:') ? (tableNameOfArn(name) ?? name) : name);
    } catch {
      // Nothing was cached for a request that does not parse.
    }
  }

  /** Each table's partition key, asked of DynamoDB Local once (tables keep their key schema for life). */
  private async partitionKeyOf(tableName: string): Promise<string | undefined> {
    const known = this.partitionKeys.get(tableName);
    if (known) return known;
    const answer = await this.connection.send(
      `${DYNAMODB_TARGET_PREFIX}DescribeTable`,
      CONTENT_TYPE,
      Buffer.from(JSON.stringify({ TableName: tableName })),
    );
    if (answer.status !== 200) return undefined;
    const schema = (
      JSON.parse(answer.body.toString('utf8')) as {
        Table?: { KeySchema?: Array<{ AttributeName: string; KeyType: string }> };
      }
    ).Table?.KeySchema;
    const partitionKey = schema?.find((key) => key.KeyType === 'HASH')?.AttributeName;
    if (partitionKey) this.partitionKeys.set(tableName, partitionKey);
    return partitionKey;
  }

  /** The request body with the stack's ARNs as DynamoDB Local knows them; the same buffer if it has none. */
  private localBody(body: Buffer): Buffer {
    // Searched in the bytes: most requests name no ARN and are never decoded.
    if (!body.includes(this.publicPrefix)) return body;
    const { region, accountId } = this.options;
    return Buffer.from(toLocalArns(body.toString('utf8'), region, accountId), 'utf8');
  }

  /** DynamoDB Local's answer as AWS would word it; the same buffer when nothing had to change. */
  private publicBody(target: string, answer: LocalAnswer): Buffer {
    const { region, accountId } = this.options;
    if (answer.status === 200 && target === GET_RECORDS) {
      const records = awsStreamRecords(answer.body.toString('utf8'), region);
      return Buffer.from(toPublicArns(records, region, accountId), 'utf8');
    }
    if (!answer.body.includes(LOCAL_ARN_PREFIX)) return answer.body;
    return Buffer.from(toPublicArns(answer.body.toString('utf8'), region, accountId), 'utf8');
  }

  /**
   * Tells the listeners, right after this answer is sent: reading the tables out of the request
   * (a 16 MB batch, say) then adds nothing to the caller's wait.
   */
  private announceWrites(target: string, body: Buffer): void {
    if (!target.startsWith(DYNAMODB_TARGET_PREFIX)) return;
    const operation = target.slice(DYNAMODB_TARGET_PREFIX.length);
    if (mayWrite(operation)) setImmediate(() => this.tellListeners(operation, body));
  }

  private tellListeners(operation: string, body: Buffer): void {
    let tables: string[];
    try {
      tables = tablesWritten(operation, JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    } catch {
      return;
    }
    for (const table of tables) {
      for (const listener of this.listeners) {
        try {
          listener(table);
        } catch (error) {
          console.error(`[local-cloud] dynamodb: a table-write listener failed for ${table}:`, error);
        }
      }
    }
  }
}

function isDynamoDbTarget(target: string): boolean {
  return target.startsWith(DYNAMODB_TARGET_PREFIX) || target.startsWith(STREAMS_TARGET_PREFIX);
}
