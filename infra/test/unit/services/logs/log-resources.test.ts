import type { DescribeLogGroupsResponse, DescribeLogStreamsResponse } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogStore } from '../../../../src/services/logs/store/store.js';
import { call, cleanUp, failure, GROUP, openStore, where } from './log-fixtures.js';

afterEach(cleanUp);

const ARN_PREFIX = `arn:aws:logs:${where.region}:${where.accountId}:log-group:`;

function describeGroups(
  store: LogStore,
  input: Record<string, unknown> = {},
): Promise<DescribeLogGroupsResponse> {
  return call<DescribeLogGroupsResponse>(store, 'DescribeLogGroups', input);
}

function describeStreams(
  store: LogStore,
  input: Record<string, unknown> = {},
): Promise<DescribeLogStreamsResponse> {
  return call<DescribeLogStreamsResponse>(store, 'DescribeLogStreams', { logGroupName: GROUP, ...input });
}

/** Every name DescribeLogGroups or DescribeLogStreams lists, following nextToken. */
async function allNames(
  list: (nextToken?: string) => Promise<{ names: string[]; nextToken?: string | undefined }>,
): Promise<string[][]> {
  const pages: string[][] = [];
  let nextToken: string | undefined;
  do {
    const page = await list(nextToken);
    pages.push(page.names);
    nextToken = page.nextToken;
  } while (nextToken && pages.length < 100);
  return pages;
}

