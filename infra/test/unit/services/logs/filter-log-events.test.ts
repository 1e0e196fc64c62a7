import type { FilterLogEventsResponse } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogStore } from '../../../../src/services/logs/store/store.js';
import { call, cleanUp, failure, GROUP, openStore } from './log-fixtures.js';

afterEach(cleanUp);

const BASE = Date.UTC(2026, 10, 24, 10);

/** Two Lambda environments of one function, logging alternately, 1 ms apart. */
async function twoEnvironments(invocations: number): Promise<LogStore> {
  const store = await openStore(undefined, { flushIntervalMs: 60_000, flushBytes: 8192 });
  for (let index = 0; index < invocations; index += 1) {
    const stream = index % 2 === 0 ? 'env-a' : 'env-b';
    const level = index % 10 === 0 ? 'ERROR' : 'INFO';
    store.append(GROUP, stream, [{ timestamp: BASE + index, message: `${level} invocation ${index}` }]);
    if (index % 250 === 0) await store.flush();
  }
  return store;
}

function filter(store: LogStore, input: Record<string, unknown>): Promise<FilterLogEventsResponse> {
  return call<FilterLogEventsResponse>(store, 'FilterLogEvents', { logGroupName: GROUP, ...input });
}

/** Follows nextToken to the end, collecting the messages. */
async function allPages(
  store: LogStore,
  input: Record<string, unknown>,
): Promise<{ messages: string[]; pages: number }> {
  const messages: string[] = [];
  let pages = 0;
  let nextToken: string | undefined;
  do {
    const page = await filter(store, { ...input, ...(nextToken && { nextToken }) });
    messages.push(...(page.events ?? []).map((event) => event.message as string));
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken && pages < 1000);
  return { messages, pages };
}

describe('FilterLogEvents', () => {
  it('interleaves the events of all streams in time order, with stream names and event ids', async () => {
    const store = await twoEnvironments(4);

    const page = await filter(store, {});

    expect(page.events?.map((event) => [event.logStreamName, event.message])).toEqual([
      ['env-a', 'ERROR invocation 0'],
      ['env-b', 'INFO invocation 1'],
      ['env-a', 'INFO invocation 2'],
      ['env-b', 'INFO invocation 3'],
    ]);
    expect(page.events?.[0]).toMatchObject({ timestamp: BASE, ingestionTime: expect.any(Number) });
    expect(page.events?.every((event) => /^\d{56}$/.test(event.eventId ?? ''))).toBe(true);
    expect(new Set(page.events?.map((event) => event.eventId)).size).toBe(4);
    expect(page.searchedLogStreams).toEqual([]);
    expect(page.nextToken).toBeUndefined();
  });

  it('pages through every matching event exactly once', async () => {
    const store = await twoEnvironments(2000);

    const { messages, pages } = await allPages(store, { filterPattern: 'ERROR', limit: 7 });

    expect(messages).toEqual(Array.from({ length: 200 }, (_, index) => `ERROR invocation ${index * 10}`));
    expect(pages).toBe(Math.ceil(200 / 7));
  });

  it('pages newest first with startFromHead false', async () => {
    const store = await twoEnvironments(50);

    const { messages } = await allPages(store, { startFromHead: false, startTime: BASE, limit: 4 });

    expect(messages).toEqual(
      Array.from(
        { length: 50 },
        (_, index) => `${(49 - index) % 10 === 0 ? 'ERROR' : 'INFO'} invocation ${49 - index}`,
      ),
    );
  });

  it('applies JSON and space-delimited patterns to the messages', async () => {
    const store = await openStore();
    store.append(GROUP, 'json', [
      { timestamp: BASE, message: '{"level":"error","ms":1500}' },
      { timestamp: BASE + 1, message: '{"level":"info","ms":20}' },
    ]);
    store.append(GROUP, 'text', [{ timestamp: BASE + 2, message: 'GET /photos 200 31' }]);

    const json = await filter(store, { filterPattern: '{ $.level = "error" && $.ms > 1000 }' });
    const delimited = await filter(store, { filterPattern: '[method = GET, path, status = 2*, ms]' });

    expect(json.events?.map((event) => event.message)).toEqual(['{"level":"error","ms":1500}']);
    expect(delimited.events?.map((event) => event.logStreamName)).toEqual(['text']);
  });

  it('keeps to the chosen streams, by names or by prefix', async () => {
    const store = await twoEnvironments(6);

    const byName = await filter(store, { logStreamNames: ['env-b', 'missing'] });
    const byPrefix = await filter(store, { logStreamNamePrefix: 'env-a' });

    expect(byName.events?.map((event) => event.logStreamName)).toEqual(['env-b', 'env-b', 'env-b']);
    expect(byPrefix.events?.map((event) => event.logStreamName)).toEqual(['env-a', 'env-a', 'env-a']);
  });

  it('keeps to the time range, both ends included', async () => {
    const store = await twoEnvironments(10);

    const page = await filter(store, { startTime: BASE + 2, endTime: BASE + 4 });

    expect(page.events?.map((event) => event.timestamp)).toEqual([BASE + 2, BASE + 3, BASE + 4]);
  });

  it('rejects both logStreamNames and logStreamNamePrefix, and a bad pattern', async () => {
    const store = await twoEnvironments(2);

    const both = await failure(filter(store, { logStreamNames: ['env-a'], logStreamNamePrefix: 'env' }));
    const pattern = await failure(filter(store, { filterPattern: '{ $.level = ' }));
    const early = await failure(filter(store, { startFromHead: false, startTime: Date.UTC(2023, 0, 1) }));

    expect(both.code).toBe('InvalidParameterException');
    expect([pattern.code, pattern.message]).toEqual([
      'InvalidParameterException',
      "If a filter pattern starts with '{' it must end with '}'",
    ]);
    expect(early.code).toBe('InvalidParameterException');
  });

  it('answers a missing group with ResourceNotFoundException', async () => {
    const store = await openStore();

    const error = await failure(filter(store, { logGroupName: '/aws/lambda/missing' }));

    expect([error.code, error.message, error.status]).toEqual([
      'ResourceNotFoundException',
      'The specified log group does not exist.',
      400,
    ]);
  });

  it('validates limits and the length of the pattern', async () => {
    const store = await twoEnvironments(2);

    const error = await failure(filter(store, { limit: 10_001, filterPattern: 'x'.repeat(1025) }));

    expect(error.code).toBe('InvalidParameterException');
    expect(error.message).toMatch(/^2 validation errors detected: /);
    expect(error.message).toContain(
      "at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
  });
});
