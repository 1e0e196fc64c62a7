import { createHash } from 'node:crypto';
import type { S3Context } from './context.js';
import { hostId } from './notifications.js';

/**
 * Writes an object on behalf of an AWS service (Lambda keeping a stream's failed batch), the way
 * PutObject would: atomically, then the bucket's notifications, queued durably before it returns.
 */
export async function putServiceObject(
  context: S3Context,
  bucket: string,
  key: string,
  body: Buffer,
  contentType = 'application/json',
): Promise<void> {
  const pending = await context.store.beginPut(bucket, key);
  let record: Awaited<ReturnType<typeof pending.commit>>;
  try {
    await pending.write(body);
    record = await pending.commit({ etag: `"${createHash('md5').update(body).digest('hex')}"`, contentType });
  } catch (error) {
    await pending.abort();
    throw error;
  }
  const notifications = context.store.bucket(bucket)?.configuration.notifications ?? [];
  const requestId = hostId(key).slice(0, 16);
  await context.notifier.notify(notifications, {
    name: 'ObjectCreated:Put',
    bucket,
    key,
    size: record.size,
    etag: record.etag.replaceAll('"', ''),
    requestId,
    sourceIp: '127.0.0.1',
    principalId: 'AWS:lambda.amazonaws.com',
    time: new Date(record.lastModified),
  });
}
