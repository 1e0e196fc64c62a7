import { InvokeCommand } from '@aws-sdk/client-lambda';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InvocationType } from '../utils/invocation-history';
import {
  describeInvocation,
  describeServiceFailure,
  type InvocationOutcome,
  type InvokeAnswer,
} from '../utils/invocation-outcome';
import { adminKeys } from './query-keys';

export interface InvokeSender {
  send(command: InvokeCommand, options?: { abortSignal?: AbortSignal }): Promise<InvokeAnswer>;
}

export interface InvocationRequest {
  functionName: string;
  /** JSON text, sent as typed. */
  payload: string;
  invocationType: InvocationType;
  /** Prices the call: `x86_64` or `arm64`. */
  architecture?: string;
}

const encoder = new TextEncoder();

/**
 * Invokes any function as the admin, with the log tail for synchronous calls. Never rejects: a
 * refusal by the service is an outcome to show like any other.
 */
export async function invokeForDebugging(
  lambda: InvokeSender,
  request: InvocationRequest,
): Promise<InvocationOutcome> {
  const started = performance.now();
  try {
    const output = await lambda.send(
      new InvokeCommand({
        FunctionName: request.functionName,
        InvocationType: request.invocationType,
        // Lambda returns a log tail for synchronous calls only.
        ...(request.invocationType === 'RequestResponse' ? { LogType: 'Tail' as const } : {}),
        Payload: encoder.encode(request.payload),
      }),
    );
    return describeInvocation(output, performance.now() - started, request.architecture);
  } catch (error) {
    return describeServiceFailure(error, performance.now() - started);
  }
}

/** An invocation writes to the function's log: the log viewer looks again at once. */
export function useInvokeFunction(lambda: InvokeSender) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: InvocationRequest) => invokeForDebugging(lambda, request),
    onSuccess: (_outcome, request) =>
      queryClient.invalidateQueries({ queryKey: adminKeys.logs(request.functionName) }),
  });
}
