import type { GetLogEventsResponse, PutLogEventsResponse } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogStore } from '../../../../src/services/logs/store/store.js';
import { call, cleanUp, failure, GROUP, openStore, STREAM } from './log-fixtures.js';

afterEach(cleanUp);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function storeWithStream(): Promise<LogStore> {
  const store = await openStore();
  await call(store, 'CreateLogGroup', { logGroupName: GROUP });
  await call(store, 'CreateLogStream', { logGroupName: GROUP, logStreamName: STREAM });
  return store;
}

function put(store: LogStore, logEvents: unknown[]): Promise<PutLogEventsResponse> {
  return call<PutLogEventsResponse>(store, 'PutLogEvents', {
    logGroupName: GROUP,
    logStreamName: STREAM,
    logEvents,
  });
}

async function stored(store: LogStore): Promise<string[]> {
  const page = await call<GetLogEventsResponse>(store, 'GetLogEvents', {
    logGroupName: GROUP,
    logStreamName: STREAM,
    startFromHead: true,
  });
  return (page.events ?? []).map((event) => event.message as string);
}

describe('PutLogEvents', () => {
  it('stores the events of an existing stream and answers a sequence token', async () => {
    const store = await storeWithStream();
    const now = Date.now();

    const response = await put(store, [
      { timestamp: now - 2, message: 'one' },
      { timestamp: now - 1, message: 'two' },
    ]);

    expect(response.nextSequenceToken).toMatch(/^\d{56}$/);
    expect(response.rejectedLogEventsInfo).toBeUndefined();
    expect(await stored(store)).toEqual(['one', 'two']);
  });

  it('rejects, and reports, events too far in the future or the past while storing the rest', async () => {
    const store = await storeWithStream();
    const now = Date.now();

    const response = await put(store, [
      { timestamp: now - 15 * DAY, message: 'too old' },
      { timestamp: now - HOUR, message: 'kept' },
      { timestamp: now + 3 * HOUR, message: 'too new' },
    ]);

    expect(response.rejectedLogEventsInfo).toEqual({
      tooOldLogEventEndIndex: 1,
      tooNewLogEventStartIndex: 2,
    });
    expect(await stored(store)).toEqual(['kept']);
  });

  it('fails a batch that is out of time order or spans more than 24 hours', async () => {
    const store = await storeWithStream();
    const now = Date.now();

    const disorder = await failure(
      put(store, [
        { timestamp: now, message: 'b' },
        { timestamp: now - 1, message: 'a' },
      ]),
    );
    const span = await failure(
      put(store, [
        { timestamp: now - 25 * HOUR, message: 'a' },
        { timestamp: now, message: 'b' },
      ]),
    );

    expect([disorder.code, disorder.message]).toEqual([
      'InvalidParameterException',
      'Log events in a single PutLogEvents request must be in chronological order.',
    ]);
    expect([span.code, span.message]).toEqual([
      'InvalidParameterException',
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    ]);
    expect(await stored(store)).toEqual([]);
  });

  it('fails a batch over 1 MiB counting 26 bytes per event', async () => {
    const store = await storeWithStream();
    const now = Date.now();

    const error = await failure(put(store, [{ timestamp: now, message: 'x'.repeat(1_048_576 - 25) }]));

    expect(error.code).toBe('InvalidParameterException');
  });

  it('does not create a missing group or stream', async () => {
    const store = await openStore();
    await call(store, 'CreateLogGroup', { logGroupName: GROUP });

    const noStream = await failure(put(store, [{ timestamp: Date.now(), message: 'x' }]));
    const noGroup = await failure(
      call(store, 'PutLogEvents', {
        logGroupName: '/nope',
        logStreamName: STREAM,
        logEvents: [{ timestamp: 1, message: 'x' }],
      }),
    );

    expect([noStream.code, noStream.message]).toEqual([
      'ResourceNotFoundException',
      'The specified log stream does not exist.',
    ]);
    expect([noGroup.code, noGroup.message]).toEqual([
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    ]);
  });

  it('reports the members of events that break the model', async () => {
    const store = await storeWithStream();

    const empty = await failure(put(store, []));
    const members = await failure(put(store, [{ timestamp: -1, message: '' }, { message: 'no time' }]));

    expect(empty.message).toBe(
      "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(members.message).toBe(
      '3 validation errors detected: ' +
        "Value '-1' at 'logEvents.1.member.timestamp' failed to satisfy constraint: Member must have value greater than or equal to 0; " +
        "Value '' at 'logEvents.1.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value null at 'logEvents.2.member.timestamp' failed to satisfy constraint: Member must not be null",
    );
  });
});
