// Over 400 lines on purpose: the log store is one writer with its locks, caches and crash-safe appends;
// its file formats already live in group-file.ts and stream-file.ts, what remains shares private state.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  logGroupAlreadyExists,
  logGroupNotFound,
  logStreamAlreadyExists,
  logStreamNotFound,
} from '../errors.js';
import { BlockCache } from './block-cache.js';
import { memorySource, type ScanQuery, type ScanSource, scanEvents } from './event-scan.js';
import { fileKey } from './file-names.js';
import { type GroupRecord, readGroupFile, type StreamRecord, writeGroupFile } from './group-file.js';
import { decodeEventLines, type EventPosition, encodeEventLine, type StoredLogEvent } from './log-event.js';
import {
  addBlock,
  type FileBlock,
  inspectStreamFile,
  readBlockText,
  scanBlocks,
  writeAt,
  writeAtSync,
} from './stream-file.js';

/*
 * How the log lives on disk and in memory.
 *
 * `<stateDir>/logs/<group key>/group.json` holds a group's settings and its streams' statistics;
 * `<group key>/<stream key>.ndjson` holds a stream's events, one JSON line each, in the order they
 * arrived. `append` only pushes onto the stream's in-memory `pending` list; a timer (or a full buffer)
 * writes the pending events of every stream in the background, then the changed `group.json` files.
 *
 * Memory stays bounded over a long run: once written, events leave memory. What remains per stream is
 * an index of its file — one entry per ~64 KB block with the lowest and highest (timestamp, seq) in it —
 * built as blocks are written, or, for files of an earlier run, by one scan on the first read. A read
 * visits only the blocks that can hold its page (plus the events still in memory), and a small cache of
 * decoded blocks (a few MB) makes paging through a stream cheap.
 */

/** A log group as the API describes it. */
export interface LogGroupInfo {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  logGroupClass: string;
  storedBytes: number;
}

/** A log stream as the API describes it. */
export interface LogStreamInfo {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
  uploadSequenceToken: string;
  /** The sequence number of the newest event, or 0 for a stream without events. */
  lastSeq: number;
}

/** A read of the events of some streams of one group. */
export interface EventQuery extends ScanQuery {
  logStreamNames: readonly string[];
}

export interface LogStoreOptions {
  /** How long an appended event may wait in memory before it is written. */
  flushIntervalMs?: number;
  /** Pending bytes (about) that trigger a write before the timer fires. */
  flushBytes?: number;
  /** Budget of the decoded-block cache, in bytes of file text. */
  cacheBytes?: number;
}

interface GroupState {
  info: Omit<LogGroupInfo, 'storedBytes'>;
  dir: string;
  streams: Map<string, StreamState>;
  deleted: boolean;
}

interface StreamState {
  info: LogStreamInfo;
  group: GroupState;
  file: string;
  fileName: string;
  /** Bytes of the file written by earlier runs, indexed lazily into `baseBlocks`. */
  baseSize: number;
  baseBlocks?: FileBlock[];
  baseScan?: Promise<FileBlock[]>;
  /** Blocks written by this run, after `baseSize`. */
  blocks: FileBlock[];
  /** Where the next write goes. */
  fileSize: number;
  /** The file ends with half a line (a crash, a failed write): the next write starts a new line. */
  needsNewline: boolean;
  pending: StoredLogEvent[];
  writing?: {
    events: StoredLogEvent[];
    buffer: Buffer;
    offset: number;
    first: EventPosition;
    last: EventPosition;
  };
  /** Events whose write failed, kept readable in memory. */
  unwritten: StoredLogEvent[][];
  queued: boolean;
  deleted: boolean;
}

const DEFAULT_FLUSH_INTERVAL_MS = 200;
const DEFAULT_FLUSH_BYTES = 1024 * 1024;
const DEFAULT_CACHE_BYTES = 8 * 1024 * 1024;
/** Line framing (`[timestamp,seq,ingestionTime,"…"]\n`) counted towards the flush threshold. */
const LINE_OVERHEAD_BYTES = 48;

/**
 * The local cloud's CloudWatch Logs data: log groups, log streams and their events, kept under
 * `<stateDir>/logs/` and found again by a new store on the same directory.
 *
 * @example
 * const store = new LogStore(stateDir);
 * store.append('/aws/lambda/fn', '2026/11/24/[$LATEST]0123…', [{ timestamp: Date.now(), message: 'START …' }]);
 * await store.readEvents('/aws/lambda/fn', { logStreamNames: [stream], direction: 'forward', limit: 100 });
 */
