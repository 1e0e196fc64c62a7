/** A log event as the store keeps it. */
export interface StoredLogEvent {
  logStreamName: string;
  timestamp: number;
  /**
   * Unique across the store and increasing with ingestion: it orders events that share a timestamp,
   * so that (timestamp, seq) is a total order that paging tokens can point into.
   */
  seq: number;
  ingestionTime: number;
  message: string;
}

/** A place in the (timestamp, seq) order of events. */
export interface EventPosition {
  timestamp: number;
  seq: number;
}

export function comparePositions(a: EventPosition, b: EventPosition): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

/** One event as a line of a stream file: `[timestamp,seq,ingestionTime,"message"]`. */
export function encodeEventLine(event: StoredLogEvent): string {
  return `[${event.timestamp},${event.seq},${event.ingestionTime},${JSON.stringify(event.message)}]\n`;
}

/** The events of a run of stream-file lines; lines a crash left half-written are skipped. */
export function decodeEventLines(text: string, logStreamName: string): StoredLogEvent[] {
  const events: StoredLogEvent[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    let fields: unknown;
    try {
      fields = JSON.parse(line);
    } catch {
      continue;
    }
    if (!Array.isArray(fields) || fields.length !== 4) continue;
    const [timestamp, seq, ingestionTime, message] = fields as unknown[];
    if (typeof timestamp !== 'number' || typeof seq !== 'number') continue;
    if (typeof ingestionTime !== 'number' || typeof message !== 'string') continue;
    events.push({ logStreamName, timestamp, seq, ingestionTime, message });
  }
  return events;
}

/** The position a stream-file line starts with, read without parsing the message. */
export function linePosition(linePrefix: string): EventPosition | undefined {
  const match = /^\[(-?\d+),(\d+),/.exec(linePrefix);
  return match ? { timestamp: Number(match[1]), seq: Number(match[2]) } : undefined;
}
