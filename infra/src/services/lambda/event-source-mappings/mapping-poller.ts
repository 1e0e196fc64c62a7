import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { EventSourceMappingDefinition } from '../../../stack/types.js';
import type { CheckpointFile, ShardCheckpoint } from './checkpoints.js';
import { type ShardEnd, ShardReader, type ShardReaderOptions } from './shard-reader.js';
import { StopSignal, Wakeup } from './signals.js';

export type MappingPollerOptions = Omit<
  ShardReaderOptions,
  'shardId' | 'streamArn' | 'stop' | 'checkpoints' | 'streams'
> & {
  definition: EventSourceMappingDefinition;
  streams: DynamoDBStreamsClient;
  dynamodb: DynamoDBClient;
  checkpoints: CheckpointFile;
  /** How often shards are listed again between nudges (new shards, a re-created stream). */
  refreshIntervalMs: number;
};

/** A nudge lists the shards again at most this often (a write may have opened a shard or a stream). */
const NUDGE_REFRESH_MS = 1_000;
const PAGE_LIMIT = 100;

/**
 * Polls the stream of one mapping's table while the mapping is enabled: finds the stream
 * (DescribeTable's LatestStreamArn, followed when the table's stream is re-created), lists its shards
 * (DescribeStream, every page) and reads each shard with a ShardReader — a child shard only once its
 * parent is read to its end, so that records of one item stay in order across shard splits.
 */
export class MappingPoller {
  private readonly stop = new StopSignal();
  private readonly refreshWake = new Wakeup(this.stop);
  private readonly readers = new Map<
    string,
    { reader: ShardReader; stop: StopSignal; done: Promise<void> }
  >();
  private loop?: Promise<void>;
  /** When the shards are next listed (epoch ms): periodically, sooner when asked. */
  private nextRefresh = 0;
  private lastRefresh = 0;
  private lastProblem = '';
  /** The stream's ARN as DynamoDB gives it, once found. */
  streamArn?: string;

  constructor(private readonly options: MappingPollerOptions) {}

  /** Starts polling; resolves once the stream was looked for once (and the starting position is stored). */
  async start(): Promise<void> {
    await this.refreshSafely();
    this.loop = this.run();
  }

  /** A write just happened on the table: read now instead of at the next poll. */
  nudge(): void {
    for (const { reader } of this.readers.values()) reader.wakeup.wake();
    // With no shard being read, the write may have gone to a stream or shard not seen yet.
    if (this.readers.size === 0) this.refreshWithin(NUDGE_REFRESH_MS);
  }

  /** Stops before the next invocation, lets the batch in flight finish, and waits for its checkpoint. */
  async close(): Promise<void> {
    this.stop.stop();
    await this.loop;
    await Promise.all([...this.readers.values()].map(({ done }) => done));
    await this.options.checkpoints.settled();
  }

  private async run(): Promise<void> {
    while (!this.stop.stopped) {
      await this.refreshWake.wait(Math.max(0, this.nextRefresh - Date.now()));
      if (!this.stop.stopped && Date.now() >= this.nextRefresh) await this.refreshSafely();
    }
  }

  /** Lists the shards again soon: at once, or `ms` after the last listing, whichever is later. */
  private refreshWithin(ms: number): void {
    this.nextRefresh = Math.min(this.nextRefresh, Math.max(Date.now(), this.lastRefresh + ms));
    this.refreshWake.wake();
  }

  private async refreshSafely(): Promise<void> {
    try {
      await this.refresh();
      this.lastProblem = '';
    } catch (error) {
      if (this.stop.stopped) return;
      const problem = `${this.options.definition.tableName}: ${(error as Error).message}`;
      // A missing table or stream is reported once, not at every refresh.
      if (problem !== this.lastProblem) this.options.log(problem);
      this.lastProblem = problem;
      this.options.report(`PROBLEM: ${(error as Error).message}`);
    }
  }

