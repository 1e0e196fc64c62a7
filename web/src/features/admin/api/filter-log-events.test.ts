import type { FilterLogEventsCommand, FilterLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { POLL_LOOKBACK_MS } from '../utils/log-tail';
import { filterLogEvents, logViewQueryOptions } from './filter-log-events';

const event = (eventId: string, timestamp: number) => ({ eventId, timestamp, message: `line ${eventId}\n` });

function fakeLogs(pages: Array<Partial<FilterLogEventsCommandOutput> | Error>) {
  const send = vi.fn(async (_command: FilterLogEventsCommand) => {
    const page = pages.shift();
    if (!page) return { $metadata: {}, events: [] };
    if (page instanceof Error) throw page;
    return { $metadata: {}, ...page };
  });
  return { logs: { send }, send };
}

describe('filterLogEvents', () => {
  it("reads every page of the function's log group with the pattern", async () => {
    const { logs, send } = fakeLogs([
      { events: [event('a', 1)], nextToken: 't1' },
      { events: [], nextToken: 't2' },
      { events: [event('b', 2)] },
    ]);
    const events = await filterLogEvents(logs, {
      functionName: 'add',
      filterPattern: ' ERROR ',
      startTime: 5,
    });
    expect(events.map((e) => e.eventId)).toEqual(['a', 'b']);
    expect(send).toHaveBeenCalledTimes(3);
    expect(send.mock.calls[0]?.[0].input).toMatchObject({
      logGroupName: '/aws/lambda/add',
      filterPattern: 'ERROR',
      startTime: 5,
    });
    expect(send.mock.calls[2]?.[0].input.nextToken).toBe('t2');
  });
});

describe('the log view query', () => {
  it('polls from just before the newest line seen and keeps each event once', async () => {
    const now = Date.now();
    const { logs, send } = fakeLogs([
      { events: [event('a', now - 3000), event('b', now - 1000)] },
      { events: [event('b', now - 1000), event('c', now)] },
    ]);
    const queryClient = new QueryClient();
    const options = logViewQueryOptions(logs, { functionName: 'log', filterPattern: '', sinceMs: 60_000 });

    const first = await queryClient.fetchQuery(options);
    expect(send.mock.calls[0]?.[0].input.startTime).toBeLessThanOrEqual(now - 60_000 + 50);
    const second = await queryClient.fetchQuery({ ...options, staleTime: 0 });

    expect(first.lines.map((line) => line.eventId)).toEqual(['a', 'b']);
    expect(send.mock.calls[1]?.[0].input.startTime).toBe(now - 1000 - POLL_LOOKBACK_MS);
    expect(second.lines.map((line) => line.eventId)).toEqual(['a', 'b', 'c']);
    expect(second.windowStart).toBe(first.windowStart);
  });

  it('says so when the function never ran (no log group)', async () => {
    const missing = Object.assign(new Error('The specified log group does not exist.'), {
      name: 'ResourceNotFoundException',
    });
    const { logs } = fakeLogs([missing]);
    const view = await new QueryClient().fetchQuery(
      logViewQueryOptions(logs, { functionName: 'never-ran', filterPattern: '', sinceMs: 60_000 }),
    );
    expect(view).toMatchObject({ lines: [], groupMissing: true });
  });
});
