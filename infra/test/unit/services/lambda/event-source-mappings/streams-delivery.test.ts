import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { mapping, RecordingFunction, sleep, streamsSuite, tempDir, until, WHERE } from './streams-fixture.js';

const suite = streamsSuite();
const { started, closed } = suite;

describe('DynamoDB stream → Lambda, against DynamoDB Local', () => {
  it('delivers inserts, updates and deletes in order, shaped as Lambda sends them', async () => {
    const table = await suite.ddb.table();
    const fn = new RecordingFunction();
    await started(suite.ddb.mappings([mapping(table)], fn, tempDir()));

    await suite.ddb.put(table, 'a', { photo: { B: new Uint8Array([0xff, 0xd8]) }, n: { N: '1' } });
    await suite.ddb.put(table, 'a', { n: { N: '2' } });
    await suite.ddb.delete(table, 'a');
    await until(() => fn.delivered().length >= 3);

    const records = fn.invocations.flatMap((invocation) => invocation.records);
    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const streamArn = await suite.ddb.streamArn(table);
    expect(records[0]).toEqual({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: WHERE.region,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'a' } },
        NewImage: { pk: { S: 'a' }, photo: { B: '/9g=' }, n: { N: '1' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: streamArn,
    });
    expect(
      Math.abs((records[0]?.dynamodb.ApproximateCreationDateTime ?? 0) - Date.now() / 1000),
    ).toBeLessThan(120);
    expect(records[1]?.dynamodb.OldImage).toMatchObject({ n: { N: '1' } });
    expect(records[2]?.dynamodb).toMatchObject({ OldImage: { n: { N: '2' } } });
    expect(records[2]?.dynamodb.NewImage).toBeUndefined();
  });

  it('batches up to BatchSize records and keeps their order', async () => {
    const table = await suite.ddb.table();
    for (let i = 0; i < 7; i++) await suite.ddb.put(table, `k${i}`);
    const fn = new RecordingFunction();

    await started(suite.ddb.mappings([mapping(table, { batchSize: 3 })], fn, tempDir()));
    await until(() => fn.delivered().length >= 7);

    expect(fn.invocations.map((invocation) => invocation.keys)).toEqual([
      ['k0', 'k1', 'k2'],
      ['k3', 'k4', 'k5'],
      ['k6'],
    ]);
  });

  it('waits up to MaximumBatchingWindowInSeconds to fill a batch', async () => {
    const table = await suite.ddb.table();
    const fn = new RecordingFunction();
    const mappings = await started(
      suite.ddb.mappings(
        [mapping(table, { batchSize: 10, maximumBatchingWindowInSeconds: 1 })],
        fn,
        tempDir(),
      ),
    );

    for (const key of ['a', 'b', 'c']) {
      await suite.ddb.put(table, key);
      mappings.nudge(table);
      await sleep(100);
    }
    await until(() => fn.delivered().length >= 3);

    expect(fn.invocations.map((invocation) => invocation.keys)).toEqual([['a', 'b', 'c']]);
  });

  it('after a restart neither replays what was acknowledged nor loses what was not', async () => {
    const table = await suite.ddb.table();
    const stateDir = tempDir();
    const definition = mapping(table);
    const fn = new RecordingFunction();
    const first = await started(suite.ddb.mappings([definition], fn, stateDir));
    await suite.ddb.put(table, 'acknowledged');
    await until(() => fn.delivered().includes('acknowledged'));
    // The next record meets a function that cannot run (throttled): it is never acknowledged.
    fn.behave = () => 'throttle';
    await suite.ddb.put(table, 'unacknowledged');
    await until(() => fn.delivered().includes('unacknowledged'));
    await closed(first);
    await suite.ddb.put(table, 'written-while-down');

    const again = new RecordingFunction();
    await started(suite.ddb.mappings([definition], again, stateDir));
    await until(() => again.delivered().length >= 2);
    await sleep(300);

    expect(again.delivered()).toEqual(['unacknowledged', 'written-while-down']);
  });

  it('with StartingPosition LATEST skips what was there, yet loses nothing written after the start', async () => {
    const table = await suite.ddb.table();
    await suite.ddb.put(table, 'before');
    const stateDir = tempDir();
    const definition = mapping(table, { startingPosition: 'LATEST' });
    const fn = new RecordingFunction();
    await closed(await started(suite.ddb.mappings([definition], fn, stateDir)));
    // Written after the mapping started, while nothing runs.
    await suite.ddb.put(table, 'after');

    await started(suite.ddb.mappings([definition], fn, stateDir));
    await until(() => fn.delivered().length >= 1);
    await sleep(300);

    expect(fn.delivered()).toEqual(['after']);
  });

  it('stops delivering when disabled and resumes from its checkpoint when enabled', async () => {
    const table = await suite.ddb.table();
    const definition = mapping(table);
    const fn = new RecordingFunction();
    const mappings = await started(suite.ddb.mappings([definition], fn, tempDir()));
    await suite.ddb.put(table, 'one');
    await until(() => fn.delivered().length === 1);

    const disabling = await mappings.update(definition.uuid, { Enabled: false });
    await until(() => mappings.get(definition.uuid).State === 'Disabled');
    await suite.ddb.put(table, 'while-disabled');
    mappings.nudge(table);
    await sleep(600);
    const delivered = fn.delivered();
    const enabling = await mappings.update(definition.uuid, { Enabled: true });
    await until(() => fn.delivered().length >= 2);

    expect(disabling.State).toBe('Disabling');
    expect(delivered).toEqual(['one']);
    expect(enabling.State).toBe('Enabling');
    expect(fn.delivered()).toEqual(['one', 'while-disabled']);
    expect(mappings.get(definition.uuid)).toMatchObject({ State: 'Enabled', LastProcessingResult: 'OK' });
  });

  it('drops records that match no filter, and counts them as processed', async () => {
    const table = await suite.ddb.table();
    const stateDir = tempDir();
    const definition = mapping(table, {
      filterPatterns: [JSON.stringify({ dynamodb: { NewImage: { kind: { S: ['photo'] } } } })],
    });
    const fn = new RecordingFunction();
    const mappings = await started(suite.ddb.mappings([definition], fn, stateDir));

    await suite.ddb.put(table, 'video-1', { kind: { S: 'video' } });
    await suite.ddb.put(table, 'photo-1', { kind: { S: 'photo' } });
    await suite.ddb.put(table, 'video-2', { kind: { S: 'video' } });
    mappings.nudge(table);
    await until(() => fn.delivered().length >= 1);
    await sleep(400);
    await closed(mappings);
    const again = new RecordingFunction();
    await started(suite.ddb.mappings([definition], again, stateDir));
    await sleep(600);

    expect(fn.delivered()).toEqual(['photo-1']);
    expect(again.delivered()).toEqual([]);
  });

  it('follows the table to a new stream when its stream is re-created', async () => {
    const table = await suite.ddb.table('NEW_IMAGE');
    const definition = mapping(table);
    const fn = new RecordingFunction();
    const mappings = await started(suite.ddb.mappings([definition], fn, tempDir()));
    await suite.ddb.put(table, 'old-stream');
    await until(() => fn.delivered().length === 1);
    const oldArn = await suite.ddb.streamArn(table);

    await suite.ddb.dynamodb.send(new DeleteTableCommand({ TableName: table }));
    await suite.ddb.table('NEW_IMAGE', table);
    await suite.ddb.put(table, 'new-stream');
    mappings.nudge(table);
    await until(() => fn.delivered().length >= 2);

    expect(fn.delivered()).toEqual(['old-stream', 'new-stream']);
    const newArn = await suite.ddb.streamArn(table);
    expect(newArn).not.toBe(oldArn);
    expect(fn.invocations[1]?.records[0]?.eventSourceARN).toBe(newArn);
  });

  it('starts the function within a few milliseconds of a nudged write', async () => {
    const table = await suite.ddb.table();
    const fn = new RecordingFunction();
    const mappings = await started(suite.ddb.mappings([mapping(table)], fn, tempDir()));
    const latencies: number[] = [];

    for (let i = 0; i < 30; i++) {
      await suite.ddb.put(table, `k${i}`);
      const acknowledged = performance.now();
      mappings.nudge(table);
      await until(() => fn.invocations.length > i, 5_000);
      latencies.push((fn.invocations[i]?.startedAt ?? Number.POSITIVE_INFINITY) - acknowledged);
    }

    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(latencies.length / 2)] as number;
    console.log(
      `nudge → invoke: p50 ${p50.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms over ${latencies.length} writes`,
    );
    // Far below the 250 ms idle poll: the nudge, not the poll, delivered them.
    expect(p50).toBeLessThan(100);
  });
});
