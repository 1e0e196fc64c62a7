import {
  type FunctionConfiguration,
  ListFunctionsCommand,
  type ListFunctionsCommandOutput,
} from '@aws-sdk/client-lambda';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminKeys } from './query-keys';

export interface ListFunctionsSender {
  send(
    command: ListFunctionsCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<ListFunctionsCommandOutput>;
}

/** Upper bound on pages, against a service that keeps handing out markers. */
const MAX_PAGES = 100;

/** Every function of the account, page after page (`Marker`/`NextMarker`), sorted by name. */
export async function listFunctions(
  lambda: ListFunctionsSender,
  signal?: AbortSignal,
): Promise<FunctionConfiguration[]> {
  const functions: FunctionConfiguration[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const output = await lambda.send(
      new ListFunctionsCommand({ MaxItems: 50, ...(marker ? { Marker: marker } : {}) }),
      signal ? { abortSignal: signal } : undefined,
    );
    functions.push(...(output.Functions ?? []));
    marker = output.NextMarker;
    if (!marker) break;
  }
  return functions.sort((a, b) => (a.FunctionName ?? '').localeCompare(b.FunctionName ?? ''));
}

export function functionsQueryOptions(lambda: ListFunctionsSender) {
  return queryOptions({
    queryKey: adminKeys.functions,
    queryFn: ({ signal }) => listFunctions(lambda, signal),
    staleTime: 60_000,
  });
}

export function useFunctions(lambda: ListFunctionsSender) {
  return useQuery(functionsQueryOptions(lambda));
}
