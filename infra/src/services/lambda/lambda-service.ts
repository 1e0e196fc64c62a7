import path from 'node:path';
import type { Authorizer } from '../../core/auth/authorizer.js';
import type { ServiceError } from '../../core/errors.js';
import { jsonSignatureError, restJsonError } from '../../core/protocols/aws-json.js';
import type { RequestHead, Service, ServiceRequest, ServiceResponse } from '../../core/service.js';
import type { SignatureError } from '../../core/sigv4/verify.js';
import type { FunctionDefinition } from '../../stack/types.js';
import { AsyncInvocations } from './async-invocations.js';
import {
  invalidRequestContent,
  resourceNotFound,
  tooManyRequests,
  unknownOperation,
  validationError,
} from './errors.js';
import { functionConfiguration, functionDetails, type ServiceLocation } from './function-configuration.js';
import { functionArn, parseFunctionReference } from './function-names.js';
import { MAX_SYNC_PAYLOAD_BYTES, readInvokeOptions, readPayload } from './invoke-request.js';
import type { Deployments, FunctionState } from './packaging/deployments.js';
import type { EnvironmentPool } from './runtime/environment-pool.js';
import { type InvocationOutcome, runtimeErrorPayload } from './runtime/invocation.js';

export interface LambdaServiceOptions {
  where: ServiceLocation;
  deployments: Deployments;
  pool: EnvironmentPool;
  authorizer: Authorizer;
  stateDir: string;
  retryDelayScale: number;
}

/** The event source mappings as the Lambda API shows them (see `events/`); plain JSON in and out. */
export interface EventSourceMappingApi {
  list(filter: {
    functionName?: string;
    eventSourceArn?: string;
    marker?: string;
    maxItems?: number;
  }): unknown;
  get(uuid: string): unknown;
  update(uuid: string, patch: Record<string, unknown>): Promise<unknown>;
}

/** How an internal caller (an event source mapping) sees a synchronous invocation. */
export type InternalInvokeResult = InvocationOutcome | 'throttled' | 'missing';

const API_PREFIX = '/2015-03-31/functions';
const MAPPINGS_PREFIX = '/2015-03-31/event-source-mappings';
/** Where GetFunction's `Code.Location` points (see function-configuration.ts). */
const CODE_ROUTE = '/_local/lambda/functions/';
const MAX_PAGE = 50;

/**
 * The Lambda API (restJson1): Invoke in its three invocation types, ListFunctions, GetFunction and
 * GetFunctionConfiguration, answered with the status codes, headers and error bodies of the real service.
 */
export class LambdaService implements Service {
  readonly signingName = 'lambda';
  // A little over the sync limit, so that a too-large payload is measured and refused with Lambda's 413.
  readonly maxBodyBytes = MAX_SYNC_PAYLOAD_BYTES + 1;
  readonly async: AsyncInvocations;
  /** Set by the composition root once the pollers exist. */
  eventSourceMappings?: EventSourceMappingApi;

  constructor(private readonly options: LambdaServiceOptions) {
    this.async = new AsyncInvocations(
      path.join(options.stateDir, 'lambda', 'async-events.journal'),
      {
        find: (name) => this.options.deployments.get(name)?.deployment.fn,
        run: (fn, event) => this.runQueued(fn, event.id, Buffer.from(event.payload)),
      },
      {
        region: options.where.region,
        accountId: options.where.accountId,
        retryDelayScale: options.retryDelayScale,
      },
    );
  }

  claims(head: RequestHead): boolean {
    return head.rawPath.startsWith('/2015-03-31/') || head.rawPath.startsWith(CODE_ROUTE);
  }

  /** The code package URL stands in for the presigned S3 URL GetFunction returns: no signature needed. */
  allowsUnsigned(head: RequestHead): boolean {
    return head.method === 'GET' && head.rawPath.startsWith(CODE_ROUTE);
  }

  signatureError(error: SignatureError): ServiceError {
    return jsonSignatureError(error);
  }

  renderError(error: ServiceError, requestId: string): ServiceResponse {
    return restJsonError(error, requestId, {
      Type: error.senderFault ? 'User' : 'Service',
      Message: error.message,
      ...error.fields,
    });
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    const { method, rawPath } = request;
    if (method === 'GET' && rawPath.startsWith(CODE_ROUTE)) return this.codePackage(request);
    if (rawPath.startsWith(MAPPINGS_PREFIX)) return this.eventSourceMappingOperation(request);
    if (!rawPath.startsWith(API_PREFIX)) throw unknownOperation();
    const rest = rawPath.slice(API_PREFIX.length);
    if (method === 'GET' && (rest === '' || rest === '/')) return this.listFunctions(request);
    const match = /^\/([^/]+)(\/invocations|\/configuration)?\/?$/.exec(rest);
    if (!match) throw unknownOperation();
    const name = decodeURIComponent(match[1] as string);
    const operation = match[2];
    if (method === 'POST' && operation === '/invocations') return this.invoke(request, name);
    if (method === 'GET' && operation === '/configuration')
      return this.getFunction(request, name, 'configuration');
    if (method === 'GET' && operation === undefined) return this.getFunction(request, name, 'details');
    throw unknownOperation();
  }