describe('log groups', () => {
  it('creates a group that DescribeLogGroups then describes with its ARNs', async () => {
    const store = await openStore();

    const created = await call(store, 'CreateLogGroup', { logGroupName: GROUP, tags: { app: 'lambdagram' } });
    const { logGroups } = await describeGroups(store);

    expect(created).toEqual({});
    expect(logGroups).toEqual([
      {
        logGroupName: GROUP,
        creationTime: expect.any(Number),
        metricFilterCount: 0,
        arn: `${ARN_PREFIX}${GROUP}:*`,
        storedBytes: 0,
        logGroupClass: 'STANDARD',
        logGroupArn: `${ARN_PREFIX}${GROUP}`,
        deletionProtectionEnabled: false,
      },
    ]);
  });

  it('lists groups by name in pages of at most limit', async () => {
    const store = await openStore();
    const names = Array.from({ length: 7 }, (_, index) => `/app/group-${index}`);
    for (const name of [...names].reverse()) await call(store, 'CreateLogGroup', { logGroupName: name });

    const pages = await allNames(async (nextToken) => {
      const page = await describeGroups(store, { limit: 3, ...(nextToken && { nextToken }) });
      return {
        names: page.logGroups?.map((group) => group.logGroupName as string) ?? [],
        nextToken: page.nextToken,
      };
    });

    expect(pages).toEqual([names.slice(0, 3), names.slice(3, 6), names.slice(6)]);
  });

  it('filters groups by prefix, or by case-sensitive substring with only names, times and ARNs', async () => {
    const store = await openStore();
    for (const name of ['/aws/lambda/DataLogs', '/app/GroupDataLogs', '/app/datalogs']) {
      await call(store, 'CreateLogGroup', { logGroupName: name });
    }

    const byPrefix = await describeGroups(store, { logGroupNamePrefix: '/app/' });
    const bySubstring = await describeGroups(store, { logGroupNamePattern: 'DataLogs' });

    expect(byPrefix.logGroups?.map((group) => group.logGroupName)).toEqual([
      '/app/GroupDataLogs',
      '/app/datalogs',
    ]);
    expect(bySubstring.logGroups?.map((group) => group.logGroupName)).toEqual([
      '/app/GroupDataLogs',
      '/aws/lambda/DataLogs',
    ]);
    expect(Object.keys(bySubstring.logGroups?.[0] ?? {}).sort()).toEqual([
      'arn',
      'creationTime',
      'logGroupName',
    ]);
  });

  it('refuses a group that exists, a reserved name, and an invalid name', async () => {
    const store = await openStore();
    await call(store, 'CreateLogGroup', { logGroupName: GROUP });

    const exists = await failure(call(store, 'CreateLogGroup', { logGroupName: GROUP }));
    const reserved = await failure(call(store, 'CreateLogGroup', { logGroupName: 'aws/mine' }));
    const invalid = await failure(call(store, 'CreateLogGroup', { logGroupName: 'has space' }));

    expect([exists.code, exists.message, exists.status]).toEqual([
      'ResourceAlreadyExistsException',
      'The specified log group already exists',
      400,
    ]);
    expect([reserved.code, reserved.message]).toEqual([
      'InvalidParameterException',
      'Log groups starting with AWS/ are reserved for AWS.',
    ]);
    expect(invalid.message).toBe(
      "1 validation error detected: Value 'has space' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    );
  });

  it('deletes a group, and then deleting it again fails', async () => {
    const store = await openStore();
    await call(store, 'CreateLogGroup', { logGroupName: GROUP });

    await call(store, 'DeleteLogGroup', { logGroupName: GROUP });
    const again = await failure(call(store, 'DeleteLogGroup', { logGroupName: GROUP }));

    expect((await describeGroups(store)).logGroups).toEqual([]);
    expect([again.code, again.message]).toEqual([
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    ]);
  });

  it('rejects both a prefix and a substring, and limits above 50', async () => {
    const store = await openStore();

    const both = await failure(describeGroups(store, { logGroupNamePrefix: '/a', logGroupNamePattern: 'b' }));
    const limit = await failure(describeGroups(store, { limit: 51 }));

    expect(both.code).toBe('InvalidParameterException');
    expect(limit.message).toBe(
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });
});

describe('log streams', () => {
  async function storeWithStreams(): Promise<LogStore> {
    const store = await openStore();
    store.append(GROUP, '2026/11/24/[$LATEST]bbbb', [{ timestamp: 3000, message: 'b' }]);
    store.append(GROUP, '2026/11/24/[$LATEST]aaaa', [{ timestamp: 1000, message: 'a' }]);
    store.append(GROUP, '2026/11/25/[$LATEST]cccc', [{ timestamp: 2000, message: 'c' }]);
    return store;
  }

  it('describes streams by name with their event times and ARNs', async () => {
    const store = await storeWithStreams();

    const { logStreams } = await describeStreams(store);

    expect(logStreams?.map((stream) => stream.logStreamName)).toEqual([
      '2026/11/24/[$LATEST]aaaa',
      '2026/11/24/[$LATEST]bbbb',
      '2026/11/25/[$LATEST]cccc',
    ]);
    expect(logStreams?.[0]).toEqual({
      logStreamName: '2026/11/24/[$LATEST]aaaa',
      creationTime: expect.any(Number),
      firstEventTimestamp: 1000,
      lastEventTimestamp: 1000,
      lastIngestionTime: expect.any(Number),
      uploadSequenceToken: expect.stringMatching(/^\d+$/),
      arn: `${ARN_PREFIX}${GROUP}:log-stream:2026/11/24/[$LATEST]aaaa`,
      storedBytes: 0,
    });
  });

  it('orders streams by last event time, either way, and by name under a prefix', async () => {
    const store = await storeWithStreams();

    const newest = await describeStreams(store, { orderBy: 'LastEventTime', descending: true });
    const underPrefix = await describeStreams(store, {
      logStreamNamePrefix: '2026/11/24/',
      descending: true,
    });

    expect(newest.logStreams?.map((stream) => stream.lastEventTimestamp)).toEqual([3000, 2000, 1000]);
    expect(underPrefix.logStreams?.map((stream) => stream.logStreamName)).toEqual([
      '2026/11/24/[$LATEST]bbbb',
      '2026/11/24/[$LATEST]aaaa',
    ]);
  });

  it('pages streams in either order', async () => {
    const store = await openStore();
    for (let index = 0; index < 5; index += 1)
      store.append(GROUP, `s${index}`, [{ timestamp: 10 - index, message: 'x' }]);

    const byTime = await allNames(async (nextToken) => {
      const page = await describeStreams(store, {
        orderBy: 'LastEventTime',
        limit: 2,
        ...(nextToken && { nextToken }),
      });
      return {
        names: page.logStreams?.map((stream) => stream.logStreamName as string) ?? [],
        nextToken: page.nextToken,
      };
    });

    expect(byTime).toEqual([['s4', 's3'], ['s2', 's1'], ['s0']]);
  });

  it('creates and deletes streams, failing as the service does', async () => {
    const store = await openStore();
    await call(store, 'CreateLogGroup', { logGroupName: GROUP });
    await call(store, 'CreateLogStream', { logGroupName: GROUP, logStreamName: 'one' });

    const exists = await failure(
      call(store, 'CreateLogStream', { logGroupName: GROUP, logStreamName: 'one' }),
    );
    const noGroup = await failure(
      call(store, 'CreateLogStream', { logGroupName: '/none', logStreamName: 'one' }),
    );
    const badName = await failure(
      call(store, 'CreateLogStream', { logGroupName: GROUP, logStreamName: 'a:b' }),
    );
    await call(store, 'DeleteLogStream', { logGroupName: GROUP, logStreamName: 'one' });
    const gone = await failure(call(store, 'DeleteLogStream', { logGroupName: GROUP, logStreamName: 'one' }));

    expect([exists.code, exists.message]).toEqual([
      'ResourceAlreadyExistsException',
      'The specified log stream already exists',
    ]);
    expect(noGroup.code).toBe('ResourceNotFoundException');
    expect(badName.message).toContain('Member must satisfy regular expression pattern: [^:*]*');
    expect([gone.code, gone.message]).toEqual([
      'ResourceNotFoundException',
      'The specified log stream does not exist.',
    ]);
    expect((await describeStreams(store)).logStreams).toEqual([]);
  });

  it('refuses to order by event time under a prefix, and a missing group', async () => {
    const store = await storeWithStreams();

    const combined = await failure(
      describeStreams(store, { orderBy: 'LastEventTime', logStreamNamePrefix: '2026' }),
    );
    const missing = await failure(describeStreams(store, { logGroupName: '/missing' }));
    const badOrder = await failure(describeStreams(store, { orderBy: 'Size' }));

    expect([combined.code, combined.message]).toEqual([
      'InvalidParameterException',
      'Cannot order by LastEventTime with a logStreamNamePrefix.',
    ]);
    expect(missing.code).toBe('ResourceNotFoundException');
    expect(badOrder.message).toContain('Member must satisfy enum value set: [LogStreamName, LastEventTime]');
  });
});

describe('requests the service does not know', () => {
  it('answers an unknown operation with UnknownOperationException', async () => {
    const store = await openStore();

    const error = await failure(call(store, 'StartLiveTail'));

    expect([error.code, error.status]).toEqual(['UnknownOperationException', 400]);
  });

  it('answers a member of the wrong type with SerializationException', async () => {
    const store = await openStore();

    const error = await failure(call(store, 'CreateLogGroup', { logGroupName: 42 }));

    expect([error.code, error.status]).toEqual(['SerializationException', 400]);
  });
});