  private async refresh(): Promise<void> {
    this.lastRefresh = Date.now();
    this.nextRefresh = this.lastRefresh + this.options.refreshIntervalMs;
    const { checkpoints, definition } = this.options;
    const table = await this.options.dynamodb.send(
      new DescribeTableCommand({ TableName: definition.tableName }),
      {
        abortSignal: this.stop.signal,
      },
    );
    const streamArn = table.Table?.StreamSpecification?.StreamEnabled
      ? table.Table.LatestStreamArn
      : undefined;
    if (!streamArn) throw new Error(`the table ${definition.tableName} has no stream enabled`);
    if (!sameStream(streamArn, checkpoints.state.streamArn)) await this.switchStream(streamArn);
    this.streamArn = streamArn;

    const shards = await this.listShards(streamArn);
    const listed = new Set(shards.map((shard) => shard.ShardId as string));
    await checkpoints.prune(listed);
    for (const shard of shards) {
      const id = shard.ShardId as string;
      if (this.readers.has(id) || checkpoints.shard(id)?.ended || this.stop.stopped) continue;
      const parent = shard.ParentShardId;
      if (parent && listed.has(parent) && !checkpoints.shard(parent)?.ended) continue;
      this.startReader(streamArn, id);
    }
  }

  /**
   * Positions on a stream never read before. On the mapping's first start, StartingPosition says
   * where: TRIM_HORIZON reads every shard from its start; LATEST skips what is there now, by storing
   * each open shard's last sequence number (so that even a restart before the first new record loses
   * nothing written after the start). A stream that replaces a stream read before (the table's stream
   * was re-created) holds only records written since: it is read from its start.
   */
  private async switchStream(streamArn: string): Promise<void> {
    const { checkpoints, definition } = this.options;
    const previous = checkpoints.state.streamArn;
    const readers = [...this.readers.values()];
    for (const { stop } of readers) stop.stop();
    await Promise.all(readers.map(({ done }) => done));
    if (previous) {
      this.options.log(
        `${definition.tableName}: its stream was re-created; reading ${streamArn} from its start`,
      );
      await checkpoints.restart(streamArn);
      return;
    }
    if (definition.startingPosition === 'TRIM_HORIZON') {
      await checkpoints.restart(streamArn);
      return;
    }
    const positions: Record<string, ShardCheckpoint> = {};
    for (const shard of await this.listShards(streamArn)) {
      const id = shard.ShardId as string;
      if (shard.SequenceNumberRange?.EndingSequenceNumber) positions[id] = { ended: true };
      else {
        const last = await this.lastSequenceNumber(streamArn, id);
        positions[id] = last ? { sequenceNumber: last } : {};
      }
    }
    await checkpoints.restart(streamArn, positions);
  }

  private startReader(streamArn: string, shardId: string): void {
    const stop = this.stop.child();
    const reader = new ShardReader({ ...this.options, streamArn, shardId, stop });
    const done = reader
      .run()
      .catch((error): ShardEnd => {
        this.options.log(`${shardId}: ${(error as Error).message}`);
        return 'gone';
      })
      .then(() => {
        this.readers.delete(shardId);
        // A parent read to its end lets its children start; a shard gone means the list changed.
        this.refreshWithin(0);
      });
    this.readers.set(shardId, { reader, stop, done });
  }

  private async listShards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const output = await this.options.streams.send(
        new DescribeStreamCommand({
          StreamArn: streamArn,
          Limit: PAGE_LIMIT,
          ExclusiveStartShardId: exclusiveStartShardId,
        }),
        { abortSignal: this.stop.signal },
      );
      shards.push(...(output.StreamDescription?.Shards ?? []));
      exclusiveStartShardId = output.StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  /** Reads an open shard to its current end, only to learn where that is. */
  private async lastSequenceNumber(streamArn: string, shardId: string): Promise<string | undefined> {
    const { streams } = this.options;
    let iterator = (
      await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
        { abortSignal: this.stop.signal },
      )
    ).ShardIterator;
    let last: string | undefined;
    while (iterator) {
      const output = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }), {
        abortSignal: this.stop.signal,
      });
      const records = output.Records ?? [];
      if (records.length === 0) break;
      last = records.at(-1)?.dynamodb?.SequenceNumber ?? last;
      iterator = output.NextShardIterator;
    }
    return last;
  }
}

/**
 * Whether two stream ARNs name the same stream, whatever region and account they are written with:
 * DynamoDB Local says `ddblocal:000000000000`, the local cloud's endpoint says the stack's.
 */
export function sameStream(a: string, b: string | undefined): boolean {
  return b !== undefined && resource(a) === resource(b);
}

function resource(arn: string): string {
  return arn.split(':').slice(5).join(':');
}
