import type {
  FilteredLogEvent,
  FilterLogEventsRequest,
  FilterLogEventsResponse,
  GetLogEventsRequest,
  GetLogEventsResponse,
  InputLogEvent,
  PutLogEventsRequest,
  PutLogEventsResponse,
  RejectedLogEventsInfo,
} from '@aws-sdk/client-cloudwatch-logs';
import { invalidParameter, logGroupNotFound, logStreamNotFound } from './errors.js';
import {
  type Direction,
  decodeSearchToken,
  decodeStreamToken,
  encodeSearchToken,
  encodeStreamToken,
} from './paging-tokens.js';
import { compileFilterPattern, type MessageFilter } from './patterns/filter-pattern.js';
import { RequestReader } from './request-reader.js';
import { LOG_GROUP_NAME, LOG_STREAM_NAME, type LogsContext, readLogGroup } from './resource-names.js';
import type { StoredLogEvent } from './store/log-event.js';
import type { EventQuery, LogStore } from './store/store.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** PutLogEvents counts each event's UTF-8 message plus 26 bytes against a 1 MiB batch. */
const EVENT_OVERHEAD_BYTES = 26;
const MAX_BATCH_BYTES = 1_048_576;
/** Reads stop at 10,000 events or a 1 MB response, whichever comes first. */
const MAX_RESPONSE_BYTES = 1_048_576;
const MAX_EVENTS = 10_000;
/** FilterLogEvents reads newest-first only from 2024 on. */
const NEWEST_FIRST_SINCE = Date.UTC(2024, 0, 1);

/**
 * PutLogEvents: the batch must be in time order, within 24 hours and 1 MiB; events more than 2 hours
 * ahead, more than 14 days old, or older than the group's retention are rejected (and reported), the
 * rest stored.
 */
