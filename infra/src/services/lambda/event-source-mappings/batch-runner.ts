import { randomUUID } from 'node:crypto';
import type { StreamFailureDestination } from '../../../stack/types.js';
import { readBatchResponse } from './batch-response.js';
import {
  type FailureCondition,
  type FailureDelivery,
  s3FailureObject,
  streamFailureRecord,
} from './failure-record.js';
import type { MappingSettings } from './mapping-settings.js';
import type { StopSignal } from './signals.js';
import type { SyncInvokeResult, SyncInvoker } from './sync-invoke.js';

/** A record read from a shard, ready to go into an event. */
export interface StreamEntry {
  sequenceNumber: string;
  /** `ApproximateCreationDateTime` in epoch seconds, as the stream gave it. */
  createdAt?: number;
  /** The latest the record can have been written (epoch ms), which record-age limits count from. */
  writtenBy: number;
  /** The Lambda record's JSON text, as it goes into the event. */
  json: string;
}

export interface BatchRunnerOptions {
  /** The event source mapping's UUID: S3 failure objects are kept under it. */
  mappingUuid: string;
  functionName: string;
  functionArn: string;
  shardId: string;
  streamArn: string;
  /** Read before every invocation, so that an update applies to the batch being retried. */
  settings(): MappingSettings;
  invoke: SyncInvoker;
  /** Writes the object for a discarded batch to the OnFailure bucket (and fires its notifications). */
  deliverFailure(target: StreamFailureDestination, delivery: FailureDelivery): Promise<void>;
  /** Checkpoints through this record (durably) before the next invocation. */
  commit(through: StreamEntry): Promise<void>;
  /** Lambda's `LastProcessingResult`. */
  report(result: string): void;
  stop: StopSignal;
  /** Multiplies retry and throttle delays (1 s doubling up to 30 s); tests make them milliseconds. */
  retryDelayScale: number;
  log(message: string): void;
  now?: () => number;
}

/** The last invocation: its records and the event exactly as the function received it. */
interface Invoked {
  entries: readonly StreamEntry[];
  event: Buffer;
}

/**
 * How a batch ended: every record acknowledged or discarded; stopped (what was not checkpointed runs
 * again later); or — a partial failure without bisection — to be resumed from the earliest failed
 * record, which Lambda does by reading a new batch from there.
 */
export type BatchEnd = { kind: 'done' } | { kind: 'stopped' } | { kind: 'resume'; attempts: number };

const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Runs one batch of a shard to its end the way Lambda's stream poller does: a function error retries
 * the same batch, with backoff, until `MaximumRetryAttempts` or `MaximumRecordAgeInSeconds` says to
 * give up, when the OnFailure bucket gets the object Lambda writes (its record and the failed event)
 * and the batch is skipped. Throttles retry with backoff and never count as attempts. With
 * `BisectBatchOnFunctionError` a failing batch is split in halves, each run on its own, first half
 * first; the split itself does not use up a retry.
 * With `ReportBatchItemFailures` the records before the earliest reported failure are checkpointed and
 * processing resumes at it. Every outcome is checkpointed before the next invocation.
 */
export class BatchRunner {
  constructor(private readonly options: BatchRunnerOptions) {}

  /** `attempts`: failed invocations already counted against the retry limit for these records. */
  async run(entries: readonly StreamEntry[], attempts = 0): Promise<BatchEnd> {
    let segment = entries;
    let throttles = 0;
    let lastResult: SyncInvokeResult | undefined;
    let invoked: Invoked | undefined;
    const { stop } = this.options;
    for (;;) {
      if (stop.stopped) return { kind: 'stopped' };
      const settings = this.options.settings();
      const expired = this.expiredCount(segment, settings);
      if (expired > 0) {
        const discarded = await this.discard(
          segment.slice(0, expired),
          'RecordAgeExceeded',
          attempts,
          lastResult,
          invoked,
        );
        if (!discarded) return { kind: 'stopped' };
        segment = segment.slice(expired);
        if (segment.length === 0) return { kind: 'done' };
        continue;
      }

      invoked = { entries: segment, event: eventPayload(segment) };
      const result = await this.invoke(invoked.event);
      lastResult = result;
      if (result.kind === 'throttled' || result.kind === 'missing') {
        this.options.report('PROBLEM: Function call failed');
        throttles++;
        if (!(await stop.sleep(this.delay(throttles)))) return { kind: 'stopped' };
        continue;
      }
      throttles = 0;
      const verdict =
        result.kind === 'function-error'
          ? { kind: 'failure' as const }
          : settings.reportBatchItemFailures
            ? readBatchResponse(
                result.payload,
                segment.map((entry) => entry.sequenceNumber),
              )
            : { kind: 'success' as const };

      if (verdict.kind === 'success') {
        this.options.report('OK');
        await this.options.commit(segment.at(-1) as StreamEntry);
        return { kind: 'done' };
      }
      this.options.report('PROBLEM: Function call failed');

      if (verdict.kind === 'partial') {
        if (verdict.index > 0) await this.options.commit(segment[verdict.index - 1] as StreamEntry);
        segment = segment.slice(verdict.index);
        attempts++;
        const end = await this.retryOrGiveUp(segment, attempts, settings, lastResult, invoked);
        if (end) return end;
        // Bisecting at the reported record retries only the rest of this batch; without it Lambda
        // reads a new batch from the failed record on.
        if (!settings.bisectBatchOnFunctionError) return { kind: 'resume', attempts };
        continue;
      }

      if (settings.bisectBatchOnFunctionError && segment.length > 1) {
        const half = Math.ceil(segment.length / 2);
        const first = await this.run(segment.slice(0, half), attempts);
        if (first.kind !== 'done') return first;
        return this.run(segment.slice(half), attempts);
      }
      attempts++;
      const end = await this.retryOrGiveUp(segment, attempts, settings, lastResult, invoked);
      if (end) return end;
    }
  }

