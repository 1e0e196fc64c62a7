import type { InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { toCallError } from '../../../lib/invoke';
import { type InvocationCost, type InvocationReport, invocationCost, parseReport } from './invocation-report';

/**
 * One invocation from the debug panel, as the panel shows it: the function's result or error, the
 * service's error, the decoded log tail and the figures of its REPORT line.
 */
export type InvocationOutcome = FunctionOutcome | ServiceFailure;

export interface FunctionOutcome {
  kind: 'result' | 'function-error' | 'accepted' | 'dry-run';
  statusCode: number;
  requestId?: string;
  executedVersion?: string;
  /** The payload as returned (decoded UTF-8); absent for Event and DryRun. */
  payloadText?: string;
  /** The payload parsed, when it is JSON. */
  payload?: unknown;
  /** For `function-error`: `Unhandled` (a crash, a timeout) or `Handled`. */
  functionError?: string;
  error?: { errorType: string; errorMessage: string; stackTrace: string[] };
  /** The last 4 KB of the invocation's log, decoded (sync calls with `LogType: Tail`). */
  logTail?: string;
  report?: InvocationReport;
  cost?: InvocationCost;
  /** Round trip as seen by the browser, including the network. */
  elapsedMs: number;
}

export interface ServiceFailure {
  kind: 'service-error';
  /** The service's error code (`AccessDeniedException`, `ResourceNotFoundException`, …). */
  name: string;
  message: string;
  /** What it means for people, when the code alone does not say it (no network, access denied, …). */
  friendly?: string;
  statusCode?: number;
  requestId?: string;
  elapsedMs: number;
}

/** What the panel reads of Lambda's answer to Invoke (the SDK's output is one). */
export type InvokeAnswer = Pick<
  InvokeCommandOutput,
  'StatusCode' | 'FunctionError' | 'LogResult' | 'ExecutedVersion'
> & {
  Payload?: Uint8Array | undefined;
  $metadata?: InvokeCommandOutput['$metadata'];
};

const decoder = new TextDecoder();

/** Kinds of failure worth explaining beside the service's own code and message. */
const EXPLAINED = new Set(['Network', 'AccessDenied', 'TooManyRequests', 'ExpiredToken']);

/** Turns Lambda's answer into an outcome; `architecture` prices the call (x86_64 or arm64). */
export function describeInvocation(
  output: InvokeAnswer,
  elapsedMs: number,
  architecture?: string,
): FunctionOutcome {
  const statusCode = output.StatusCode ?? output.$metadata?.httpStatusCode ?? 0;
  const outcome: FunctionOutcome = {
    kind: output.FunctionError
      ? 'function-error'
      : statusCode === 202
        ? 'accepted'
        : statusCode === 204
          ? 'dry-run'
          : 'result',
    statusCode,
    elapsedMs,
  };
  if (output.$metadata?.requestId) outcome.requestId = output.$metadata.requestId;
  if (output.ExecutedVersion) outcome.executedVersion = output.ExecutedVersion;
  if (output.Payload && output.Payload.length > 0) {
    outcome.payloadText = decoder.decode(output.Payload);
    try {
      outcome.payload = JSON.parse(outcome.payloadText);
    } catch {
      // Not JSON (a function may return anything): shown as text.
    }
  }
  if (output.FunctionError) {
    outcome.functionError = output.FunctionError;
    outcome.error = functionErrorOf(outcome.payload, outcome.payloadText);
  }
  if (output.LogResult) {
    outcome.logTail = decodeBase64(output.LogResult);
    const report = parseReport(outcome.logTail);
    if (report) {
      outcome.report = report;
      outcome.cost = invocationCost(report, architecture);
    }
  }
  return outcome;
}

/** An error thrown by the SDK (the service refused the call, or the network failed). */
export function describeServiceFailure(error: unknown, elapsedMs: number): ServiceFailure {
  const { name, message, $metadata } = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    $metadata?: { httpStatusCode?: number; requestId?: string };
  };
  const failure: ServiceFailure = {
    kind: 'service-error',
    name: typeof name === 'string' && name !== '' ? name : 'Error',
    message: typeof message === 'string' && message !== '' ? message : String(error),
    elapsedMs,
  };
  const { errorType, friendly } = toCallError(error);
  if (EXPLAINED.has(errorType)) failure.friendly = friendly;
  if ($metadata?.httpStatusCode !== undefined) failure.statusCode = $metadata.httpStatusCode;
  if ($metadata?.requestId) failure.requestId = $metadata.requestId;
  return failure;
}

/** A few words for the history list. */
export function summarize(outcome: InvocationOutcome): { summary: string; ok: boolean } {
  switch (outcome.kind) {
    case 'service-error':
      return { summary: `${outcome.statusCode ?? 'No answer'} · ${outcome.name}`, ok: false };
    case 'function-error':
      return {
        summary: `${outcome.statusCode} · ${outcome.error?.errorType ?? 'Function error'}`,
        ok: false,
      };
    case 'accepted':
      return { summary: '202 · queued', ok: true };
    case 'dry-run':
      return { summary: '204 · allowed', ok: true };
    default: {
      const text = outcome.payloadText ?? '(no payload)';
      return {
        summary: `${outcome.statusCode} · ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`,
        ok: true,
      };
    }
  }
}

/** Lambda's `LogResult`: the tail of the log, base64 of UTF-8. */
export function decodeBase64(base64: string): string {
  try {
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return decoder.decode(bytes);
  } catch {
    return base64;
  }
}

/** Node writes `{errorType, errorMessage, trace}`, Python `{errorType, errorMessage, stackTrace}`. */
function functionErrorOf(
  payload: unknown,
  payloadText: string | undefined,
): { errorType: string; errorMessage: string; stackTrace: string[] } {
  const body = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const trace = Array.isArray(body.trace)
    ? body.trace
    : Array.isArray(body.stackTrace)
      ? body.stackTrace
      : [];
  return {
    errorType: typeof body.errorType === 'string' ? body.errorType : 'Error',
    errorMessage:
      typeof body.errorMessage === 'string'
        ? body.errorMessage
        : (payloadText ?? 'The function failed without a message.'),
    stackTrace: trace.map(String),
  };
}
