import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { inParallel } from './parallel.js';

/** Items whose records are worked on at once (each item's own records stay in order). */
const ITEM_CONCURRENCY = 4;

/**
 * Handles a stream batch under `ReportBatchItemFailures`. Records of one item (same table, same
 * keys) are handled one after another in stream order; different items are handled side by side.
 * When a record fails, the later records of the same item are not attempted (they must not overtake
 * it) and all of them are reported; Lambda then resumes the stream at the lowest reported sequence
 * number, so everything after it comes again — which idempotent handling makes harmless — while
 * every other item's progress is kept. One bad record therefore never blocks the others.
 */
export async function handleStreamBatch(
  records: readonly DynamoDBRecord[],
  handle: (record: DynamoDBRecord) => Promise<void>,
): Promise<DynamoDBBatchResponse> {
  const failed: string[] = [];
  await inParallel(itemsInOrder(records), ITEM_CONCURRENCY, async (item) => {
    for (const [index, record] of item.entries()) {
      try {
        await handle(record);
      } catch (error) {
        console.error(`record ${record.dynamodb?.SequenceNumber} (${record.eventName}) failed`, error);
        for (const skipped of item.slice(index)) failed.push(sequenceNumberOf(skipped));
        return;
      }
    }
  });
  failed.sort(compareSequenceNumbers);
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

/** The records grouped by item, each group in stream order, the groups by their first record. */
export function itemsInOrder(records: readonly DynamoDBRecord[]): DynamoDBRecord[][] {
  const items = new Map<string, DynamoDBRecord[]>();
  const ordered = [...records].sort((a, b) =>
    compareSequenceNumbers(sequenceNumberOf(a), sequenceNumberOf(b)),
  );
  for (const record of ordered) {
    const key = `${record.eventSourceARN}\n${canonicalKeys(record)}`;
    const group = items.get(key);
    if (group) group.push(record);
    else items.set(key, [record]);
  }
  return [...items.values()];
}

function sequenceNumberOf(record: DynamoDBRecord): string {
  return record.dynamodb?.SequenceNumber ?? '';
}

/** Sequence numbers are decimal strings of up to 40 digits: shorter is smaller, then by digits. */
export function compareSequenceNumbers(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

function canonicalKeys(record: DynamoDBRecord): string {
  const keys = record.dynamodb?.Keys ?? {};
  return JSON.stringify(
    Object.keys(keys)
      .sort()
      .map((name) => [name, keys[name]]),
  );
}
