import {
  type FilteredLogEvent,
  FilterLogEventsCommand,
  type FilterLogEventsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { EMPTY_TAIL, type LogTail, mergeLogEvents, nextStartTime, POLL_INTERVAL_MS } from '../utils/log-tail';
import { adminKeys } from './query-keys';
import { retryUnlessRefused } from './retry';

export interface FilterLogEventsSender {
  send(
    command: FilterLogEventsCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<FilterLogEventsCommandOutput>;
}

export interface LogSearch {
  functionName: string;
  /** CloudWatch Logs filter pattern syntax; empty for every event. */
  filterPattern: string;
  /** How far back the first look goes, in ms. */
  sinceMs: number;
}

export interface LogView extends LogTail {
  /** Where the window starts (epoch ms), fixed at the first look. */
  windowStart: number;
  /** The function has no log group yet: it never ran. */
  groupMissing: boolean;
}

export const logGroupOf = (functionName: string) => `/aws/lambda/${functionName}`;

/** Pages read per look; a busy log is caught up over the following polls. */
const MAX_PAGES = 10;
const PAGE_SIZE = 1000;

/**
 * Events of the function's log group from `startTime` on, oldest first, following `nextToken`
 * (CloudWatch may answer a page with no events and a token: it searched only part of the range).
 */
export async function filterLogEvents(
  logs: FilterLogEventsSender,
  {
    functionName,
    filterPattern,
    startTime,
  }: { functionName: string; filterPattern: string; startTime: number },
  signal?: AbortSignal,
): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const output = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: logGroupOf(functionName),
        startTime,
        limit: PAGE_SIZE,
        ...(filterPattern.trim() ? { filterPattern: filterPattern.trim() } : {}),
        ...(nextToken ? { nextToken } : {}),
      }),
      signal ? { abortSignal: signal } : undefined,
    );
    events.push(...(output.events ?? []));
    nextToken = output.nextToken;
    if (!nextToken) break;
  }
  return events;
}

/**
 * The log viewer's query. Each fetch continues from the lines already in the cache (a little before
 * the newest), so polling reads only what is new; resetting the query starts the window afresh.
 */
export function logViewQueryOptions(logs: FilterLogEventsSender, search: LogSearch) {
  const queryKey = adminKeys.logSearch(search.functionName, search.filterPattern, search.sinceMs);
  return queryOptions({
    queryKey,
    queryFn: async ({ client, signal }): Promise<LogView> => {
      const previous = client.getQueryData<LogView>(queryKey);
      const windowStart = previous?.windowStart ?? Date.now() - search.sinceMs;
      const tail = previous ?? EMPTY_TAIL;
      try {
        const events = await filterLogEvents(
          logs,
          { ...search, startTime: nextStartTime(tail, windowStart) },
          signal,
        );
        const merged = mergeLogEvents(tail, events);
        return { ...merged, windowStart, groupMissing: false };
      } catch (error) {
        if ((error as { name?: string }).name === 'ResourceNotFoundException') {
          return { ...EMPTY_TAIL, windowStart, groupMissing: true };
        }
        throw error;
      }
    },
    retry: retryUnlessRefused,
    staleTime: 0,
  });
}

/** The function's log lines; with `live`, polled every 2 s while the page is visible. */
export function useLogView(logs: FilterLogEventsSender, search: LogSearch, live: boolean) {
  return useQuery({ ...logViewQueryOptions(logs, search), refetchInterval: live ? POLL_INTERVAL_MS : false });
}