  private async invoke(request: ServiceRequest, rawName: string): Promise<ServiceResponse> {
    const { where, authorizer } = this.options;
    const reference = parseFunctionReference(rawName, request.query.get('Qualifier') ?? undefined, where);
    const state = this.options.deployments.get(reference.name);
    const arn = functionArn(reference.name, where, reference.qualifier);
    if (!state || reference.qualifier !== '$LATEST') throw resourceNotFound(`Function not found: ${arn}`);
    authorizer.authorize(request.caller, 'lambda:InvokeFunction', functionArn(reference.name, where));
    const options = readInvokeOptions(request.headers);
    const payload = readPayload(request.body, request.bodyTooLarge, options.invocationType);
    const headers: Record<string, string> = { 'x-amzn-requestid': request.requestId };

    if (options.invocationType === 'DryRun') return { status: 204, headers };
    if (options.invocationType === 'Event') {
      await this.async.accept(reference.name, payload, request.requestId);
      return { status: 202, headers };
    }

    const fn = state.deployment.fn;
    const refusal = this.options.pool.reserve(fn);
    if (refusal) {
      throw tooManyRequests(
        refusal === 'reserved'
          ? 'ReservedFunctionConcurrentInvocationLimitExceeded'
          : 'ConcurrentInvocationLimitExceeded',
      );
    }
    let outcome: InvocationOutcome;
    try {
      outcome = await this.execute(state, {
        requestId: request.requestId,
        payload,
        invokedFunctionArn: rawName.startsWith('arn:') ? rawName : functionArn(reference.name, where),
        clientContext: options.clientContext,
        cognitoIdentity: request.caller.cognitoIdentity,
        tailLogs: options.tailLogs,
      });
    } finally {
      this.options.pool.release(fn);
    }
    headers['content-type'] = 'application/json';
    headers['x-amz-executed-version'] = '$LATEST';
    if (outcome.functionError) headers['x-amz-function-error'] = outcome.functionError;
    if (outcome.logText !== undefined)
      headers['x-amz-log-result'] = Buffer.from(outcome.logText).toString('base64');
    return { status: 200, headers, body: outcome.payload };
  }

  /** Runs an invocation, unless the function's latest build is broken: that fails like bad code does on Lambda. */
  private execute(
    state: FunctionState,
    input: Parameters<EnvironmentPool['invoke']>[1],
  ): Promise<InvocationOutcome> {
    if (state.buildFailure) {
      const payload = runtimeErrorPayload('Runtime.UserCodeSyntaxError', state.buildFailure.message);
      return Promise.resolve({
        requestId: input.requestId,
        payload,
        functionError: 'Unhandled',
        errorType: 'Runtime.UserCodeSyntaxError',
        report: {
          durationMs: 0,
          billedDurationMs: 0,
          memorySizeMb: state.deployment.fn.memorySize,
          maxMemoryUsedMb: 0,
        },
      });
    }
    return this.options.pool.invoke(state.deployment, input);
  }

