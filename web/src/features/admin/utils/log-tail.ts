import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';

/**
 * The log viewer's lines, kept oldest first (newest at the bottom), merged page by page as the
 * live tail polls `FilterLogEvents`. Each poll asks from the newest line seen, a little earlier
 * (events of other streams may be ingested late), so pages overlap: `eventId` dedupes them.
 */
export interface LogLine {
  eventId: string;
  timestamp: number;
  message: string;
  logStreamName?: string;
}

export interface LogTail {
  lines: LogLine[];
  /** Lines dropped from the top to keep at most `MAX_LOG_LINES`. */
  dropped: number;
}

export const MAX_LOG_LINES = 1000;
/** How far before the newest line seen each poll starts (CloudWatch may ingest events late). */
export const POLL_LOOKBACK_MS = 5000;
export const POLL_INTERVAL_MS = 2000;

export const EMPTY_TAIL: LogTail = { lines: [], dropped: 0 };

/**
 * Adds the events not seen yet, in time order (stable for equal timestamps), keeping the newest
 * `max`. Returns the same object when nothing is new, so that a quiet poll re-renders nothing.
 */
export function mergeLogEvents(
  tail: LogTail,
  events: readonly FilteredLogEvent[],
  max: number = MAX_LOG_LINES,
): LogTail {
  const seen = new Set(tail.lines.map((line) => line.eventId));
  const fresh: LogLine[] = [];
  for (const event of events) {
    const eventId = event.eventId ?? `${event.logStreamName}/${event.timestamp}/${event.message}`;
    if (seen.has(eventId)) continue;
    seen.add(eventId);
    const line: LogLine = { eventId, timestamp: event.timestamp ?? 0, message: event.message ?? '' };
    if (event.logStreamName) line.logStreamName = event.logStreamName;
    fresh.push(line);
  }
  if (fresh.length === 0) return tail;
  const lines = [...tail.lines, ...fresh].sort((a, b) => a.timestamp - b.timestamp);
  const overflow = Math.max(0, lines.length - max);
  return { lines: overflow > 0 ? lines.slice(overflow) : lines, dropped: tail.dropped + overflow };
}

/**
 * Where the next request starts: a little before the newest line seen, or `initialStartTime` when
 * nothing was seen yet.
 */
export function nextStartTime(
  tail: LogTail,
  initialStartTime: number,
  lookbackMs: number = POLL_LOOKBACK_MS,
): number {
  const newest = tail.lines.at(-1)?.timestamp;
  return newest === undefined ? initialStartTime : Math.max(initialStartTime, newest - lookbackMs);
}
