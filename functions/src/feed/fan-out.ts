import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { setting } from '#shared/environment.js';
import { applyPlan } from './fan-out/apply.js';
import { type FeedPlan, planRecord, UnreadableRecordError } from './fan-out/plan.js';
import { handleStreamBatch } from './fan-out/stream-batch.js';

/**
 * Keeps every feed in step with the photos and friendships tables, from their streams (two event
 * source mappings with `ReportBatchItemFailures`): see `fan-out/plan.ts` for what each change
 * means. A record that can never be read is logged and passed over (retrying cannot change it); a
 * record whose writes fail is reported, and Lambda retries from it.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const tables = { photos: setting('PHOTOS_TABLE'), friendships: setting('FRIENDSHIPS_TABLE') };
  return handleStreamBatch(event.Records ?? [], async (record) => {
    let plan: FeedPlan;
    try {
      plan = planRecord(record, tables);
    } catch (error) {
      if (!(error instanceof UnreadableRecordError)) throw error;
      console.warn(`skipped ${describe(record)}: ${error.message}`);
      return;
    }
    if (plan.kind === 'nothing') return;
    const { removed, written } = await applyPlan(plan);
    console.log(`${describe(record)}: ${summary(plan)}, ${removed} entries removed, ${written} written`);
  });
}

function describe(record: DynamoDBRecord): string {
  return `${record.eventName} ${record.dynamodb?.SequenceNumber}`;
}

function summary(plan: FeedPlan): string {
  switch (plan.kind) {
    case 'photo':
      return `photo ${plan.photoId} of ${plan.ownerId}`;
    case 'backfill':
    case 'prune':
      return `${plan.kind} ${plan.author}'s photos in ${plan.reader}'s feed`;
    case 'nothing':
      return plan.why;
  }
}