export function putLogEvents(store: LogStore, input: Record<string, unknown>): PutLogEventsResponse {
  const reader = new RequestReader<PutLogEventsRequest>(input);
  const groupName = reader.string('logGroupName', { ...LOG_GROUP_NAME, required: true }) as string;
  const streamName = reader.string('logStreamName', { ...LOG_STREAM_NAME, required: true }) as string;
  const items =
    reader.structureList('logEvents', { minItems: 1, maxItems: MAX_EVENTS, required: true }) ?? [];
  reader.string('sequenceToken', { min: 1 });
  const events = items.map((item, index) => readInputEvent(reader, item, index));
  reader.check();

  const group = store.getLogGroup(groupName);
  if (!group) throw logGroupNotFound();
  if (!store.getLogStream(groupName, streamName)) throw logStreamNotFound();
  const batchBytes = events.reduce(
    (sum, event) => sum + Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES,
    0,
  );
  if (batchBytes > MAX_BATCH_BYTES) {
    throw invalidParameter(`Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  }
  if (
    events.some((event, index) => index > 0 && event.timestamp < (events[index - 1] as InputEvent).timestamp)
  ) {
    throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
  }

  const now = Date.now();
  const firstTooNew = events.findIndex((event) => event.timestamp > now + 2 * HOUR_MS);
  const tooNewStart = firstTooNew < 0 ? events.length : firstTooNew;
  const tooOldEnd = countBefore(events, now - 14 * DAY_MS, tooNewStart);
  const retention = group.retentionInDays;
  const expiredEnd = retention === undefined ? 0 : countBefore(events, now - retention * DAY_MS, tooNewStart);
  const accepted = events.slice(Math.max(tooOldEnd, expiredEnd), tooNewStart);
  const [oldest] = accepted;
  const newest = accepted.at(-1);
  if (oldest && newest && newest.timestamp - oldest.timestamp > DAY_MS) {
    throw invalidParameter(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
  if (accepted.length > 0) store.append(groupName, streamName, accepted);

  const rejected: RejectedLogEventsInfo = {
    ...(tooNewStart < events.length && { tooNewLogEventStartIndex: tooNewStart }),
    ...(tooOldEnd > 0 && { tooOldLogEventEndIndex: tooOldEnd }),
    ...(expiredEnd > 0 && { expiredLogEventEndIndex: expiredEnd }),
  };
  const lastSeq = store.getLogStream(groupName, streamName)?.lastSeq ?? 0;
  return {
    nextSequenceToken: String(lastSeq).padStart(56, '0'),
    ...(Object.keys(rejected).length > 0 && { rejectedLogEventsInfo: rejected }),
  };
}

/**
 * GetLogEvents: a page of one stream, oldest first within the page. Without a token it is the first
 * page (`startFromHead`) or the last (the default); `nextForwardToken` and `nextBackwardToken` are
 * always returned, and a token that reached the end of the stream comes back unchanged.
 */
export async function getLogEvents(
  store: LogStore,
  input: Record<string, unknown>,
  context: LogsContext,
): Promise<GetLogEventsResponse> {
  const reader = new RequestReader<GetLogEventsRequest>(input);
  const group = readLogGroup(reader, context);
  const streamName = reader.string('logStreamName', { ...LOG_STREAM_NAME, required: true }) as string;
  const startTime = reader.integer('startTime', { min: 0, long: true });
  const endTime = reader.integer('endTime', { min: 0, long: true });
  const nextToken = reader.string('nextToken', { min: 1 });
  const limit = reader.integer('limit', { min: 1, max: MAX_EVENTS }) ?? MAX_EVENTS;
  const startFromHead = reader.boolean('startFromHead') ?? false;
  reader.boolean('unmask');
  reader.check();
  const groupName = group();
  const token = nextToken === undefined ? undefined : decodeStreamToken(nextToken);
  if (!store.hasLogGroup(groupName)) throw logGroupNotFound();
  if (!store.getLogStream(groupName, streamName)) throw logStreamNotFound();

  const direction: Direction = token?.direction ?? (startFromHead ? 'forward' : 'backward');
  const query: EventQuery = {
    logStreamNames: [streamName],
    direction,
    limit,
    ...(startTime !== undefined && { startTime }),
    ...(endTime !== undefined && { endTime }),
    ...(token && (direction === 'forward' ? { after: token.gap } : { through: token.gap })),
  };
  const events = withinResponseSize(await store.readEvents(groupName, query));
  if (direction === 'backward') events.reverse();

  const first = events[0];
  const last = events.at(-1);
  if (!first || !last) {
    const gap = token?.gap ?? { timestamp: startTime ?? 0, seq: -1 };
    return {
      events: [],
      nextForwardToken: token?.direction === 'forward' ? nextToken : encodeStreamToken('forward', gap),
      nextBackwardToken: token?.direction === 'backward' ? nextToken : encodeStreamToken('backward', gap),
    };
  }
  return {
    events: events.map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
    nextForwardToken: encodeStreamToken('forward', last),
    nextBackwardToken: encodeStreamToken('backward', { timestamp: first.timestamp, seq: first.seq - 1 }),
  };
}

/**
 * FilterLogEvents: matching events of a group's streams (all, named, or under a prefix), interleaved
 * in time order — oldest first, or newest first with `startFromHead: false`. `nextToken` is returned
 * while more may match.
 */
export async function filterLogEvents(
  store: LogStore,
  input: Record<string, unknown>,
  context: LogsContext,
): Promise<FilterLogEventsResponse> {
  const reader = new RequestReader<FilterLogEventsRequest>(input);
  const group = readLogGroup(reader, context);
  const streamNames = reader.stringList('logStreamNames', {
    minItems: 1,
    maxItems: 100,
    item: LOG_STREAM_NAME,
  });
  const prefix = reader.string('logStreamNamePrefix', LOG_STREAM_NAME);
  const startTime = reader.integer('startTime', { min: 0, long: true });
  const endTime = reader.integer('endTime', { min: 0, long: true });
  const filterPattern = reader.string('filterPattern', { min: 0, max: 1024 });
  const nextToken = reader.string('nextToken', { min: 1 });
  const limit = reader.integer('limit', { min: 1, max: MAX_EVENTS }) ?? MAX_EVENTS;
  const startFromHead = reader.boolean('startFromHead') ?? true;
  reader.boolean('interleaved');
  reader.boolean('unmask');
  reader.check();
  const groupName = group();
  if (streamNames !== undefined && prefix !== undefined) {
    throw invalidParameter('Cannot specify both logStreamNames and logStreamNamePrefix.');
  }
  if (!startFromHead && startTime !== undefined && startTime < NEWEST_FIRST_SINCE) {
    throw invalidParameter(
      'startFromHead set to false is supported only for a startTime on or after Jan 1, 2024.',
    );
  }
  const matches = cachedFilter(filterPattern ?? '');
  const token = nextToken === undefined ? undefined : decodeSearchToken(nextToken);
  const streams = store.listLogStreams(groupName);
  if (!streams) throw logGroupNotFound();
  const wanted = streamNames && new Set(streamNames);
  const logStreamNames = streams
    .map((stream) => stream.logStreamName)
    .filter((name) => (wanted ? wanted.has(name) : prefix === undefined || name.startsWith(prefix)));

  const direction: Direction = token?.direction ?? (startFromHead ? 'forward' : 'backward');
  const query: EventQuery = {
    logStreamNames,
    direction,
    // One more than asked, to know whether another page exists.
    limit: limit + 1,
    matches,
    ...(startTime !== undefined && { startTime }),
    // The API's endTime is inclusive; the store's is exclusive.
    ...(endTime !== undefined && { endTime: endTime + 1 }),
    ...(token &&
      (direction === 'forward'
        ? { after: token.after }
        : { through: { timestamp: token.after.timestamp, seq: token.after.seq - 1 } })),
  };
  const found = await store.readEvents(groupName, query);
  const events = withinResponseSize(found.slice(0, limit));
  const last = events.at(-1);
  return {
    events: events.map(filteredEvent),
    // Deprecated by the service in 2020: always an empty list.
    searchedLogStreams: [],
    ...(found.length > events.length && last && { nextToken: encodeSearchToken(direction, last) }),
  };
}

type InputEvent = { timestamp: number; message: string };

function readInputEvent(
  reader: RequestReader<PutLogEventsRequest>,
  item: Record<string, unknown>,
  index: number,
): InputEvent {
  const event = reader.nested<InputLogEvent>(item, `logEvents.${index + 1}.member`);
  const timestamp = event.integer('timestamp', { min: 0, long: true, required: true }) ?? 0;
  const message = event.string('message', { min: 1, required: true }) ?? '';
  return { timestamp, message };
}

/** How many of the first `end` events (in time order) are older than `limit`. */
function countBefore(events: readonly InputEvent[], limit: number, end: number): number {
  let count = 0;
  while (count < end && (events[count] as InputEvent).timestamp < limit) count += 1;
  return count;
}

/** The events that fit in one response; at least one, so that paging always moves. */
function withinResponseSize(events: StoredLogEvent[]): StoredLogEvent[] {
  let bytes = 0;
  for (let index = 0; index < events.length; index += 1) {
    bytes += Buffer.byteLength((events[index] as StoredLogEvent).message) + EVENT_OVERHEAD_BYTES;
    if (bytes > MAX_RESPONSE_BYTES && index > 0) return events.slice(0, index);
  }
  return events;
}

function filteredEvent(event: StoredLogEvent): FilteredLogEvent {
  return {
    logStreamName: event.logStreamName,
    timestamp: event.timestamp,
    message: event.message,
    ingestionTime: event.ingestionTime,
    eventId: eventId(event),
  };
}

/** 56 digits like the service's, unique and stable: the event's timestamp and sequence number. */
function eventId(event: StoredLogEvent): string {
  return `${String(event.timestamp).padStart(20, '0')}${String(event.seq).padStart(20, '0')}`.padStart(
    56,
    '0',
  );
}

const filterCache = new Map<string, MessageFilter>();
const FILTER_CACHE_SIZE = 64;

/** Paging repeats the same pattern call after call: compile it once. */
function cachedFilter(pattern: string): MessageFilter {
  let filter = filterCache.get(pattern);
  if (!filter) {
    filter = compileFilterPattern(pattern);
    if (filterCache.size >= FILTER_CACHE_SIZE) filterCache.delete(filterCache.keys().next().value as string);
    filterCache.set(pattern, filter);
  }
  return filter;
}
