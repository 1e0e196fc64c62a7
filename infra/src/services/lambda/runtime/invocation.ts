/** One invocation as the runtime layer sees it: the event in, the outcome out. */
export interface InvocationInput {
  requestId: string;
  payload: Buffer;
  invokedFunctionArn: string;
  /** JSON text of the client context (sync invocations only). */
  clientContext?: string;
  /** `{"cognitoIdentityId","cognitoIdentityPoolId"}` when a Cognito identity called. */
  cognitoIdentity?: { cognitoIdentityId: string; cognitoIdentityPoolId: string };
  /** Collect this invocation's log lines for `LogType: Tail`. */
  tailLogs: boolean;
}

export interface InvocationOutcome {
  requestId: string;
  /** The function's result, or the error document when `functionError` is set. */
  payload: Buffer;
  /** `Unhandled` when the function or its runtime failed (the `X-Amz-Function-Error` header). */
  functionError?: 'Unhandled';
  /** The errorType of a failure, when known (for logs, metrics and destinations). */
  errorType?: string;
  /** This invocation's log lines, START to REPORT, when `tailLogs` was asked. */
  logText?: string;
  report: InvocationReport;
}

export interface InvocationReport {
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Only on the first invocation of an environment (a cold start). */
  initDurationMs?: number;
  status?: 'timeout' | 'error';
  errorType?: string;
}

/** Facts about a failure the runtime layer itself produced (not a function error the runtime reported). */
export function runtimeErrorPayload(errorType: string, errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorType, errorMessage }));
}