export class LogStore {
  private readonly root: string;
  private readonly groups = new Map<string, GroupState>();
  private readonly flushIntervalMs: number;
  private readonly flushBytes: number;
  private readonly cache: BlockCache;
  private nextSeq: number;
  private queuedStreams: StreamState[] = [];
  private readonly dirtyGroups = new Set<GroupState>();
  /** Files and directories of deleted groups and streams, removed once no write can still touch them. */
  private readonly removals = new Set<string>();
  private pendingBytes = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushImmediate: NodeJS.Immediate | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private lastTarget: StreamState | undefined;
  private warned = false;
  private closed = false;

  constructor(stateDir: string, options: LogStoreOptions = {}) {
    this.root = path.join(stateDir, 'logs');
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    this.flushBytes = options.flushBytes ?? DEFAULT_FLUSH_BYTES;
    this.cache = new BlockCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
    mkdirSync(this.root, { recursive: true });
    let highestSeq = 0;
    for (const group of this.loadGroups()) {
      for (const stream of group.streams.values()) highestSeq = Math.max(highestSeq, stream.info.lastSeq);
    }
    // Sequence numbers start from the clock (in µs) so that they keep growing across restarts even when
    // the last run died before recording the highest one it gave out.
    this.nextSeq = Math.max(Date.now() * 1000, highestSeq + 1);
  }

  /**
   * Records events of a stream, creating the group and the stream when they do not exist (as Lambda
   * does). Called for every log line of every invocation: it only buffers; the events are readable at
   * once and written to disk within `flushIntervalMs`.
   */
  append(
    groupName: string,
    streamName: string,
    events: ReadonlyArray<{ timestamp: number; message: string }>,
  ): void {
    if (this.closed) return;
    let stream = this.lastTarget;
    if (
      stream === undefined ||
      stream.deleted ||
      stream.info.logStreamName !== streamName ||
      stream.group.info.logGroupName !== groupName
    ) {
      const group = this.groups.get(groupName) ?? this.addGroup(groupName, {});
      stream = group.streams.get(streamName) ?? this.addStream(group, streamName);
      this.lastTarget = stream;
    }
    const ingestionTime = Date.now();
    const info = stream.info;
    for (const { timestamp, message } of events) {
      const seq = this.nextSeq++;
      stream.pending.push({ logStreamName: streamName, timestamp, seq, ingestionTime, message });
      this.pendingBytes += message.length + LINE_OVERHEAD_BYTES;
      info.firstEventTimestamp = Math.min(info.firstEventTimestamp ?? timestamp, timestamp);
      info.lastEventTimestamp = Math.max(info.lastEventTimestamp ?? timestamp, timestamp);
      info.lastSeq = seq;
    }
    info.lastIngestionTime = ingestionTime;
    if (!stream.queued) {
      stream.queued = true;
      this.queuedStreams.push(stream);
    }
    this.dirtyGroups.add(stream.group);
    this.scheduleFlush();
  }

  /** Creates an empty log group. @throws ResourceAlreadyExistsException */
  createLogGroup(name: string, settings: { logGroupClass?: string; retentionInDays?: number } = {}): void {
    if (this.groups.has(name)) throw logGroupAlreadyExists();
    this.addGroup(name, settings);
  }

  /** Deletes a log group and all its streams and events. @throws ResourceNotFoundException */
  deleteLogGroup(name: string): void {
    const group = this.groups.get(name);
    if (!group) throw logGroupNotFound();
    group.deleted = true;
    for (const stream of group.streams.values()) stream.deleted = true;
    this.groups.delete(name);
    this.dirtyGroups.delete(group);
    this.removals.add(group.dir);
    this.scheduleFlush();
  }

  /** Creates an empty log stream. @throws ResourceNotFoundException, ResourceAlreadyExistsException */
  createLogStream(groupName: string, streamName: string): void {
    const group = this.groups.get(groupName);
    if (!group) throw logGroupNotFound();
    if (group.streams.has(streamName)) throw logStreamAlreadyExists();
    this.addStream(group, streamName);
  }

