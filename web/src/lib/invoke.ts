import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import type { FunctionName, InputOf, OutputOf } from '@lambdagram/functions/contracts';

/** The error types the functions throw on purpose; their `errorMessage` is written for people. */
const FUNCTION_ERROR_TYPES = new Set([
  'ValidationError',
  'UnauthorizedError',
  'ForbiddenError',
  'NotFoundError',
  'ConflictError',
  'TooManyRequestsError',
  'InternalError',
]);

export const MESSAGES = {
  network: "Can't reach the server. Check your connection and try again.",
  accessDenied: "You don't have access to this.",
  tooManyRequests: 'Too many requests right now. Wait a moment and try again.',
  expired: 'Your session has ended. Please sign in again.',
  server: 'Something went wrong on our side. Please try again in a moment.',
  aborted: 'The request was cancelled.',
  unknown: 'Something went wrong. Please try again.',
} as const;

/**
 * A failed call, in words a person understands (`friendly`, also the `message`), with a type the UI
 * can branch on: a function's own `errorType` (`ValidationError`, `NotFoundError`, …) or one of
 * `Network`, `AccessDenied`, `TooManyRequests`, `ExpiredToken`, `ServerError`, `Aborted`, `Unknown`.
 */
export class CallError extends Error {
  readonly errorType: string;
  readonly friendly: string;
  /** For a `ValidationError`, which fields were wrong, when the function said so. */
  readonly issues: { path: string; message: string }[];

  constructor(
    errorType: string,
    friendly: string,
    options?: { cause?: unknown; issues?: { path: string; message: string }[] },
  ) {
    super(friendly, options);
    this.name = 'CallError';
    this.errorType = errorType;
    this.friendly = friendly;
    this.issues = options?.issues ?? [];
  }
}

/** What `invokeFunction` needs of a LambdaClient (a fake in unit tests). */
export interface LambdaSender {
  send(command: InvokeCommand, options?: { abortSignal?: AbortSignal }): Promise<InvokeCommandOutput>;
}

export interface InvokeOptions {
  /** Cancels the request (TanStack Query hands one to every query function). */
  signal?: AbortSignal;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Invokes `<functionPrefix>-<name>` synchronously with `input` as its JSON payload and returns its
 * parsed output; any failure becomes a `CallError`.
 *
 * @example
 * const page = await invokeFunction(lambda, 'lambdagram', 'getFeed', { limit: 20 });
 */
export async function invokeFunction<F extends FunctionName>(
  lambda: LambdaSender,
  functionPrefix: string,
  name: F,
  input: InputOf<F>,
  options: InvokeOptions = {},
): Promise<OutputOf<F>> {
  let output: InvokeCommandOutput;
  try {
    output = await lambda.send(
      new InvokeCommand({
        FunctionName: `${functionPrefix}-${name}`,
        InvocationType: 'RequestResponse',
        Payload: encoder.encode(JSON.stringify(input)),
      }),
      options.signal ? { abortSignal: options.signal } : undefined,
    );
  } catch (error) {
    throw toCallError(error);
  }
  const body = readPayload(output.Payload);
  if (output.FunctionError) throw functionError(body);
  return body as OutputOf<F>;
}

function readPayload(payload: Uint8Array | undefined): unknown {
  if (!payload || payload.length === 0) return undefined;
  const text = decoder.decode(payload);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CallError('ServerError', MESSAGES.server, { cause: error });
  }
}

/** A function's error payload `{errorType, errorMessage, trace?}`: keep its words, never its stack. */
function functionError(body: unknown): CallError {
  const { errorType, errorMessage, issues } = (typeof body === 'object' && body !== null ? body : {}) as {
    errorType?: unknown;
    errorMessage?: unknown;
    issues?: unknown;
  };
  if (typeof errorType === 'string' && FUNCTION_ERROR_TYPES.has(errorType)) {
    const message = typeof errorMessage === 'string' && errorMessage !== '' ? errorMessage : MESSAGES.unknown;
    return new CallError(errorType, message, { cause: body, issues: readIssues(issues) });
  }
  // An unhandled crash or a timeout (`Sandbox.Timedout`, `TypeError`, …): its message is not for people.
  return new CallError('ServerError', MESSAGES.server, { cause: body });
}

function readIssues(value: unknown): { path: string; message: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((issue: unknown) => {
    const { path, message } = (typeof issue === 'object' && issue !== null ? issue : {}) as Record<
      string,
      unknown
    >;
    return typeof path === 'string' && typeof message === 'string' ? [{ path, message }] : [];
  });
}

const SERVICE_ERRORS: Record<string, [errorType: string, friendly: string]> = {
  AccessDeniedException: ['AccessDenied', MESSAGES.accessDenied],
  AccessDenied: ['AccessDenied', MESSAGES.accessDenied],
  Forbidden: ['AccessDenied', MESSAGES.accessDenied],
  TooManyRequestsException: ['TooManyRequests', MESSAGES.tooManyRequests],
  ThrottlingException: ['TooManyRequests', MESSAGES.tooManyRequests],
  Throttling: ['TooManyRequests', MESSAGES.tooManyRequests],
  SlowDown: ['TooManyRequests', MESSAGES.tooManyRequests],
  ExpiredToken: ['ExpiredToken', MESSAGES.expired],
  ExpiredTokenException: ['ExpiredToken', MESSAGES.expired],
  // Cognito's answer to an expired or revoked login token.
  NotAuthorizedException: ['ExpiredToken', MESSAGES.expired],
  AbortError: ['Aborted', MESSAGES.aborted],
};

/** Turns anything thrown by a call (SDK, fetch, credentials) into a `CallError`. */
export function toCallError(error: unknown): CallError {
  if (error instanceof CallError) return error;
  if (error instanceof TypeError) return new CallError('Network', MESSAGES.network, { cause: error });
  if (typeof error === 'object' && error !== null) {
    const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: number } };
    const known = typeof name === 'string' ? SERVICE_ERRORS[name] : undefined;
    if (known) return new CallError(known[0], known[1], { cause: error });
    if (name === 'NetworkError' || name === 'TimeoutError') {
      return new CallError('Network', MESSAGES.network, { cause: error });
    }
    const status = $metadata?.httpStatusCode;
    if (status === 403) return new CallError('AccessDenied', MESSAGES.accessDenied, { cause: error });
    if (status === 429) return new CallError('TooManyRequests', MESSAGES.tooManyRequests, { cause: error });
    if (status !== undefined && status >= 500)
      return new CallError('ServerError', MESSAGES.server, { cause: error });
  }
  return new CallError('Unknown', MESSAGES.unknown, { cause: error });
}

/** Words a person understands for any error a call may end with. Never a stack. */
export function describeError(error: unknown): string {
  return toCallError(error).friendly;
}
