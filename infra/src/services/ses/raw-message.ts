import { splitAddressList } from './addresses.js';

/** What SES reads from the header of a raw (MIME) message when the request leaves it out. */
export interface RawHeaders {
  from?: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject?: string;
}

/**
 * Reads the header section of a raw message (up to the first empty line), unfolding continued lines:
 * the sender and recipients SES takes when `FromEmailAddress` or `Destination` are not given, and the
 * subject, for the outbox.
 *
 * @example readRawHeaders(Buffer.from('From: a@example.com\r\nTo: b@example.com\r\n\r\nHi')).to // ['b@example.com']
 */
export function readRawHeaders(message: Buffer): RawHeaders {
  const text = message.toString('utf8');
  const end = /\r?\n\r?\n/.exec(text);
  const section = end ? text.slice(0, end.index) : text;
  const fields = new Map<string, string>();
  for (const line of section.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    // A header given twice is malformed; the first one counts, as most readers take it.
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  const list = (name: string) => splitAddressList(fields.get(name) ?? '');
  const headers: RawHeaders = { to: list('to'), cc: list('cc'), bcc: list('bcc') };
  const from = fields.get('from');
  if (from) headers.from = from;
  const subject = fields.get('subject');
  if (subject !== undefined) headers.subject = subject;
  return headers;
}
