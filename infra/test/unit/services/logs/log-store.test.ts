import { appendFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogStore } from '../../../../src/services/logs/store/store.js';
import { cleanUp, GROUP, openStore, STREAM, stateDir } from './log-fixtures.js';

afterEach(cleanUp);

const HOURS = 3_600_000;
const BASE = Date.UTC(2026, 10, 24, 10);

function lines(count: number, from = 0): Array<{ timestamp: number; message: string }> {
  return Array.from({ length: count }, (_, index) => ({
    timestamp: BASE + from + index,
    message: `line ${from + index}`,
  }));
}

async function messages(
  store: LogStore,
  group = GROUP,
  streams = [STREAM],
  direction: 'forward' | 'backward' = 'forward',
) {
  const events = await store.readEvents(group, { logStreamNames: streams, direction, limit: 10_000 });
  return events.map((event) => event.message);
}

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe('LogStore', () => {
  it('shows appended events to reads before they are written to disk', async () => {
    const dir = await stateDir();
    const store = await openStore(dir, { flushIntervalMs: 60_000 });

    store.append(GROUP, STREAM, lines(3));

    expect(await messages(store)).toEqual(['line 0', 'line 1', 'line 2']);
    const onDisk = await openStore(dir);
    expect(onDisk.getLogGroup(GROUP)).toBeUndefined();
  });

  it('creates the group and the stream of a first append, with their statistics', async () => {
    const store = await openStore();
    const before = Date.now();

    store.append(GROUP, STREAM, [
      { timestamp: BASE + 5, message: 'b' },
      { timestamp: BASE + 1, message: 'a' },
    ]);

    const stream = store.getLogStream(GROUP, STREAM);
    expect(store.listLogGroups().map((group) => group.logGroupName)).toEqual([GROUP]);
    expect(stream).toMatchObject({
      logStreamName: STREAM,
      firstEventTimestamp: BASE + 1,
      lastEventTimestamp: BASE + 5,
    });
    expect(stream?.lastIngestionTime).toBeGreaterThanOrEqual(before);
    expect(stream?.creationTime).toBeGreaterThanOrEqual(before);
  });

  it('finds the groups, streams and events again in a new store after close', async () => {
    const dir = await stateDir();
    const first = await openStore(dir, { flushIntervalMs: 60_000 });
    first.createLogGroup('/app/empty', { logGroupClass: 'INFREQUENT_ACCESS' });
    first.append(GROUP, STREAM, lines(5));
    first.append(GROUP, 'other', [{ timestamp: BASE, message: 'from the other stream' }]);
    first.append('/aws/lambda/resizer', STREAM, [{ timestamp: BASE, message: 'resized' }]);
    const groups = first.listLogGroups();
    const streams = first.listLogStreams(GROUP);
    const events = await first.readEvents(GROUP, {
      logStreamNames: [STREAM],
      direction: 'forward',
      limit: 100,
    });

    first.close();
    const second = await openStore(dir);

    expect(second.listLogGroups()).toEqual(groups);
    expect(second.listLogStreams(GROUP)).toEqual(streams);
    expect(
      await second.readEvents(GROUP, { logStreamNames: [STREAM], direction: 'forward', limit: 100 }),
    ).toEqual(events);
    expect(await messages(second, '/aws/lambda/resizer')).toEqual(['resized']);
    expect(second.getLogGroup('/app/empty')?.logGroupClass).toBe('INFREQUENT_ACCESS');
  });

  it('writes buffered events to disk within the flush interval, without close', async () => {
    const dir = await stateDir();
    const store = await openStore(dir, { flushIntervalMs: 20 });

    store.append(GROUP, STREAM, lines(3));
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(await messages(await openStore(dir))).toEqual(['line 0', 'line 1', 'line 2']);
  });

  it('has everything appended before flush() on disk when it resolves', async () => {
    const dir = await stateDir();
    const store = await openStore(dir, { flushIntervalMs: 60_000 });
    store.append(GROUP, STREAM, lines(2));

    await store.flush();

    expect(await messages(await openStore(dir))).toEqual(['line 0', 'line 1']);
  });

  it('writes each event exactly once when close() interrupts a background write', async () => {
    const dir = await stateDir();
    const store = await openStore(dir, { flushIntervalMs: 60_000 });
    store.append(GROUP, STREAM, lines(500));
    const writing = store.flush();
    store.append(GROUP, STREAM, lines(500, 500));

    store.close();
    await writing;

    expect(await messages(await openStore(dir))).toEqual(lines(1000).map((line) => line.message));
  });

  it('continues a stream across restarts, old events before new ones', async () => {
    const dir = await stateDir();
    const first = await openStore(dir);
    first.append(GROUP, STREAM, lines(3));
    first.close();

    const second = await openStore(dir);
    second.append(GROUP, STREAM, lines(3, 3));
    const beforeRestart = await second.readEvents(GROUP, {
      logStreamNames: [STREAM],
      direction: 'forward',
      limit: 10,
    });
    second.close();
    const third = await openStore(dir);
    const afterRestart = await third.readEvents(GROUP, {
      logStreamNames: [STREAM],
      direction: 'forward',
      limit: 10,
    });

    expect(afterRestart.map((event) => event.message)).toEqual([
      'line 0',
      'line 1',
      'line 2',
      'line 3',
      'line 4',
      'line 5',
    ]);
    expect(afterRestart).toEqual(beforeRestart);
    expect(new Set(afterRestart.map((event) => event.seq)).size).toBe(6);
  });

  it('reads events in timestamp order whatever order they arrived in', async () => {
    const store = await openStore(undefined, { flushIntervalMs: 60_000 });
    store.append(GROUP, STREAM, [{ timestamp: BASE + 30, message: 'third' }]);
    await store.flush();
    store.append(GROUP, STREAM, [{ timestamp: BASE + 10, message: 'first' }]);
    await store.flush();
    store.append(GROUP, STREAM, [{ timestamp: BASE + 20, message: 'second' }]);

    expect(await messages(store)).toEqual(['first', 'second', 'third']);
    expect(await messages(store, GROUP, [STREAM], 'backward')).toEqual(['third', 'second', 'first']);
  });

  it('orders events of the same millisecond as they arrived', async () => {
    const store = await openStore();

    store.append(GROUP, STREAM, [
      { timestamp: BASE, message: 'a' },
      { timestamp: BASE, message: 'b' },
    ]);
    store.append(GROUP, STREAM, [{ timestamp: BASE, message: 'c' }]);

    expect(await messages(store)).toEqual(['a', 'b', 'c']);
  });

  it('interleaves the events of several streams by time', async () => {
    const store = await openStore();
    store.append(GROUP, 'one', [
      { timestamp: BASE + 1, message: 'one@1' },
      { timestamp: BASE + 3, message: 'one@3' },
    ]);
    store.append(GROUP, 'two', [
      { timestamp: BASE + 2, message: 'two@2' },
      { timestamp: BASE + 4, message: 'two@4' },
    ]);

    const events = await store.readEvents(GROUP, {
      logStreamNames: ['one', 'two', 'missing'],
      direction: 'forward',
      limit: 10,
    });

    expect(events.map((event) => `${event.logStreamName}:${event.message}`)).toEqual([
      'one:one@1',
      'two:two@2',
      'one:one@3',
      'two:two@4',
    ]);
  });

  it('reads only the events of a time range, start included and end excluded', async () => {
    const store = await openStore();
    store.append(GROUP, STREAM, lines(10));

    const events = await store.readEvents(GROUP, {
      logStreamNames: [STREAM],
      direction: 'forward',
      limit: 100,
      startTime: BASE + 3,
      endTime: BASE + 6,
    });

    expect(events.map((event) => event.message)).toEqual(['line 3', 'line 4', 'line 5']);
  });

  it('returns the nearest events first and no more than the limit, reading from disk', async () => {
    const dir = await stateDir();
    const first = await openStore(dir, { flushBytes: 4096 });
    for (let batch = 0; batch < 50; batch += 1) {
      first.append(GROUP, STREAM, lines(100, batch * 100));
      await first.flush();
    }
    first.close();
    const store = await openStore(dir, { cacheBytes: 0 });

    const oldest = await store.readEvents(GROUP, {
      logStreamNames: [STREAM],
      direction: 'forward',
      limit: 3,
    });
    const newest = await store.readEvents(GROUP, {
      logStreamNames: [STREAM],
      direction: 'backward',
      limit: 3,
    });
    const middle = await store.readEvents(GROUP, {
      logStreamNames: [STREAM],
      direction: 'forward',
      limit: 2,
      after: oldest[2] as { timestamp: number; seq: number },
    });

    expect(oldest.map((event) => event.message)).toEqual(['line 0', 'line 1', 'line 2']);
    expect(newest.map((event) => event.message)).toEqual(['line 4999', 'line 4998', 'line 4997']);
    expect(middle.map((event) => event.message)).toEqual(['line 3', 'line 4']);
  });

  it('keeps names with slashes, brackets, dollars, dots and other scripts apart and intact', async () => {
    const dir = await stateDir();
    const names = ['2026/11/24/[$LATEST]abc', '..', '.', 'Stream', 'stream', 'ström/日志', 'x'.repeat(512)];
    const first = await openStore(dir);
    for (const name of names) first.append(GROUP, name, [{ timestamp: BASE, message: `in ${name}` }]);
    first.close();

    const second = await openStore(dir);

    for (const name of names) expect(await messages(second, GROUP, [name])).toEqual([`in ${name}`]);
    expect(second.listLogStreams(GROUP)?.length).toBe(names.length);
    const root = path.join(dir, 'logs');
    expect(filesUnder(dir).every((file) => file.startsWith(root + path.sep))).toBe(true);
  });

  it('forgets a deleted group, and a group created again under its name starts empty', async () => {
    const dir = await stateDir();
    const first = await openStore(dir);
    first.append(GROUP, STREAM, lines(3));
    await first.flush();

    first.deleteLogGroup(GROUP);
    first.createLogGroup(GROUP);
    first.close();
    const second = await openStore(dir);

    expect(second.listLogGroups().map((group) => group.logGroupName)).toEqual([GROUP]);
    expect(second.listLogStreams(GROUP)).toEqual([]);
    expect(readdirSync(path.join(dir, 'logs'))).toHaveLength(1);
  });

  it('forgets a deleted stream and its events', async () => {
    const dir = await stateDir();
    const first = await openStore(dir);
    first.append(GROUP, STREAM, lines(3));
    first.append(GROUP, 'kept', lines(1));
    await first.flush();

    first.deleteLogStream(GROUP, STREAM);
    await first.flush();
    first.close();
    const second = await openStore(dir);

    expect(second.listLogStreams(GROUP)?.map((stream) => stream.logStreamName)).toEqual(['kept']);
    expect(await messages(second)).toEqual([]);
  });

  it('skips the half line a crash left at the end of a stream file and writes on after it', async () => {
    const dir = await stateDir();
    const first = await openStore(dir);
    first.append(GROUP, STREAM, lines(2));
    first.close();
    const streamFile = filesUnder(dir).find((file) => file.endsWith('.ndjson')) as string;
    appendFileSync(streamFile, '[1795000000000,17950000000000');

    const second = await openStore(dir);
    second.append(GROUP, STREAM, lines(1, 2));
    second.close();
    const third = await openStore(dir);

    expect(await messages(third)).toEqual(['line 0', 'line 1', 'line 2']);
  });

  it('counts the UTF-8 bytes of the messages of a group, written or not', async () => {
    const store = await openStore(undefined, { flushIntervalMs: 60_000 });
    store.append(GROUP, STREAM, [{ timestamp: BASE, message: 'héllo' }]);
    await store.flush();

    store.append(GROUP, 'other', [{ timestamp: BASE, message: '日志' }]);

    expect(store.getLogGroup(GROUP)?.storedBytes).toBe(6 + 6);
  });

  it('drops appends after close', async () => {
    const dir = await stateDir();
    const store = await openStore(dir);
    store.close();

    store.append(GROUP, STREAM, lines(1));

    expect(store.getLogGroup(GROUP)).toBeUndefined();
    expect((await openStore(dir)).getLogGroup(GROUP)).toBeUndefined();
  });

  it('rejects a group or stream that already exists, and deleting one that does not', async () => {
    const store = await openStore();
    store.createLogGroup(GROUP);
    store.createLogStream(GROUP, STREAM);

    expect(() => store.createLogGroup(GROUP)).toThrow('The specified log group already exists');
    expect(() => store.createLogStream(GROUP, STREAM)).toThrow('The specified log stream already exists');
    expect(() => store.createLogStream('/missing', STREAM)).toThrow(
      'The specified log group does not exist.',
    );
    expect(() => store.deleteLogStream(GROUP, 'missing')).toThrow('The specified log stream does not exist.');
    expect(() => store.deleteLogGroup('/missing')).toThrow('The specified log group does not exist.');
  });

  it('ignores events far in the past or the future when ordering, as any other', async () => {
    const store = await openStore();

    store.append(GROUP, STREAM, [
      { timestamp: BASE + 48 * HOURS, message: 'later' },
      { timestamp: 0, message: 'epoch' },
    ]);

    expect(await messages(store)).toEqual(['epoch', 'later']);
  });
});
