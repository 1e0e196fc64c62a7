import { describe, expect, it } from 'vitest';
import { EMPTY_TAIL, mergeLogEvents, nextStartTime } from './log-tail';

const event = (eventId: string, timestamp: number, message = eventId) => ({
  eventId,
  timestamp,
  message,
  logStreamName: 'stream-1',
});

describe('mergeLogEvents', () => {
  it('keeps lines oldest first, newest at the bottom', () => {
    const tail = mergeLogEvents(EMPTY_TAIL, [event('b', 20), event('a', 10)]);
    expect(tail.lines.map((line) => line.eventId)).toEqual(['a', 'b']);
  });

  it('drops events already seen when polls overlap', () => {
    const first = mergeLogEvents(EMPTY_TAIL, [event('a', 10), event('b', 20)]);
    const second = mergeLogEvents(first, [event('b', 20), event('c', 20), event('d', 30)]);
    expect(second.lines.map((line) => line.eventId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('returns the same tail when a poll brings nothing new', () => {
    const first = mergeLogEvents(EMPTY_TAIL, [event('a', 10)]);
    expect(mergeLogEvents(first, [event('a', 10)])).toBe(first);
    expect(mergeLogEvents(first, [])).toBe(first);
  });

  it('places a late-ingested event at its time', () => {
    const first = mergeLogEvents(EMPTY_TAIL, [event('a', 10), event('c', 30)]);
    expect(mergeLogEvents(first, [event('b', 20)]).lines.map((line) => line.eventId)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('keeps the newest lines and counts those dropped', () => {
    const tail = mergeLogEvents(EMPTY_TAIL, [event('a', 1), event('b', 2), event('c', 3)], 2);
    expect(tail.lines.map((line) => line.eventId)).toEqual(['b', 'c']);
    expect(tail.dropped).toBe(1);
    expect(mergeLogEvents(tail, [event('d', 4)], 2).dropped).toBe(2);
  });

  it('dedupes events within one page too', () => {
    expect(mergeLogEvents(EMPTY_TAIL, [event('a', 1), event('a', 1)]).lines).toHaveLength(1);
  });
});

describe('nextStartTime', () => {
  it('starts from the window when nothing was seen', () => {
    expect(nextStartTime(EMPTY_TAIL, 1_000)).toBe(1_000);
  });

  it('starts a little before the newest line seen, never before the window', () => {
    const tail = mergeLogEvents(EMPTY_TAIL, [event('a', 100_000)]);
    expect(nextStartTime(tail, 0, 5_000)).toBe(95_000);
    expect(nextStartTime(tail, 99_000, 5_000)).toBe(99_000);
    expect(nextStartTime(tail, 0, 0)).toBe(100_000);
  });
});
