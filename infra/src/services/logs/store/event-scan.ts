import { comparePositions, type EventPosition, type StoredLogEvent } from './log-event.js';
import type { FileBlock } from './stream-file.js';

/** Where events may be found: a block of a stream file, or events still in memory. */
export type ScanSource =
  | { kind: 'file'; file: string; logStreamName: string; block: FileBlock }
  | { kind: 'memory'; events: readonly StoredLogEvent[]; first: EventPosition; last: EventPosition };

/** Which events to read, in which direction, how many. */
export interface ScanQuery {
  /** Forward: the lowest positions first; backward: the highest first. */
  direction: 'forward' | 'backward';
  limit: number;
  /** Inclusive. */
  startTime?: number;
  /** Exclusive. */
  endTime?: number;
  /** Only events after this position. */
  after?: EventPosition;
  /** Only events at or before this position. */
  through?: EventPosition;
  /** Only events whose message passes this test. */
  matches?: (message: string) => boolean;
}

/** A memory source for a list of events in any order. */
export function memorySource(events: readonly StoredLogEvent[]): ScanSource | undefined {
  const [head] = events;
  if (!head) return undefined;
  let first: EventPosition = head;
  let last: EventPosition = head;
  for (const event of events) {
    if (comparePositions(event, first) < 0) first = event;
    if (comparePositions(event, last) > 0) last = event;
  }
  return { kind: 'memory', events, first, last };
}

/**
 * The first `limit` events of the sources in the query's direction and range. Sources are visited in
 * the order of their nearest position, and the visit stops as soon as the next source cannot hold an
 * event nearer than the `limit`-th one found: a page near one end of a long log reads only a few blocks.
 */
export async function scanEvents(
  sources: readonly ScanSource[],
  query: ScanQuery,
  load: (source: Extract<ScanSource, { kind: 'file' }>) => Promise<readonly StoredLogEvent[]>,
): Promise<StoredLogEvent[]> {
  const { startTime, endTime, after, through, matches, limit } = query;
  const sign = query.direction === 'forward' ? 1 : -1;
  const order = (a: EventPosition, b: EventPosition) => sign * comparePositions(a, b);
  const first = (source: ScanSource) => (source.kind === 'file' ? source.block.first : source.first);
  const last = (source: ScanSource) => (source.kind === 'file' ? source.block.last : source.last);
  const nearest = (source: ScanSource) => (sign > 0 ? first(source) : last(source));
  const overlaps = (source: ScanSource) =>
    (startTime === undefined || last(source).timestamp >= startTime) &&
    (endTime === undefined || first(source).timestamp < endTime) &&
    (after === undefined || comparePositions(last(source), after) > 0) &&
    (through === undefined || comparePositions(first(source), through) <= 0);
  const inRange = (event: StoredLogEvent) =>
    (startTime === undefined || event.timestamp >= startTime) &&
    (endTime === undefined || event.timestamp < endTime) &&
    (after === undefined || comparePositions(event, after) > 0) &&
    (through === undefined || comparePositions(event, through) <= 0);

  const candidates = sources.filter(overlaps).sort((a, b) => order(nearest(a), nearest(b)));
  let selected: StoredLogEvent[] = [];
  // The `limit`-th nearest event found so far: nothing beyond it can make the page.
  let horizon: StoredLogEvent | undefined;
  for (const source of candidates) {
    if (horizon && order(nearest(source), horizon) > 0) break;
    const events = source.kind === 'memory' ? source.events : await load(source);
    for (const event of events) {
      if (horizon && order(event, horizon) >= 0) continue;
      if (!inRange(event) || (matches && !matches(event.message))) continue;
      selected.push(event);
    }
    if (selected.length >= limit) {
      selected.sort(order);
      selected = selected.slice(0, limit);
      horizon = selected[limit - 1];
    }
  }
  return selected.sort(order).slice(0, limit);
}
