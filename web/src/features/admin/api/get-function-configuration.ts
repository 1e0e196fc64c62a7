import {
  GetFunctionConfigurationCommand,
  type GetFunctionConfigurationCommandOutput,
} from '@aws-sdk/client-lambda';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminKeys } from './query-keys';

export interface GetFunctionConfigurationSender {
  send(
    command: GetFunctionConfigurationCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<GetFunctionConfigurationCommandOutput>;
}

/** One function's configuration as Lambda reports it now (state, environment, role, …). */
export async function getFunctionConfiguration(
  lambda: GetFunctionConfigurationSender,
  functionName: string,
  signal?: AbortSignal,
): Promise<GetFunctionConfigurationCommandOutput> {
  return lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: functionName }),
    signal ? { abortSignal: signal } : undefined,
  );
}

export function functionConfigurationQueryOptions(
  lambda: GetFunctionConfigurationSender,
  functionName: string,
) {
  return queryOptions({
    queryKey: adminKeys.configuration(functionName),
    queryFn: ({ signal }) => getFunctionConfiguration(lambda, functionName, signal),
    staleTime: 60_000,
  });
}

export function useFunctionConfiguration(lambda: GetFunctionConfigurationSender, functionName: string) {
  return useQuery(functionConfigurationQueryOptions(lambda, functionName));
}
