import { invalidParameter } from './errors.js';
import type { EventPosition } from './store/log-event.js';

/*
 * Paging tokens. GetLogEvents tokens look like the service's (`f/<56 digits>/s`, `b/…/s`) and name a gap
 * in a stream's (timestamp, seq) order: the gap right after `position`. Reading forward from it yields
 * the events after the gap, backward the events before it; that is why a page's backward token is the
 * gap before its first event (seq − 1) and its forward token the gap after its last. The other tokens are
 * opaque base64 of the position or key they resume after.
 */

export type Direction = 'forward' | 'backward';

const STREAM_TOKEN = /^([fb])\/(\d{56})\/s$/;

export function encodeStreamToken(direction: Direction, gap: EventPosition): string {
  const digits = `${digits20(gap.timestamp)}${digits20(gap.seq + 1)}`.padStart(56, '0');
  return `${direction === 'forward' ? 'f' : 'b'}/${digits}/s`;
}

export function decodeStreamToken(token: string): { direction: Direction; gap: EventPosition } {
  const match = STREAM_TOKEN.exec(token);
  const digits = match?.[2];
  if (!match || !digits) throw invalidNextToken();
  const timestamp = Number(digits.slice(16, 36));
  const seq = Number(digits.slice(36)) - 1;
  if (!Number.isSafeInteger(timestamp) || !Number.isSafeInteger(seq)) throw invalidNextToken();
  return { direction: match[1] === 'f' ? 'forward' : 'backward', gap: { timestamp, seq } };
}

/** FilterLogEvents: where the next page starts, and in which direction it reads. */
export function encodeSearchToken(direction: Direction, after: EventPosition): string {
  return encodeOpaque({ d: direction === 'forward' ? 'f' : 'b', t: after.timestamp, s: after.seq });
}

export function decodeSearchToken(token: string): { direction: Direction; after: EventPosition } {
  const value = decodeOpaque(token);
  const { d, t, s } = value;
  if ((d !== 'f' && d !== 'b') || !Number.isSafeInteger(t) || !Number.isSafeInteger(s))
    throw invalidNextToken();
  return {
    direction: d === 'f' ? 'forward' : 'backward',
    after: { timestamp: t as number, seq: s as number },
  };
}

/** Describe* operations: the sort key of the last item returned. */
export function encodeListToken(key: ReadonlyArray<string | number>): string {
  return encodeOpaque({ k: key });
}

export function decodeListToken(token: string): Array<string | number> {
  const { k } = decodeOpaque(token);
  if (!Array.isArray(k) || !k.every((part) => typeof part === 'string' || typeof part === 'number')) {
    throw invalidNextToken();
  }
  return k;
}

export function invalidNextToken() {
  return invalidParameter('The specified nextToken is invalid.');
}

function digits20(value: number): string {
  return String(Math.max(0, value)).padStart(20, '0');
}

function encodeOpaque(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeOpaque(token: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // Falls through to the service's answer for a token it did not issue.
  }
  throw invalidNextToken();
}
