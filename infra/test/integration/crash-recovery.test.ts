import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_STACK_TEMPLATE, type StartedCloud, startCloud } from '../support/local-cloud.js';
import { pollUntil } from '../support/poll.js';
import { readRecords } from '../support/records.js';

const EVENTUALLY = { timeoutMs: 20_000, intervalMs: 25 };
let running: StartedCloud | undefined;
afterEach(async () => {
  await running?.stop('SIGKILL');
  running = undefined;
});

/** Starts the event stack on a state dir that outlives the process, as a restart needs. */
async function start(stateDir: string, recordDir: string): Promise<StartedCloud> {
  running = await startCloud({
    template: EVENT_STACK_TEMPLATE,
    stateDir,
    args: ['--parameter', `RecordDir=${recordDir}`],
  });
  return running;
}

async function kill(cloud: StartedCloud): Promise<void> {
  await cloud.stop('SIGKILL');
  running = undefined;
}

const tempDir = (name: string) => mkdtempSync(path.join(os.tmpdir(), `${name}-`));

describe('killing the local cloud and starting it again', () => {
  it('keeps an acknowledged object and delivers its event', async () => {
    const [state, recordDir] = [tempDir('crash-state'), tempDir('crash-records')];
    const first = await start(state, recordDir);
    await first
      .s3()
      .send(new PutObjectCommand({ Bucket: 'uploads', Key: 'uploads/kept.jpg', Body: 'acknowledged' }));
    await kill(first);

    const second = await start(state, recordDir);
    const object = await second
      .s3()
      .send(new GetObjectCommand({ Bucket: 'uploads', Key: 'uploads/kept.jpg' }));
    const events = await pollUntil(
      () => readRecords(recordDir, 'on-upload.jsonl'),
      (lines) => lines.some((line) => line.event.Records[0].s3.object.key === 'uploads/kept.jpg'),
      EVENTUALLY,
    );

    expect(await object.Body?.transformToString()).toBe('acknowledged');
    expect(events.some((line) => line.event.Records[0].s3.object.key === 'uploads/kept.jpg')).toBe(true);
  });

  it('leaves no trace of an upload killed half way', async () => {
    const [state, recordDir] = [tempDir('crash-state'), tempDir('crash-records')];
    const first = await start(state, recordDir);
    let sent = 0;
    const body = new Readable({
      read() {
        // Half of the declared bytes, then nothing more: the upload hangs until the process dies.
        if (sent < 2) {
          this.push(Buffer.alloc(1024 * 1024, 1));
          sent++;
        }
      },
    });
    const upload = first
      .s3()
      .send(
        new PutObjectCommand({
          Bucket: 'uploads',
          Key: 'uploads/half.bin',
          Body: body,
          ContentLength: 4 * 1024 * 1024,
        }),
      )
      .catch((error: unknown) => error);
    await pollUntil(
      () => sent,
      (count) => count >= 2,
      EVENTUALLY,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await kill(first);
    await upload;

    const second = await start(state, recordDir);
    const s3 = second.s3();
    const head = await s3
      .send(new HeadObjectCommand({ Bucket: 'uploads', Key: 'uploads/half.bin' }))
      .catch((error: { name: string }) => error.name);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'uploads', Prefix: 'uploads/half' }));

    expect(head).toBe('NotFound');
    expect(listed.KeyCount).toBe(0);
    expect(
      readRecords(recordDir, 'on-upload.jsonl').some(
        (line) => line.event.Records[0].s3.object.key === 'uploads/half.bin',
      ),
    ).toBe(false);
  });

  it('neither replays acknowledged stream records nor loses unacknowledged ones', async () => {
    const [state, recordDir] = [tempDir('crash-state'), tempDir('crash-records')];
    const first = await start(state, recordDir);
    const put = (cloud: StartedCloud, pk: string) =>
      cloud
        .dynamodb()
        .send(new PutItemCommand({ TableName: 'items', Item: { pk: { S: pk }, sk: { S: 'v' } } }));
    const delivered = () =>
      readRecords(recordDir, 'on-item-change.jsonl').flatMap((line) =>
        line.event.Records.map(
          (record: { dynamodb: { Keys: { pk: { S: string } } } }) => record.dynamodb.Keys.pk.S,
        ),
      );

    await put(first, 'before-crash');
    await pollUntil(delivered, (keys) => keys.includes('before-crash'), EVENTUALLY);
    const lambda = first.lambda();
    const { EventSourceMappings } = await lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: 'on-item-change' }),
    );
    const UUID = EventSourceMappings?.[0]?.UUID as string;
    await lambda.send(new UpdateEventSourceMappingCommand({ UUID, Enabled: false }));
    await put(first, 'while-disabled');
    await kill(first);

    const second = await start(state, recordDir);
    await second.lambda().send(new UpdateEventSourceMappingCommand({ UUID, Enabled: true }));
    const keys = await pollUntil(delivered, (all) => all.includes('while-disabled'), EVENTUALLY);

    expect(keys.filter((key) => key === 'before-crash')).toHaveLength(1);
    expect(keys.filter((key) => key === 'while-disabled')).toHaveLength(1);
  });
});
