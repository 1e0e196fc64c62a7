import { afterEach, describe, expect, it } from 'vitest';
import { EventSourceMappings } from '../../../../../src/services/lambda/event-source-mappings/event-source-mappings.js';
import { FakeStream } from './fake-stream.js';
import { mapping, RecordingFunction, sleep, tempDir, until, WHERE } from './streams-fixture.js';

const open: EventSourceMappings[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((mappings) => mappings.close()));
});

async function poll(
  stream: FakeStream,
  fn: RecordingFunction,
  stateDir = tempDir(),
  logs: string[] = [],
  definition = mapping('items', { uuid: 'a0000000-0000-4000-8000-000000000001' }),
): Promise<EventSourceMappings> {
  const mappings = new EventSourceMappings({
    ...WHERE,
    stateDir,
    mappings: [definition],
    streams: stream.streams,
    dynamodb: stream.dynamodb,
    invoke: fn.invoke,
    deliverFailure: fn.deliverFailure,
    retryDelayScale: 0.001,
    pollIntervalMs: 20,
    refreshIntervalMs: 50,
    log: (message) => logs.push(message),
  });
  open.push(mappings);
  await mappings.start();
  return mappings;
}

describe('shards of a stream', () => {
  it('reads a parent shard to its end before its children, listing every page of shards', async () => {
    const stream = new FakeStream()
      .shard('shard-parent')
      .write('shard-parent', 'p1', 'p2')
      .close('shard-parent')
      .shard('shard-child-1', 'shard-parent')
      .shard('shard-child-2', 'shard-parent');
    // Written before the parent's records were read: they must still come after them.
    stream.write('shard-child-1', 'c1').write('shard-child-2', 'c2');
    const fn = new RecordingFunction();
    fn.behave = (invocation) =>
      invocation.keys.includes('p1') && fn.invocations.length < 3 ? 'error' : 'ok';

    await poll(stream, fn);
    await until(() => fn.delivered().includes('c1') && fn.delivered().includes('c2'));

    const batches = fn.invocations.map((invocation) => invocation.keys.join());
    // The parent's batch failed twice before it went through; only then did the children start.
    expect(batches.slice(0, 3)).toEqual(['p1,p2', 'p1,p2', 'p1,p2']);
    expect(batches.slice(3).sort()).toEqual(['c1', 'c2']);
  });

  it('renews an expired iterator from the checkpoint, without losing or repeating records', async () => {
    const stream = new FakeStream().shard('shard-1').write('shard-1', 'a', 'b');
    const fn = new RecordingFunction();
    const mappings = await poll(stream, fn);
    await until(() => fn.delivered().length === 2);

    stream.expireNextIterator = true;
    stream.write('shard-1', 'c');
    mappings.nudge('items');
    await until(() => fn.delivered().length >= 3);
    await sleep(100);

    expect(fn.delivered()).toEqual(['a', 'b', 'c']);
  });

  it('falls back to the oldest record still there when its checkpoint was trimmed, and says so', async () => {
    const stream = new FakeStream().shard('shard-1').write('shard-1', 'a');
    const stateDir = tempDir();
    const fn = new RecordingFunction();
    const first = await poll(stream, fn, stateDir);
    await until(() => fn.delivered().length === 1);
    await first.close();
    open.splice(open.indexOf(first), 1);

    // While nothing ran, 'b' and 'c' were written and 'a' and 'b' aged out of the stream.
    stream.write('shard-1', 'b', 'c');
    stream.trimmedThrough = 2;
    const logs: string[] = [];
    await poll(stream, fn, stateDir, logs);
    await until(() => fn.delivered().length >= 2);

    expect(fn.delivered()).toEqual(['a', 'c']);
    expect(logs.join('\n')).toMatch(/trimmed from the stream before they were processed.*TRIM_HORIZON/);
  });

  it('keeps each invocation under Lambda’s 6 MB payload limit', async () => {
    const stream = new FakeStream()
      .shard('shard-1')
      .writeItems('shard-1', ['a', 'b', 'c', 'd', 'e'], 2_500_000);
    const fn = new RecordingFunction();
    const sizes: number[] = [];
    const invoke = fn.invoke;
    fn.invoke = async (name, payload, requestId) => {
      sizes.push(payload.length);
      return invoke(name, payload, requestId);
    };

    await poll(stream, fn);
    await until(() => fn.delivered().length >= 5);

    expect(fn.invocations.map((invocation) => invocation.keys)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6 * 1024 * 1024);
  });

  it('polls an idle shard a few times a second with one GetRecords each, reusing iterators', async () => {
    const stream = new FakeStream().shard('shard-1');
    const fn = new RecordingFunction();
    const mappings = new EventSourceMappings({
      ...WHERE,
      stateDir: tempDir(),
      mappings: [mapping('items')],
      streams: stream.streams,
      dynamodb: stream.dynamodb,
      invoke: fn.invoke,
      deliverFailure: fn.deliverFailure,
      log: () => undefined,
    });
    open.push(mappings);
    await mappings.start();
    stream.calls.length = 0;

    await sleep(1_050);

    const reads = stream.calls.filter((call) => call === 'GetRecords').length;
    expect(reads).toBeGreaterThanOrEqual(3);
    expect(reads).toBeLessThanOrEqual(5);
    expect(stream.calls.filter((call) => call === 'GetShardIterator')).toEqual([]);
  });
});
