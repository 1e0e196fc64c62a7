import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { describe, expect, it } from 'vitest';
import { useEventStack } from '../support/cloud-fixture.js';
import { pollUntil } from '../support/poll.js';
import { readRecords } from '../support/records.js';
import { s3Failure } from '../support/s3.js';

const local = useEventStack('s3-post');
const Bucket = 'uploads';
const MAX_BYTES = 1024 * 1024;

/** A form as `@aws-sdk/s3-presigned-post` makes it for keys under `prefix`, at most MAX_BYTES, any image type. */
async function presignedForm(prefix: string, options: { expires?: number } = {}) {
  return createPresignedPost(local.s3, {
    Bucket,
    Key: `${prefix}\${filename}`,
    Conditions: [
      ['starts-with', '$key', prefix],
      ['content-length-range', 1, MAX_BYTES],
      ['starts-with', '$Content-Type', 'image/'],
    ],
    Fields: { 'Content-Type': 'image/jpeg' },
    Expires: options.expires ?? 300,
  });
}

function post(
  form: { url: string; fields: Record<string, string> },
  file: Buffer,
  filename: string,
  extra: Record<string, string> = {},
) {
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...form.fields, ...extra })) body.append(name, value);
  body.append('file', new Blob([file]), filename);
  return fetch(form.url, { method: 'POST', body });
}

describe('browser form uploads (POST Object) with a presigned policy', () => {
  it('stores the file under the key the policy allows, with 204 and the ETag', async () => {
    const form = await presignedForm('uploads/form/');

    const response = await post(form, Buffer.from('jpeg bytes from a form'), 'cat.jpg');
    const stored = await local.s3.send(new GetObjectCommand({ Bucket, Key: 'uploads/form/cat.jpg' }));

    expect(response.status).toBe(204);
    expect(response.headers.get('etag')).toBe(stored.ETag);
    expect(stored.ContentType).toBe('image/jpeg');
    expect(await stored.Body?.transformToString()).toBe('jpeg bytes from a form');
  });

  it('notifies the bucket function with ObjectCreated:Post', async () => {
    const form = await presignedForm('uploads/form/');
    await post(form, Buffer.from('x'), 'notified.jpg');

    const events = await pollUntil(
      () => readRecords(local.records, 'on-upload.jsonl').flatMap((line) => line.event.Records),
      (all) => all.some((record) => record.s3.object.key === 'uploads/form/notified.jpg'),
      { timeoutMs: 15_000, intervalMs: 25 },
    );

    expect(events.find((record) => record.s3.object.key === 'uploads/form/notified.jpg')?.eventName).toBe(
      'ObjectCreated:Post',
    );
  });

  it("answers 201 with S3's PostResponse when the form asks for it", async () => {
    const form = await createPresignedPost(local.s3, {
      Bucket,
      Key: 'uploads/form/created.jpg',
      Conditions: [{ success_action_status: '201' }],
    });

    const response = await post(form, Buffer.from('y'), 'created.jpg', { success_action_status: '201' });
    const text = await response.text();

    expect(response.status).toBe(201);
    expect(text).toContain('<Key>uploads/form/created.jpg</Key>');
    expect(text).toContain('<Bucket>uploads</Bucket>');
  });

  it('refuses a file larger than the policy allows, and stores nothing', async () => {
    const form = await presignedForm('uploads/form/');

    const response = await post(form, Buffer.alloc(MAX_BYTES + 1), 'huge.jpg');

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>EntityTooLarge</Code>');
    expect(
      (await s3Failure(local.s3.send(new HeadObjectCommand({ Bucket, Key: 'uploads/form/huge.jpg' })))).name,
    ).toBe('NotFound');
  });

  it('refuses a key outside the policy, a field it does not cover, and a forged signature', async () => {
    const form = await presignedForm('uploads/form/');

    const outside = await post(
      { ...form, fields: { ...form.fields, key: 'elsewhere/x.jpg' } },
      Buffer.from('z'),
      'x.jpg',
    );
    const extra = await post(form, Buffer.from('z'), 'x.jpg', { 'x-amz-meta-sneaky': 'yes' });
    const forged = await post(
      { ...form, fields: { ...form.fields, 'X-Amz-Signature': '0'.repeat(64) } },
      Buffer.from('z'),
      'x.jpg',
    );

    expect(outside.status).toBe(403);
    expect(await outside.text()).toContain('Policy Condition failed');
    expect(extra.status).toBe(403);
    expect(await extra.text()).toContain('Extra input fields: x-amz-meta-sneaky');
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('refuses an expired policy', async () => {
    const form = await presignedForm('uploads/form/', { expires: -10 });

    const response = await post(form, Buffer.from('late'), 'late.jpg');

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Policy expired');
  });

  it('refuses a form without a policy as an anonymous upload', async () => {
    const body = new FormData();
    body.append('key', 'uploads/form/anonymous.jpg');
    body.append('file', new Blob(['anonymous']), 'anonymous.jpg');

    const response = await fetch(`${local.cloud.url}/${Bucket}`, { method: 'POST', body });

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  });
});
