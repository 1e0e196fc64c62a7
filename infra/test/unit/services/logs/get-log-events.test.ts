import type { GetLogEventsResponse } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogStore } from '../../../../src/services/logs/store/store.js';
import { call, cleanUp, failure, GROUP, openStore, STREAM, stateDir, where } from './log-fixtures.js';

afterEach(cleanUp);

const BASE = Date.UTC(2026, 10, 24, 10);

/** A store whose stream holds `count` events, `line 0` … (two per millisecond), written in several blocks. */
async function storeWithLines(count: number): Promise<LogStore> {
  const dir = await stateDir();
  const writer = await openStore(dir, { flushIntervalMs: 60_000 });
  for (let from = 0; from < count; from += 100) {
    const batch = Array.from({ length: Math.min(100, count - from) }, (_, index) => ({
      timestamp: BASE + Math.floor((from + index) / 2),
      message: `line ${from + index}`,
    }));
    writer.append(GROUP, STREAM, batch);
    await writer.flush();
  }
  writer.close();
  return openStore(dir, { flushIntervalMs: 60_000 });
}

function getLogEvents(store: LogStore, input: Record<string, unknown>): Promise<GetLogEventsResponse> {
  return call<GetLogEventsResponse>(store, 'GetLogEvents', {
    logGroupName: GROUP,
    logStreamName: STREAM,
    ...input,
  });
}

const messages = (page: GetLogEventsResponse) => (page.events ?? []).map((event) => event.message ?? '');

