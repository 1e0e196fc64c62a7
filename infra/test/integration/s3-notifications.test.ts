import { CopyObjectCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { describe, expect, it } from 'vitest';
import { useEventStack } from '../support/cloud-fixture.js';
import { ACCOUNT, REGION } from '../support/local-cloud.js';
import { pollUntil } from '../support/poll.js';
import { readRecords } from '../support/records.js';

const local = useEventStack('s3-events', ['--retry-delay-scale', '0.002']);
const Bucket = 'uploads';

/** The S3 event records on-upload received so far. */
const received = () => readRecords(local.records, 'on-upload.jsonl').flatMap((line) => line.event.Records);
const EVENTUALLY = { timeoutMs: 15_000, intervalMs: 25 };
const eventFor = async (key: string, eventName: string) => {
  const all = await pollUntil(
    received,
    (r) => r.some((x) => x.s3.object.key === key && x.eventName === eventName),
    EVENTUALLY,
  );
  return all.find((x) => x.s3.object.key === key && x.eventName === eventName);
};

describe('S3 event notifications to Lambda', () => {
  it('invokes the function with the contract record when an object is created under the prefix', async () => {
    const put = await local.s3.send(
      new PutObjectCommand({ Bucket, Key: 'uploads/alice/p1.jpg', Body: 'jpeg bytes' }),
    );

    const record = await eventFor('uploads/alice/p1.jpg', 'ObjectCreated:Put');

    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: REGION,
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: expect.any(String) },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': put.$metadata.requestId },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: expect.any(String),
        bucket: { name: 'uploads', ownerIdentity: { principalId: ACCOUNT }, arn: 'arn:aws:s3:::uploads' },
        object: {
          key: 'uploads/alice/p1.jpg',
          size: 10,
          eTag: put.ETag?.replaceAll('"', ''),
          sequencer: expect.any(String),
        },
      },
    });
    expect(Date.parse(record?.eventTime)).not.toBeNaN();
  });

  it('URL-encodes the key in the record, spaces as plus signs', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket, Key: 'uploads/bob/my photo #1.jpg', Body: 'x' }));

    const record = await eventFor('uploads/bob/my+photo+%231.jpg', 'ObjectCreated:Put');

    expect(record).toBeDefined();
  });

  it('does not notify for keys outside the filter prefix', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket, Key: 'elsewhere/quiet.txt', Body: 'x' }));
    await local.s3.send(new PutObjectCommand({ Bucket, Key: 'uploads/marker-after-quiet.txt', Body: 'x' }));

    await eventFor('uploads/marker-after-quiet.txt', 'ObjectCreated:Put');

    expect(received().some((record) => record.s3.object.key === 'elsewhere/quiet.txt')).toBe(false);
  });

  it('reports copies, completed multipart uploads and deletions with their own event names', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket, Key: 'uploads/c/source.txt', Body: 'x' }));
    await local.s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'uploads/c/copy.txt',
        CopySource: `${Bucket}/uploads/c/source.txt`,
      }),
    );
    await new Upload({
      client: local.s3,
      params: { Bucket, Key: 'uploads/c/multi.bin', Body: Buffer.alloc(6 * 1024 * 1024, 7) },
      partSize: 5 * 1024 * 1024,
    }).done();
    await local.s3.send(new DeleteObjectCommand({ Bucket, Key: 'uploads/c/source.txt' }));

    const copy = await eventFor('uploads/c/copy.txt', 'ObjectCreated:Copy');
    const multi = await eventFor('uploads/c/multi.bin', 'ObjectCreated:CompleteMultipartUpload');
    const removed = await eventFor('uploads/c/source.txt', 'ObjectRemoved:Delete');

    expect(copy).toBeDefined();
    expect(multi?.s3.object.eTag).toMatch(/-2$/);
    expect(multi?.s3.object.size).toBe(6 * 1024 * 1024);
    expect(removed?.s3.object).toEqual({ key: 'uploads/c/source.txt', sequencer: expect.any(String) });
  });

  it('retries a failing function like any asynchronous invocation', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket, Key: 'uploads/fail-always.jpg', Body: 'x' }));

    const attempts = await pollUntil(
      () =>
        readRecords(local.records, 'on-upload.jsonl').filter(
          (line) => line.event.Records[0].s3.object.key === 'uploads/fail-always.jpg',
        ),
      (lines) => lines.length >= 3,
      EVENTUALLY,
    );

    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((line) => line.requestId)).size).toBe(1);
  });
});
