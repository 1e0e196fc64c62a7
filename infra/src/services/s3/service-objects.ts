import { createHash, randomUUID } from 'node:crypto';
import type { S3Context } from './context.js';
import { notifyChange } from './objects/object-operations.js';

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
  await notifyChange(context, 'ObjectCreated:Put', {
    bucket,
    key,
    record,
    requestId: randomUUID(),
    principalId: 'AWS:lambda.amazonaws.com',
  });
}