describe('GetLogEvents', () => {
  it('pages forward from the head through every event exactly once, then repeats its token', async () => {
    const store = await storeWithLines(1234);
    const seen: string[] = [];

    let page = await getLogEvents(store, { startFromHead: true, limit: 100 });
    let token = page.nextForwardToken;
    seen.push(...messages(page));
    for (let calls = 0; calls < 50; calls += 1) {
      page = await getLogEvents(store, { nextToken: token, limit: 100 });
      if (page.nextForwardToken === token) break;
      seen.push(...messages(page));
      token = page.nextForwardToken;
    }

    expect(seen).toEqual(Array.from({ length: 1234 }, (_, index) => `line ${index}`));
    expect(page.events).toEqual([]);
    expect(page.nextForwardToken).toBe(token);
  });

  it('starts from the newest events by default and pages backward to the head exactly once', async () => {
    const store = await storeWithLines(1234);

    let page = await getLogEvents(store, { limit: 100 });
    const pages = [messages(page)];
    let token = page.nextBackwardToken;
    for (let calls = 0; calls < 50; calls += 1) {
      page = await getLogEvents(store, { nextToken: token, limit: 100 });
      if (page.nextBackwardToken === token) break;
      pages.unshift(messages(page));
      token = page.nextBackwardToken;
    }

    expect(pages[pages.length - 1]?.at(-1)).toBe('line 1233');
    expect(pages.flat()).toEqual(Array.from({ length: 1234 }, (_, index) => `line ${index}`));
    expect(page.events).toEqual([]);
  });

  it('returns each page oldest first, with timestamps and ingestion times', async () => {
    const store = await openStore();
    const before = Date.now();
    store.append(GROUP, STREAM, [
      { timestamp: BASE, message: 'START' },
      { timestamp: BASE + 1, message: 'END' },
    ]);

    const page = await getLogEvents(store, {});

    expect(page.events).toEqual([
      { timestamp: BASE, message: 'START', ingestionTime: expect.any(Number) },
      { timestamp: BASE + 1, message: 'END', ingestionTime: expect.any(Number) },
    ]);
    expect(page.events?.[0]?.ingestionTime).toBeGreaterThanOrEqual(before);
    expect(page.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
    expect(page.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);
  });

  it('goes back from a forward page and forward from a backward page without repeating', async () => {
    const store = await storeWithLines(30);

    const middle = await getLogEvents(store, { startFromHead: true, limit: 10 }).then((first) =>
      getLogEvents(store, { nextToken: first.nextForwardToken, limit: 10 }),
    );
    const before = await getLogEvents(store, { nextToken: middle.nextBackwardToken, limit: 10 });
    const after = await getLogEvents(store, { nextToken: middle.nextForwardToken, limit: 10 });

    expect(messages(middle)).toEqual(Array.from({ length: 10 }, (_, index) => `line ${index + 10}`));
    expect(messages(before)).toEqual(Array.from({ length: 10 }, (_, index) => `line ${index}`));
    expect(messages(after)).toEqual(Array.from({ length: 10 }, (_, index) => `line ${index + 20}`));
  });

  it('picks up, with the last forward token, events appended after the reader caught up', async () => {
    const store = await openStore();
    store.append(GROUP, STREAM, [{ timestamp: BASE, message: 'first' }]);
    const caughtUp = await getLogEvents(store, { startFromHead: true });

    store.append(GROUP, STREAM, [{ timestamp: BASE + 1, message: 'second' }]);
    const next = await getLogEvents(store, { nextToken: caughtUp.nextForwardToken });

    expect(messages(next)).toEqual(['second']);
  });

  it('keeps to the time range: startTime included, endTime excluded', async () => {
    const store = await storeWithLines(20);

    const page = await getLogEvents(store, { startTime: BASE + 2, endTime: BASE + 4, startFromHead: true });

    expect(messages(page)).toEqual(['line 4', 'line 5', 'line 6', 'line 7']);
  });

  it('answers an empty stream with no events and still both tokens', async () => {
    const store = await openStore();
    store.createLogGroup(GROUP);
    store.createLogStream(GROUP, STREAM);

    const page = await getLogEvents(store, {});

    expect(page.events).toEqual([]);
    expect(page.nextForwardToken).toMatch(/^f\//);
    expect(page.nextBackwardToken).toMatch(/^b\//);
  });

  it('finds the group by logGroupIdentifier, a name or an ARN without the trailing :*', async () => {
    const store = await openStore();
    store.append(GROUP, STREAM, [{ timestamp: BASE, message: 'hello' }]);
    const arn = `arn:aws:logs:${where.region}:${where.accountId}:log-group:${GROUP}`;
    const read = (logGroupIdentifier: string) =>
      call<GetLogEventsResponse>(store, 'GetLogEvents', { logGroupIdentifier, logStreamName: STREAM });

    expect(messages(await read(GROUP))).toEqual(['hello']);
    expect(messages(await read(arn))).toEqual(['hello']);
    // The model's pattern for identifiers has no `*`: the ARN form IAM policies use is refused.
    expect((await failure(read(`${arn}:*`))).code).toBe('InvalidParameterException');
  });

  it('fails as the service does on missing groups and streams and bad tokens', async () => {
    const store = await openStore();
    store.createLogGroup(GROUP);

    const noStream = await failure(getLogEvents(store, {}));
    const noGroup = await failure(getLogEvents(store, { logGroupName: '/missing' }));
    const otherAccount = await failure(
      call(store, 'GetLogEvents', {
        logGroupIdentifier: `arn:aws:logs:us-east-1:999999999999:log-group:${GROUP}`,
        logStreamName: STREAM,
      }),
    );
    const badToken = await failure(getLogEvents(store, { nextToken: 'f/123/s' }));

    expect([noStream.code, noStream.message, noStream.status]).toEqual([
      'ResourceNotFoundException',
      'The specified log stream does not exist.',
      400,
    ]);
    expect([noGroup.code, noGroup.message]).toEqual([
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    ]);
    expect(otherAccount.code).toBe('ResourceNotFoundException');
    expect(badToken.code).toBe('InvalidParameterException');
  });

  it('validates its input as the service does', async () => {
    const store = await openStore();

    const both = await failure(
      call(store, 'GetLogEvents', { logGroupName: GROUP, logGroupIdentifier: GROUP, logStreamName: STREAM }),
    );
    const limits = await failure(getLogEvents(store, { limit: 0, startTime: -1 }));
    const missing = await failure(call(store, 'GetLogEvents', { logGroupName: GROUP }));
    const wrongType = await failure(getLogEvents(store, { limit: '10' }));

    expect([both.code, both.message]).toEqual([
      'InvalidParameterException',
      'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    ]);
    expect(limits.code).toBe('InvalidParameterException');
    expect(limits.message).toBe(
      "2 validation errors detected: Value '-1' at 'startTime' failed to satisfy constraint: Member must have value greater than or equal to 0; " +
        "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(missing.message).toBe(
      "1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null",
    );
    expect(wrongType.code).toBe('SerializationException');
  });
});
