import { randomUUID } from 'node:crypto';
import type { SyncInvokeResult } from './sync-invoke.js';

/** Why a batch was given up: Lambda's `requestContext.condition` for stream sources. */
export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded';

export interface DiscardedBatch {
  shardId: string;
  streamArn: string;
  /** The batch's records in order: sequence number and approximate creation time (epoch seconds). */
  records: ReadonlyArray<{ sequenceNumber: string; createdAt?: number }>;
}

export interface FailureContext {
  requestId: string;
  functionArn: string;
  condition: FailureCondition;
  approximateInvokeCount: number;
  /** The last invocation's result, when there was one. */
  lastResult?: SyncInvokeResult;
}

/** What the composition root writes to the destination bucket: the object's key and its content. */
export interface FailureDelivery {
  key: string;
  body: Buffer;
}

/**
 * The record Lambda sends to an event source mapping's OnFailure destination for a DynamoDB stream:
 * where the discarded records are (shard, sequence range, stream). To an SQS queue or SNS topic that is
 * all; an S3 destination gets the records too (see `s3FailureObject`).
 */
export function streamFailureRecord(context: FailureContext, batch: DiscardedBatch, now = new Date()) {
  const first = batch.records[0];
  const last = batch.records.at(-1);
  return {
    requestContext: {
      requestId: context.requestId,
      functionArn: context.functionArn,
      condition: context.condition,
      approximateInvokeCount: context.approximateInvokeCount,
    },
    responseContext: responseContext(context.lastResult),
    version: '1.0',
    timestamp: now.toISOString(),
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: first?.sequenceNumber ?? '',
      endSequenceNumber: last?.sequenceNumber ?? '',
      approximateArrivalOfFirstRecord: arrival(first?.createdAt, now),
      approximateArrivalOfLastRecord: arrival(last?.createdAt, now),
      batchSize: batch.records.length,
      streamArn: batch.streamArn,
    },
  };
}

/**
 * A function error shows as Lambda's `Unhandled`; a throttle or a missing function as the status the
 * invoke got. With no invocation at all (records too old before the first), a plain 200 is shown.
 */
function responseContext(result: SyncInvokeResult | undefined) {
  const base = { statusCode: 200, executedVersion: '$LATEST' };
  if (!result) return base;
  if (result.kind === 'function-error') return { ...base, functionError: 'Unhandled' };
  if (result.kind === 'throttled') return { ...base, statusCode: 429 };
  if (result.kind === 'missing') return { ...base, statusCode: 404 };
  return base;
}

/** `2019-11-14T00:13:19Z`: Lambda writes arrival times to the second. */
function arrival(epochSeconds: number | undefined, now: Date): string {
  const date = epochSeconds === undefined ? now : new Date(epochSeconds * 1000);
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * The object Lambda writes to an S3 OnFailure destination for a discarded stream batch. Both the key
 * layout and the `payload` member follow AWS's documentation of S3 failure destinations for DynamoDB
 * streams ("Retain discarded records for a DynamoDB event source in Lambda",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html): the record sent to SQS
 * and SNS, plus `payload`, "the original invocation record as an escaped JSON string"; key
 * `aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>`. The documentation
 * shows `payload` only as the placeholder `"<Whole Event>"`, so that it is exactly the `{"Records":[…]}`
 * text the function was invoked with (as here) is unverified, and so is whether the key's time is
 * UTC (it is here) and which moment it is (here: the record's `timestamp`, to the second).
 *
 * `event` is the invocation event of the discarded records, as the function received it; it is put in
 * byte for byte (a JSON string holding that text), never parsed and serialized again.
 */
export function s3FailureObject(
  record: ReturnType<typeof streamFailureRecord>,
  event: Buffer,
  where: { mappingUuid: string; shardId: string },
  now: Date,
  id: string = randomUUID(),
): FailureDelivery {
  const body = Buffer.from(JSON.stringify({ ...record, payload: event.toString('utf8') }));
  return { key: failureObjectKey(where.mappingUuid, where.shardId, now, id), body };
}

/** `aws/lambda/<mapping UUID>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<id>`, in UTC. */
export function failureObjectKey(mappingUuid: string, shardId: string, now: Date, id: string): string {
  const iso = now.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ, always UTC
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19).replaceAll(':', '.');
  return `aws/lambda/${mappingUuid}/${shardId}/${day.replaceAll('-', '/')}/${day}T${time}-${id}`;
}