  /**
   * After a failed attempt: once the retries are used up the records are given up (and the batch
   * ends), otherwise the backoff is waited out; `undefined` means try again.
   */
  private async retryOrGiveUp(
    segment: readonly StreamEntry[],
    attempts: number,
    settings: MappingSettings,
    lastResult: SyncInvokeResult | undefined,
    invoked: Invoked | undefined,
  ): Promise<BatchEnd | undefined> {
    if (exhausted(attempts, settings)) {
      return (await this.discard(segment, 'RetryAttemptsExhausted', attempts, lastResult, invoked))
        ? { kind: 'done' }
        : { kind: 'stopped' };
    }
    if (!(await this.options.stop.sleep(this.delay(attempts)))) return { kind: 'stopped' };
    return undefined;
  }

  /** An invoke that fails outright (not a function error) is retried like a throttle: records are not given up for it. */
  private async invoke(event: Buffer): Promise<SyncInvokeResult> {
    try {
      return await this.options.invoke(this.options.functionName, event, randomUUID());
    } catch (error) {
      this.options.log(`cannot invoke ${this.options.functionName}: ${(error as Error).message}`);
      return { kind: 'throttled' };
    }
  }

  /** How many records at the head of the batch are older than `MaximumRecordAgeInSeconds`. */
  private expiredCount(segment: readonly StreamEntry[], settings: MappingSettings): number {
    if (settings.maximumRecordAgeInSeconds < 0) return 0;
    const limit = (this.options.now ?? Date.now)() - settings.maximumRecordAgeInSeconds * 1000;
    let count = 0;
    while (count < segment.length && (segment[count] as StreamEntry).writtenBy < limit) count++;
    return count;
  }

  /**
   * Gives records up: the OnFailure bucket gets the object Lambda writes for them — its record of the
   * failure and the invocation event holding them (delivery is retried until it is accepted, since the
   * records are skipped after it) — then they are checkpointed. False when stopped before that: the
   * records stay unprocessed and come back after a restart.
   */
  private async discard(
    records: readonly StreamEntry[],
    condition: FailureCondition,
    attempts: number,
    lastResult: SyncInvokeResult | undefined,
    invoked: Invoked | undefined,
  ): Promise<boolean> {
    const { stop, shardId, streamArn, mappingUuid } = this.options;
    let destination = this.options.settings().failureDestination;
    if (destination) {
      const now = new Date((this.options.now ?? Date.now)());
      const record = streamFailureRecord(
        {
          requestId: randomUUID(),
          functionArn: this.options.functionArn,
          condition,
          approximateInvokeCount: attempts,
          lastResult,
        },
        { shardId, streamArn, records },
        now,
      );
      // Built once: a retried delivery writes the same object again.
      const delivery = s3FailureObject(record, failedEvent(records, invoked), { mappingUuid, shardId }, now);
      for (let failures = 1; destination; failures++) {
        try {
          await this.options.deliverFailure(destination, delivery);
          break;
        } catch (error) {
          this.options.log(`cannot deliver to OnFailure ${destination.arn}: ${(error as Error).message}`);
          if (!(await stop.sleep(this.delay(failures)))) return false;
        }
        // An update may have pointed the mapping at another bucket (or none) in the meantime.
        destination = this.options.settings().failureDestination;
      }
    }
    if (!destination) {
      this.options.log(
        `${condition}: skipped ${records.length} record(s) of ${shardId} (${first(records)}…${last(records)}); no OnFailure destination`,
      );
    }
    await this.options.commit(records.at(-1) as StreamEntry);
    return true;
  }

  private delay(attempt: number): number {
    return Math.round(
      Math.min(RETRY_BASE_MS * 2 ** (attempt - 1), RETRY_MAX_MS) * this.options.retryDelayScale,
    );
  }
}

/** `{"Records":[…]}` from the records' JSON texts, without parsing them again. */
export function eventPayload(entries: readonly StreamEntry[]): Buffer {
  return Buffer.from(`{"Records":[${entries.map((entry) => entry.json).join(',')}]}`);
}

/**
 * The invocation event of the records given up: the last invocation's event, byte for byte, when it
 * held exactly these records (retries exhausted, or a batch that aged out while failing); otherwise —
 * records that aged out before any invocation, the head of a batch that aged out, the records from a
 * reported item failure on — the event these records are (or would have been) invoked with.
 */
function failedEvent(records: readonly StreamEntry[], invoked: Invoked | undefined): Buffer {
  if (
    invoked &&
    invoked.entries.length === records.length &&
    invoked.entries.every((entry, i) => entry === records[i])
  ) {
    return invoked.event;
  }
  return eventPayload(records);
}

function exhausted(attempts: number, settings: MappingSettings): boolean {
  return settings.maximumRetryAttempts >= 0 && attempts > settings.maximumRetryAttempts;
}

function first(records: readonly StreamEntry[]): string {
  return records[0]?.sequenceNumber ?? '';
}

function last(records: readonly StreamEntry[]): string {
  return records.at(-1)?.sequenceNumber ?? '';
}