  /** Deletes a log stream and its events. @throws ResourceNotFoundException */
  deleteLogStream(groupName: string, streamName: string): void {
    const group = this.groups.get(groupName);
    if (!group) throw logGroupNotFound();
    const stream = group.streams.get(streamName);
    if (!stream) throw logStreamNotFound();
    stream.deleted = true;
    group.streams.delete(streamName);
    this.removals.add(stream.file);
    this.dirtyGroups.add(group);
    this.scheduleFlush();
  }

  hasLogGroup(name: string): boolean {
    return this.groups.has(name);
  }

  /** A log group, or undefined when it does not exist. */
  getLogGroup(name: string): LogGroupInfo | undefined {
    const group = this.groups.get(name);
    return group && describeGroup(group);
  }

  /** Every log group, by name. */
  listLogGroups(): LogGroupInfo[] {
    return [...this.groups.values()]
      .map(describeGroup)
      .sort((a, b) => compareText(a.logGroupName, b.logGroupName));
  }

  /** A log stream, or undefined when it (or its group) does not exist. */
  getLogStream(groupName: string, streamName: string): LogStreamInfo | undefined {
    const stream = this.groups.get(groupName)?.streams.get(streamName);
    return stream && describeStream(stream);
  }

  /** The streams of a group, by name, or undefined when the group does not exist. */
  listLogStreams(groupName: string): LogStreamInfo[] | undefined {
    const group = this.groups.get(groupName);
    if (!group) return undefined;
    return [...group.streams.values()]
      .map(describeStream)
      .sort((a, b) => compareText(a.logStreamName, b.logStreamName));
  }

  /**
   * Up to `limit` events of the named streams of a group (missing streams are skipped), nearest first in
   * the query's direction, including events appended but not yet written.
   */
  async readEvents(groupName: string, query: EventQuery): Promise<StoredLogEvent[]> {
    const group = this.groups.get(groupName);
    if (!group) return [];
    const streams = query.logStreamNames
      .map((name) => group.streams.get(name))
      .filter((stream): stream is StreamState => stream !== undefined);
    await Promise.all(streams.map((stream) => this.indexEarlierRuns(stream)));
    // From here to scanEvents nothing awaits: the sources are one consistent snapshot (a write that
    // completes later moves events from memory to a block that this snapshot does not list).
    const sources: ScanSource[] = [];
    for (const stream of streams) {
      if (stream.deleted) continue;
      const name = stream.info.logStreamName;
      for (const block of [...(stream.baseBlocks ?? []), ...stream.blocks]) {
        sources.push({ kind: 'file', file: stream.file, logStreamName: name, block });
      }
      const inMemory = [stream.writing?.events ?? [], ...stream.unwritten, stream.pending.slice()];
      for (const events of inMemory) {
        const source = memorySource(events);
        if (source) sources.push(source);
      }
    }
    return scanEvents(sources, query, (source) => this.loadBlock(source));
  }