  /**
   * ListEventSourceMappings, GetEventSourceMapping and UpdateEventSourceMapping. Mappings come from
   * the template, so creating and deleting them at run time is left to the template.
   */
  private async eventSourceMappingOperation(request: ServiceRequest): Promise<ServiceResponse> {
    const mappings = this.eventSourceMappings;
    const rest = request.rawPath.slice(MAPPINGS_PREFIX.length);
    const uuid = /^\/([^/]+)\/?$/.exec(rest)?.[1];
    if (!mappings) throw unknownOperation();
    if (request.method === 'GET' && (rest === '' || rest === '/')) {
      this.options.authorizer.authorize(request.caller, 'lambda:ListEventSourceMappings', '*');
      const maxItems = request.query.get('MaxItems');
      const body = mappings.list({
        functionName: request.query.get('FunctionName') ?? undefined,
        eventSourceArn: request.query.get('EventSourceArn') ?? undefined,
        marker: request.query.get('Marker') ?? undefined,
        maxItems: maxItems === null ? undefined : readMaxItems(maxItems),
      });
      return json(200, body, request.requestId);
    }
    if (uuid === undefined) throw unknownOperation();
    const id = decodeURIComponent(uuid);
    const arn = `arn:aws:lambda:${this.options.where.region}:${this.options.where.accountId}:event-source-mapping:${id}`;
    if (request.method === 'GET') {
      this.options.authorizer.authorize(request.caller, 'lambda:GetEventSourceMapping', arn);
      return json(200, mappings.get(id), request.requestId);
    }
    if (request.method === 'PUT') {
      this.options.authorizer.authorize(request.caller, 'lambda:UpdateEventSourceMapping', arn);
      let patch: unknown;
      try {
        patch = JSON.parse(request.body.toString('utf8') || '{}');
      } catch (error) {
        throw invalidRequestContent(`Could not parse request body into json: ${(error as Error).message}`);
      }
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        throw invalidRequestContent('Could not parse request body into json: expected an object');
      }
      return json(202, await mappings.update(id, patch as Record<string, unknown>), request.requestId);
    }
    throw unknownOperation();
  }

  /** A synchronous invocation for the local cloud's own pollers: no signature, no HTTP, same environments. */
  async invokeInternally(
    functionName: string,
    payload: Buffer,
    requestId: string,
  ): Promise<InternalInvokeResult> {
    const state = this.options.deployments.get(functionName);
    if (!state) return 'missing';
    const fn = state.deployment.fn;
    if (this.options.pool.reserve(fn)) return 'throttled';
    try {
      return await this.execute(state, {
        requestId,
        payload,
        invokedFunctionArn: functionArn(fn.functionName, this.options.where),
        tailLogs: false,
      });
    } finally {
      this.options.pool.release(fn);
    }
  }

  /** One queued event, run when a concurrency slot is free (a throttle is retried by the queue). */
  private async runQueued(
    fn: FunctionDefinition,
    requestId: string,
    payload: Buffer,
  ): Promise<InvocationOutcome | 'throttled'> {
    const result = await this.invokeInternally(fn.functionName, payload, requestId);
    return result === 'missing' ? runtimeFailure(requestId, 'ResourceNotFoundException') : result;
  }

  private codePackage(request: ServiceRequest): ServiceResponse {
    const match = /^\/_local\/lambda\/functions\/([^/]+)\/code$/.exec(request.rawPath);
    const state = match ? this.options.deployments.get(decodeURIComponent(match[1] as string)) : undefined;
    if (!state) throw resourceNotFound('No such code package.');
    const { zip } = this.options.deployments.codeFingerprint(state);
    return {
      status: 200,
      headers: { 'content-type': 'application/zip', 'x-amzn-requestid': request.requestId },
      body: zip,
    };
  }

  private listFunctions(request: ServiceRequest): ServiceResponse {
    const { deployments, where, authorizer } = this.options;
    authorizer.authorize(request.caller, 'lambda:ListFunctions', '*');
    const maxItems = readMaxItems(request.query.get('MaxItems'));
    const marker = request.query.get('Marker');
    const all = deployments
      .all()
      .sort((a, b) => a.deployment.fn.functionName.localeCompare(b.deployment.fn.functionName));
    let start = 0;
    if (marker) {
      const after = Buffer.from(marker, 'base64url').toString('utf8');
      start = all.findIndex((state) => state.deployment.fn.functionName > after);
      if (start < 0) start = all.length;
    }
    const page = all.slice(start, start + maxItems);
    const body: Record<string, unknown> = {
      Functions: page.map((state) => functionConfiguration(state, deployments.codeFingerprint(state), where)),
    };
    if (start + maxItems < all.length) {
      const last = page.at(-1)?.deployment.fn.functionName ?? '';
      body.NextMarker = Buffer.from(last).toString('base64url');
    }
    return json(200, body, request.requestId);
  }

  private getFunction(
    request: ServiceRequest,
    rawName: string,
    shape: 'configuration' | 'details',
  ): ServiceResponse {
    const { deployments, where, authorizer } = this.options;
    const reference = parseFunctionReference(rawName, request.query.get('Qualifier') ?? undefined, where);
    const state = deployments.get(reference.name);
    const qualified =
      reference.qualifier !== '$LATEST' || request.query.has('Qualifier') || rawName.includes(':$LATEST');
    if (!state || reference.qualifier !== '$LATEST') {
      throw resourceNotFound(
        `Function not found: ${functionArn(reference.name, where, qualified ? reference.qualifier : undefined)}`,
      );
    }
    const action = shape === 'details' ? 'lambda:GetFunction' : 'lambda:GetFunctionConfiguration';
    authorizer.authorize(request.caller, action, functionArn(reference.name, where));
    const code = deployments.codeFingerprint(state);
    const body =
      shape === 'details' ? functionDetails(state, code, where) : functionConfiguration(state, code, where);
    return json(200, body, request.requestId);
  }
}

function readMaxItems(raw: string | null): number {
  if (raw === null) return MAX_PAGE;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) {
    throw validationError(
      `1 validation error detected: Value '${raw}' at 'maxItems' failed to satisfy constraint: Member must have value ${value < 1 ? 'greater than or equal to 1' : 'less than or equal to 10000'}`,
    );
  }
  return Math.min(value, MAX_PAGE);
}

function json(status: number, body: unknown, requestId: string): ServiceResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

function runtimeFailure(requestId: string, errorType: string): InvocationOutcome {
  return {
    requestId,
    payload: runtimeErrorPayload(errorType, 'The function no longer exists.'),
    functionError: 'Unhandled',
    errorType,
    report: { durationMs: 0, billedDurationMs: 0, memorySizeMb: 0, maxMemoryUsedMb: 0 },
  };
}
