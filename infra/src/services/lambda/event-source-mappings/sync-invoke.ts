import type { InvocationOutcome } from '../runtime/invocation.js';

/**
 * A synchronous invocation as an event source mapping sees it: the function's result, its error,
 * no free concurrency (throttled: retried without counting as an attempt), or no such function.
 */
export type SyncInvokeResult =
  | { kind: 'success'; payload: Buffer }
  | { kind: 'function-error'; errorType: string; payload: Buffer }
  | { kind: 'throttled' }
  | { kind: 'missing' };

/** Invokes a function synchronously; `requestId` becomes the invocation's request id. */
export type SyncInvoker = (
  functionName: string,
  payload: Buffer,
  requestId: string,
) => Promise<SyncInvokeResult>;

/**
 * Adapts what the Lambda service's internal invoke returns.
 *
 * @example invoke: (name, payload, id) => lambda.invokeInternally(name, payload, id).then(toSyncInvokeResult)
 */
export function toSyncInvokeResult(result: InvocationOutcome | 'throttled' | 'missing'): SyncInvokeResult {
  if (result === 'throttled') return { kind: 'throttled' };
  if (result === 'missing') return { kind: 'missing' };
  if (!result.functionError) return { kind: 'success', payload: result.payload };
  return { kind: 'function-error', errorType: result.errorType ?? 'Unhandled', payload: result.payload };
}