  /** Writes everything appended so far (events and metadata); resolves when it is on disk. */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.writeQueued());
    this.flushing = run;
    return run;
  }

  /**
   * Writes everything synchronously and stops: for shutdown (SIGTERM), where there is no later tick to
   * finish an asynchronous write. Appends after this are dropped.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelScheduledFlush();
    for (const group of this.groups.values()) {
      for (const stream of group.streams.values()) this.writeStreamSync(stream);
    }
    this.saveDirtyGroups();
    for (const target of this.removals) {
      try {
        rmSync(target, { recursive: true, force: true });
      } catch (error) {
        this.warn(error);
      }
    }
    this.removals.clear();
  }

  private loadGroups(): GroupState[] {
    for (const entry of readdirSync(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(this.root, entry.name);
      const record = readGroupFile(dir);
      if (!record) continue;
      const existing = this.groups.get(record.logGroupName);
      if (existing) {
        // A crash between deleting a group and removing its directory leaves two generations: keep the newer.
        const older = existing.info.creationTime > record.creationTime ? dir : existing.dir;
        rmSync(older, { recursive: true, force: true });
        if (older === existing.dir) this.groups.delete(record.logGroupName);
        else continue;
      }
      this.groups.set(record.logGroupName, this.restoreGroup(dir, record));
    }
    return [...this.groups.values()];
  }

  private restoreGroup(dir: string, record: GroupRecord): GroupState {
    const group: GroupState = {
      info: {
        logGroupName: record.logGroupName,
        creationTime: record.creationTime,
        logGroupClass: record.logGroupClass ?? 'STANDARD',
        ...(record.retentionInDays !== undefined && { retentionInDays: record.retentionInDays }),
      },
      dir,
      streams: new Map(),
      deleted: false,
    };
    for (const saved of record.streams) {
      const file = path.join(dir, saved.file);
      const { size, endsWithNewline } = inspectStreamFile(file);
      const { file: _file, ...info } = saved;
      group.streams.set(saved.logStreamName, {
        info: { ...info, storedBytes: saved.storedBytes ?? 0, lastSeq: saved.lastSeq ?? 0 },
        group,
        file,
        fileName: saved.file,
        baseSize: size,
        blocks: [],
        fileSize: size,
        needsNewline: !endsWithNewline,
        pending: [],
        unwritten: [],
        queued: false,
        deleted: false,
      });
    }
    return group;
  }

  private addGroup(name: string, settings: { logGroupClass?: string; retentionInDays?: number }): GroupState {
    const group: GroupState = {
      info: {
        logGroupName: name,
        creationTime: Date.now(),
        logGroupClass: settings.logGroupClass ?? 'STANDARD',
        ...(settings.retentionInDays !== undefined && { retentionInDays: settings.retentionInDays }),
      },
      dir: path.join(this.root, fileKey(name)),
      streams: new Map(),
      deleted: false,
    };
    this.groups.set(name, group);
    this.dirtyGroups.add(group);
    this.scheduleFlush();
    return group;
  }

  private addStream(group: GroupState, name: string): StreamState {
    const fileName = `${fileKey(name)}.ndjson`;
    const stream: StreamState = {
      info: {
        logStreamName: name,
        creationTime: Date.now(),
        storedBytes: 0,
        uploadSequenceToken: String(this.nextSeq).padStart(56, '0'),
        lastSeq: 0,
      },
      group,
      file: path.join(group.dir, fileName),
      fileName,
      baseSize: 0,
      baseBlocks: [],
      blocks: [],
      fileSize: 0,
      needsNewline: false,
      pending: [],
      unwritten: [],
      queued: false,
      deleted: false,
    };
    group.streams.set(name, stream);
    this.dirtyGroups.add(group);
    this.scheduleFlush();
    return stream;
  }

  private scheduleFlush(): void {
    if (this.pendingBytes >= this.flushBytes) {
      this.flushImmediate ??= setImmediate(() => {
        this.flushImmediate = undefined;
        void this.flush();
      }).unref();
    } else {
      this.flushTimer ??= setTimeout(() => {
        this.flushTimer = undefined;
        void this.flush();
      }, this.flushIntervalMs).unref();
    }
  }

  private cancelScheduledFlush(): void {
    clearTimeout(this.flushTimer);
    clearImmediate(this.flushImmediate);
    this.flushTimer = undefined;
    this.flushImmediate = undefined;
  }

  private async writeQueued(): Promise<void> {
    if (this.closed) return;
    this.cancelScheduledFlush();
    this.pendingBytes = 0;
    const streams = this.queuedStreams;
    this.queuedStreams = [];
    const writes: StreamState[] = [];
    for (const stream of streams) {
      stream.queued = false;
      if (!stream.deleted && stream.pending.length > 0) {
        this.startWrite(stream);
        writes.push(stream);
      }
    }
    const dirs = new Set(writes.map((stream) => stream.group.dir));
    await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true }).catch(() => undefined)));
    await Promise.all(writes.map((stream) => this.finishWrite(stream)));
    if (this.closed) return;
    // After the events, so that a crash in between leaves statistics behind the data, not ahead of it.
    this.saveDirtyGroups();
    const removals = [...this.removals];
    this.removals.clear();
    await Promise.all(
      removals.map((target) => rm(target, { recursive: true, force: true }).catch((e) => this.warn(e))),
    );
  }

  /** Moves a stream's pending events into a buffer bound for a fixed place at the end of its file. */
  private startWrite(stream: StreamState): NonNullable<StreamState['writing']> {
    const events = stream.pending;
    stream.pending = [];
    let text = stream.needsNewline ? '\n' : '';
    stream.needsNewline = false;
    let first: EventPosition = events[0] as StoredLogEvent;
    let last: EventPosition = first;
    for (const event of events) {
      text += encodeEventLine(event);
      if (event.timestamp < first.timestamp || (event.timestamp === first.timestamp && event.seq < first.seq))
        first = event;
      if (event.timestamp > last.timestamp || (event.timestamp === last.timestamp && event.seq > last.seq))
        last = event;
    }
    const buffer = Buffer.from(text, 'utf8');
    const writing = { events, buffer, offset: stream.fileSize, first, last };
    stream.fileSize += buffer.length;
    stream.info.storedBytes += messageBytes(events);
    stream.writing = writing;
    return writing;
  }

  private async finishWrite(stream: StreamState): Promise<void> {
    const writing = stream.writing;
    if (!writing) return;
    try {
      await writeAt(stream.file, writing.buffer, writing.offset);
      if (stream.writing === writing && !this.closed) {
        addBlock(stream.blocks, {
          offset: writing.offset,
          length: writing.buffer.length,
          first: writing.first,
          last: writing.last,
        });
      }
    } catch (error) {
      if (stream.deleted || this.closed) return;
      this.warn(error);
      stream.unwritten.push(writing.events);
      // Whatever part of the buffer reached the file is half a line now.
      stream.needsNewline = true;
    } finally {
      if (stream.writing === writing && !this.closed) stream.writing = undefined;
    }
  }

  /** Writes a stream's unfinished and pending events synchronously (shutdown). */
  private writeStreamSync(stream: StreamState): void {
    if (stream.deleted) return;
    try {
      mkdirSync(stream.group.dir, { recursive: true });
      // Same bytes at the same place as the background write that may still be running: harmless twice.
      if (stream.writing) writeAtSync(stream.file, stream.writing.buffer, stream.writing.offset);
      for (const events of stream.unwritten) stream.pending.unshift(...events);
      stream.unwritten = [];
      if (stream.pending.length > 0) {
        const writing = this.startWrite(stream);
        writeAtSync(stream.file, writing.buffer, writing.offset);
      }
    } catch (error) {
      this.warn(error);
    }
  }

  private saveDirtyGroups(): void {
    for (const group of this.dirtyGroups) {
      if (group.deleted) continue;
      try {
        mkdirSync(group.dir, { recursive: true });
        writeGroupFile(group.dir, groupRecord(group));
      } catch (error) {
        this.warn(error);
      }
    }
    this.dirtyGroups.clear();
  }

  private indexEarlierRuns(stream: StreamState): Promise<FileBlock[]> {
    if (stream.baseBlocks) return Promise.resolve(stream.baseBlocks);
    stream.baseScan ??= scanBlocks(stream.file, stream.baseSize)
      .catch(() => [])
      .then((blocks) => {
        stream.baseBlocks = blocks;
        return blocks;
      });
    return stream.baseScan;
  }

  private async loadBlock(source: Extract<ScanSource, { kind: 'file' }>): Promise<readonly StoredLogEvent[]> {
    const { file, block, logStreamName } = source;
    const key = `${file}\0${block.offset}\0${block.length}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let text: string;
    try {
      text = await readBlockText(file, block);
    } catch {
      // Deleted while being read: it has no events any more.
      return [];
    }
    const events = decodeEventLines(text, logStreamName);
    this.cache.set(key, events, block.length);
    return events;
  }

  private warn(error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    console.warn(`[local-cloud] logs: cannot write under ${this.root}: ${(error as Error).message ?? error}`);
  }
}

function describeGroup(group: GroupState): LogGroupInfo {
  let storedBytes = 0;
  for (const stream of group.streams.values()) storedBytes += describeStream(stream).storedBytes;
  return { ...group.info, storedBytes };
}

/** Stored bytes count the UTF-8 bytes of the messages, written or not yet. */
function describeStream(stream: StreamState): LogStreamInfo {
  return { ...stream.info, storedBytes: stream.info.storedBytes + messageBytes(stream.pending) };
}

function messageBytes(events: readonly StoredLogEvent[]): number {
  let bytes = 0;
  for (const event of events) bytes += Buffer.byteLength(event.message);
  return bytes;
}

function groupRecord(group: GroupState): GroupRecord {
  const streams: StreamRecord[] = [...group.streams.values()].map((stream) => ({
    ...stream.info,
    file: stream.fileName,
  }));
  return { ...group.info, streams };
}

/** Code-unit order, as the service sorts names (`B` before `a`). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
