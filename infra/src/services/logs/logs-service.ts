import type { Authorizer } from '../../core/auth/authorizer.js';
import type { ServiceError } from '../../core/errors.js';
import {
  jsonError,
  jsonResult,
  jsonSignatureError,
  readJsonOperation,
} from '../../core/protocols/aws-json.js';
import type { RequestHead, Service, ServiceRequest, ServiceResponse } from '../../core/service.js';
import type { SignatureError } from '../../core/sigv4/verify.js';
import { handleLogsOperation } from './api.js';
import type { LogStore } from './store/store.js';

const TARGET_PREFIX = 'Logs_20140328';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** CloudWatch Logs (awsJson1_1) over the local cloud's endpoint. */
export class LogsService implements Service {
  readonly signingName = 'logs';
  readonly maxBodyBytes = 1_048_576 + 1024;

  constructor(
    private readonly store: LogStore,
    private readonly where: { region: string; accountId: string },
    /** Decides role sessions' requests by IAM; absent, nothing is checked. */
    private readonly authorizer?: Authorizer,
  ) {}

  /**
   * What a Logs action acts on, as IAM names it: the log group (`…:log-group:<name>:*`, which covers
   * its streams), or `*` for operations across groups.
   */
  private resourceOf(input: Record<string, unknown>): string {
    const group = input.logGroupName ?? input.logGroupIdentifier;
    if (typeof group !== 'string' || group === '') return '*';
    if (group.startsWith('arn:')) return group;
    return `arn:aws:logs:${this.where.region}:${this.where.accountId}:log-group:${group}:*`;
  }

  claims(head: RequestHead): boolean {
    const target = head.headers['x-amz-target'];
    return typeof target === 'string' && target.startsWith(`${TARGET_PREFIX}.`);
  }

  signatureError(error: SignatureError): ServiceError {
    return jsonSignatureError(error);
  }

  renderError(error: ServiceError, requestId: string): ServiceResponse {
    return jsonError(error, requestId, CONTENT_TYPE);
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    const { operation, input } = readJsonOperation(request, TARGET_PREFIX);
    this.authorizer?.authorize(request.caller, `logs:${operation}`, this.resourceOf(input));
    const output = await handleLogsOperation(this.store, operation, input, this.where);
    return jsonResult(output, request.requestId, CONTENT_TYPE);
  }
}
