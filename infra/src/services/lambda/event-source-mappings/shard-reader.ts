import {
  type _Record,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { BatchRunner, type BatchRunnerOptions, type StreamEntry } from './batch-runner.js';
import type { CheckpointFile } from './checkpoints.js';
import type { RecordFilter } from './filter-criteria.js';
import type { MappingSettings } from './mapping-settings.js';
import { Wakeup } from './signals.js';
import { type DynamoDBStreamLambdaRecord, toLambdaRecord } from './stream-record.js';

export type ShardReaderOptions = Omit<BatchRunnerOptions, 'commit' | 'shardId' | 'settings'> & {
  streams: DynamoDBStreamsClient;
  shardId: string;
  region: string;
  checkpoints: CheckpointFile;
  settings(): MappingSettings;
  filter(): RecordFilter;
  /** Idle poll interval of an open shard (Lambda polls 4 times a second). */
  pollIntervalMs: number;
};

/** How a shard's reading ended: closed and fully processed, stopped, or gone from the stream. */
export type ShardEnd = 'ended' | 'stopped' | 'gone';

/** Lambda's limit on a synchronous invocation's payload. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** `{"Records":[` and `]}`. */
const ENVELOPE_BYTES = 14;
const MAX_GET_RECORDS = 1000;
/** DynamoDB Local rounds creation times down to the minute; see `writtenBy`. */
const CREATION_TIME_PRECISION_MS = 60_000;

interface Buffered {
  entry: StreamEntry;
  record: DynamoDBStreamLambdaRecord;
  bytes: number;
  /** When the record was read (epoch ms): the batching window counts from the first record's read. */
  readAt: number;
  /** The filter this record was last matched against, and the answer. */
  matchedBy?: RecordFilter;
  matched?: boolean;
}

/**
 * Reads one shard in order and feeds its records, filtered and batched, to the function. Records read
 * but not yet processed wait in memory; the shard's checkpoint moves after each batch's outcome. The
 * shard iterator of each read is reused for the next one; an expired iterator is renewed from the
 * checkpoint, and a checkpoint the stream has trimmed away falls back to the oldest record still
 * there (TRIM_HORIZON), as Lambda does, with a warning in the log.
 */
export class ShardReader {
  readonly wakeup: Wakeup;
  private readonly runner: BatchRunner;
  private buffer: Buffered[] = [];
  /** undefined: none yet (or expired); null: the shard is closed and read to its end. */
  private iterator?: string | null;
  private lastProblem = '';

  constructor(private readonly options: ShardReaderOptions) {
    this.wakeup = new Wakeup(options.stop);
    this.runner = new BatchRunner({ ...options, commit: (through) => this.commit(through) });
  }

  async run(): Promise<ShardEnd> {
    const { stop } = this.options;
    let attempts = 0;
    while (!stop.stopped) {
      await this.skipFilteredHead();
      const batch = this.readyBatch();
      if (batch) {
        const end = await this.runner.run(batch, attempts);
        if (end.kind === 'stopped') return 'stopped';
        attempts = end.kind === 'resume' ? end.attempts : 0;
        continue;
      }
      if (this.iterator === null) {
        await this.options.checkpoints.end(this.options.shardId);
        return 'ended';
      }
      const read = await this.read();
      if (read === 'gone') return 'gone';
      if (read === 0 && this.iterator !== null) await this.wakeup.wait(this.idleWait());
    }
    return 'stopped';
  }

  /** Records that no filter matches count as processed: checkpoint past them. */
  private async skipFilteredHead(): Promise<void> {
    let skipped: Buffered | undefined;
    while (this.buffer.length > 0 && !this.matches(this.buffer[0] as Buffered)) skipped = this.buffer.shift();
    if (skipped) await this.options.checkpoints.advance(this.options.shardId, skipped.entry.sequenceNumber);
  }

  /**
   * The next batch, once it should go: BatchSize matching records or 6 MB, or — with no batching
   * window — whatever the last read brought, or the window has passed, or the shard has no more.
   */
  private readyBatch(): StreamEntry[] | undefined {
    const settings = this.options.settings();
    const batch: StreamEntry[] = [];
    let bytes = ENVELOPE_BYTES;
    let full = false;
    let firstReadAt = 0;
    for (const buffered of this.buffer) {
      if (!this.matches(buffered)) continue;
      if (batch.length > 0 && bytes + buffered.bytes + 1 > MAX_PAYLOAD_BYTES) {
        full = true;
        break;
      }
      if (batch.length === 0) firstReadAt = buffered.readAt;
      batch.push(buffered.entry);
      bytes += buffered.bytes + 1;
      if (batch.length >= settings.batchSize) {
        full = true;
        break;
      }
    }
    if (batch.length === 0) return undefined;
    const windowMs = settings.maximumBatchingWindowInSeconds * 1000;
    const ready = full || windowMs === 0 || Date.now() >= firstReadAt + windowMs || this.iterator === null;
    return ready ? batch : undefined;
  }

  private idleWait(): number {
    const { pollIntervalMs } = this.options;
    const windowMs = this.options.settings().maximumBatchingWindowInSeconds * 1000;
    const first = this.buffer.find((buffered) => this.matches(buffered));
    if (!first || windowMs === 0) return pollIntervalMs;
    return Math.max(0, Math.min(pollIntervalMs, first.readAt + windowMs - Date.now()));
  }

  private matches(buffered: Buffered): boolean {
    const filter = this.options.filter();
    if (buffered.matchedBy !== filter) {
      buffered.matchedBy = filter;
      buffered.matched = filter(buffered.record);
    }
    return buffered.matched as boolean;
  }

  private async commit(through: StreamEntry): Promise<void> {
    const index = this.buffer.findIndex((buffered) => buffered.entry === through);
    this.buffer.splice(0, index + 1);
    await this.options.checkpoints.advance(this.options.shardId, through.sequenceNumber);
  }

  /** One GetRecords: how many records it brought (0 after an error, logged), or 'gone'. */
  private async read(renewed = false): Promise<number | 'gone'> {
    const { streams, stop, shardId } = this.options;
    try {
      if (this.iterator === undefined) this.iterator = await this.openIterator();
      if (this.iterator === null) return 0;
      const output = await streams.send(
        new GetRecordsCommand({ ShardIterator: this.iterator, Limit: this.readLimit() }),
        { abortSignal: stop.signal },
      );
      this.iterator = output.NextShardIterator ?? null;
      this.lastProblem = '';
      const readAt = Date.now();
      for (const record of output.Records ?? []) this.buffer.push(this.buffered(record, readAt));
      return output.Records?.length ?? 0;
    } catch (error) {
      if (stop.stopped) return 0;
      const name = (error as Error).name;
      if (name === 'ResourceNotFoundException') return 'gone';
      if (name === 'ExpiredIteratorException' && !renewed) {
        this.reopen();
        return this.read(true);
      }
      if (name === 'TrimmedDataAccessException') {
        this.reopen();
        this.iterator = await this.trimmedFallback().catch(() => undefined);
        return 0;
      }
      // Retried at every poll; said once until it changes, not four times a second.
      const problem = `reading ${shardId}: ${(error as Error).message}`;
      if (problem !== this.lastProblem) this.options.log(problem);
      this.lastProblem = problem;
      this.reopen();
      return 0;
    }
  }

  /** Reads again from the checkpoint: what was read past it (and not processed) comes again. */
  private reopen(): void {
    this.iterator = undefined;
    this.buffer = [];
  }

  private readLimit(): number {
    return Math.min(MAX_GET_RECORDS, Math.max(1, this.options.settings().batchSize));
  }

  private buffered(record: _Record, readAt: number): Buffered {
    const lambdaRecord = toLambdaRecord(record, {
      region: this.options.region,
      streamArn: this.options.streamArn,
    });
    const json = JSON.stringify(lambdaRecord);
    const createdAt = lambdaRecord.dynamodb.ApproximateCreationDateTime;
    return {
      entry: {
        sequenceNumber: lambdaRecord.dynamodb.SequenceNumber,
        createdAt,
        // The record was written no later than it was read, and (with creation times rounded down to
        // the minute) no later than a minute after its creation time: the younger bound, so that an
        // age limit never discards a record early.
        writtenBy:
          createdAt === undefined ? readAt : Math.min(createdAt * 1000 + CREATION_TIME_PRECISION_MS, readAt),
        json,
      },
      record: lambdaRecord,
      bytes: Buffer.byteLength(json),
      readAt,
    };
  }

  /** AFTER_SEQUENCE_NUMBER of the checkpoint, or the shard's start when nothing was processed yet. */
  private async openIterator(): Promise<string | null> {
    const sequenceNumber = this.options.checkpoints.shard(this.options.shardId)?.sequenceNumber;
    try {
      return sequenceNumber
        ? await this.shardIterator('AFTER_SEQUENCE_NUMBER', sequenceNumber)
        : await this.shardIterator('TRIM_HORIZON');
    } catch (error) {
      if ((error as Error).name !== 'TrimmedDataAccessException') throw error;
      return this.trimmedFallback();
    }
  }

  private trimmedFallback(): Promise<string | null> {
    const sequenceNumber = this.options.checkpoints.shard(this.options.shardId)?.sequenceNumber;
    this.options.log(
      `${this.options.shardId}: records after ${sequenceNumber ?? 'the start'} were trimmed from the stream before they were processed; resuming at the oldest record still there (TRIM_HORIZON), as Lambda does`,
    );
    return this.shardIterator('TRIM_HORIZON');
  }

  private async shardIterator(type: ShardIteratorType, sequenceNumber?: string): Promise<string | null> {
    const output = await this.options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: this.options.shardId,
        ShardIteratorType: type,
        SequenceNumber: sequenceNumber,
      }),
      { abortSignal: this.options.stop.signal },
    );
    return output.ShardIterator ?? null;
  }
}
