import path from 'node:path';
import { AtomicJsonFile } from '../../../core/state/atomic-json-file.js';

/** Where one shard of the mapping's stream has been processed to. */
export interface ShardCheckpoint {
  /** The last record fully processed (acknowledged, filtered out or discarded); absent: none yet. */
  sequenceNumber?: string;
  /** The shard is closed and every record in it was processed: its children may start. */
  ended?: boolean;
}

export interface CheckpointState {
  /** The stream the positions belong to; another stream (the table's stream re-created) starts afresh. */
  streamArn?: string;
  shards: Record<string, ShardCheckpoint>;
}

/**
 * One mapping's positions in its stream (`<dir>/<uuid>.checkpoint.json`), written after every batch's
 * outcome and before the next batch starts. A restart resumes after these positions: records
 * acknowledged are not replayed, records not acknowledged are not lost.
 */
export class CheckpointFile {
  readonly state: CheckpointState;
  /** Whether positions were stored before: a mapping without them applies its StartingPosition. */
  readonly existed: boolean;
  private readonly file: AtomicJsonFile<CheckpointState>;

  constructor(dir: string, uuid: string) {
    this.file = new AtomicJsonFile(path.join(dir, `${uuid}.checkpoint.json`), () => this.state);
    const stored = this.file.read();
    this.existed = stored !== undefined;
    this.state = { streamArn: stored?.streamArn, shards: stored?.shards ?? {} };
  }

  shard(shardId: string): ShardCheckpoint | undefined {
    return this.state.shards[shardId];
  }

  advance(shardId: string, sequenceNumber: string): Promise<void> {
    this.state.shards[shardId] = { ...this.state.shards[shardId], sequenceNumber };
    return this.file.save();
  }

  end(shardId: string): Promise<void> {
    this.state.shards[shardId] = { ...this.state.shards[shardId], ended: true };
    return this.file.save();
  }

  /** Starts over on another stream (the table's stream was re-created): its shards are all new. */
  restart(streamArn: string, shards: Record<string, ShardCheckpoint> = {}): Promise<void> {
    this.state.streamArn = streamArn;
    this.state.shards = shards;
    return this.file.save();
  }

  /** Forgets shards the stream no longer lists (trimmed away), so the file does not grow forever. */
  prune(listed: ReadonlySet<string>): Promise<void> {
    const gone = Object.keys(this.state.shards).filter((id) => !listed.has(id));
    if (gone.length === 0) return Promise.resolve();
    for (const id of gone) delete this.state.shards[id];
    return this.file.save();
  }

  settled(): Promise<void> {
    return this.file.settled();
  }
}
