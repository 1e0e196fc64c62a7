import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws-clients.js';
import { backoff } from '#shared/backoff.js';
import { type FeedEntry, feedsTable } from '../feeds-table.js';
import { inParallel } from './parallel.js';

/** One change to a feed: an entry written whole, or an entry deleted by its key. */
export type FeedWrite = { put: FeedEntry } | { delete: { userId: string; entry: string } };

/** BatchWriteItem's limit. */
const BATCH_SIZE = 25;
/** Batches in flight at once: fast for 1,000 friends (40 batches), gentle on the table. */
const CONCURRENCY = 8;
/** Tries per batch before the record fails (and the stream retries it). */
const MAX_ATTEMPTS = 8;

/**
 * Applies feed writes in BatchWriteItem calls of 25, several at once; what DynamoDB leaves
 * unprocessed (throttling) is sent again after an exponential backoff, and a batch still not
 * through after `MAX_ATTEMPTS` throws, failing the stream record so that Lambda retries it. Every
 * write is idempotent (a put of the same entry, a delete of a key), so a retry repeats harmlessly.
 * Returns how many writes were applied.
 */
export async function writeFeeds(writes: readonly FeedWrite[]): Promise<number> {
  const batches: FeedWrite[][] = [];
  for (let index = 0; index < writes.length; index += BATCH_SIZE) {
    batches.push(writes.slice(index, index + BATCH_SIZE));
  }
  await inParallel(batches, CONCURRENCY, writeBatch);
  return writes.length;
}

async function writeBatch(batch: FeedWrite[]): Promise<void> {
  const table = feedsTable();
  let requests: NonNullable<BatchWriteCommandOutput['UnprocessedItems']>[string] = batch.map((write) =>
    'put' in write ? { PutRequest: { Item: write.put } } : { DeleteRequest: { Key: write.delete } },
  );
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt >= MAX_ATTEMPTS) {
      throw new Error(`feeds: ${requests.length} writes still unprocessed after ${MAX_ATTEMPTS} attempts`);
    }
    if (attempt > 0) await backoff(attempt);
    const { UnprocessedItems }: BatchWriteCommandOutput = await dynamo().send(
      new BatchWriteCommand({ RequestItems: { [table]: requests } }),
    );
    requests = UnprocessedItems?.[table] ?? [];
  }
}
