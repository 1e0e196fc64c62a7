import { cloudUrl } from './app.js';

export interface SentEmail {
  messageId: string;
  subject?: string;
  text?: string;
  html?: string;
  to: string[];
}

/** The messages SES accepted for an address, oldest first (the local cloud's outbox route). */
export async function emailsTo(address: string): Promise<SentEmail[]> {
  const response = await fetch(`${cloudUrl()}/_local/ses/outbox?to=${encodeURIComponent(address)}`);
  if (!response.ok) throw new Error(`outbox answered ${response.status}`);
  const { messages } = (await response.json()) as { messages: SentEmail[] };
  return messages;
}

/** The `token` of the last emailed link to `path` (e.g. `/verify-email`) sent to an address. */
export async function tokenFromLastEmail(address: string, path: string): Promise<string> {
  const messages = await emailsTo(address);
  for (const message of messages.reverse()) {
    const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(message.text ?? '');
    if (match?.[1]) return match[1];
  }
  throw new Error(`no ${path} link in the ${messages.length} email(s) to ${address}`);
}
