import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { AtomicJsonFile } from '../../core/state/atomic-json-file.js';
import { parseMailbox } from './addresses.js';
import type { OutgoingEmail } from './email-input.js';

/** A message SES accepted, as the outbox keeps it and `GET /_local/ses/outbox` shows it. */
export interface OutboxMessage extends OutgoingEmail {
  messageId: string;
  /** When SES accepted it, ISO 8601. */
  timestamp: string;
  /** The verified identity that let the sender send (its address, or its domain). */
  identity: string;
  /** Who called SendEmail: the root user's or a role session's ARN. */
  callerArn: string;
}

export interface OutboxFilter {
  /** Messages with this recipient (To, Cc or Bcc), whatever its case. */
  to?: string;
  /** Messages accepted at or after this time. */
  since?: Date;
}

/**
 * Where sent mail goes instead of the Internet: one JSON file per message under the outbox folder,
 * each written atomically before SendEmail answers, so an acknowledged message survives a crash.
 * Read once at start; served from memory after that, oldest first.
 */
export class Outbox {
  private readonly messages: OutboxMessage[] = [];
  private readonly byId = new Map<string, OutboxMessage>();

  private constructor(private readonly dir: string) {}

  /** Opens the outbox kept in `dir`, reading the messages a previous run accepted. */
  static async open(dir: string): Promise<Outbox> {
    const outbox = new Outbox(dir);
    await mkdir(dir, { recursive: true });
    const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    for (const name of names) {
      const message = await readMessage(path.join(dir, name));
      if (message) outbox.remember(message);
    }
    return outbox;
  }

  /** Keeps a message: on disk first, then in the listing. */
  async add(message: OutboxMessage): Promise<void> {
    await new AtomicJsonFile(this.fileOf(message.messageId), () => message).save();
    this.remember(message);
  }

  list(filter: OutboxFilter = {}): OutboxMessage[] {
    const to = filter.to === undefined ? undefined : recipientKey(filter.to);
    const since = filter.since?.getTime();
    return this.messages.filter(
      (message) =>
        (since === undefined || Date.parse(message.timestamp) >= since) &&
        (to === undefined ||
          [...message.to, ...message.cc, ...message.bcc].some((address) => recipientKey(address) === to)),
    );
  }

  get(messageId: string): OutboxMessage | undefined {
    return this.byId.get(messageId);
  }

  /** Empties the outbox; returns how many messages it held. */
  async clear(): Promise<number> {
    const gone = this.messages.splice(0);
    this.byId.clear();
    await Promise.all(gone.map((message) => rm(this.fileOf(message.messageId), { force: true })));
    return gone.length;
  }

  private remember(message: OutboxMessage): void {
    this.byId.set(message.messageId, message);
    // Sends finish writing in any order; the listing stays in the order SES accepted them.
    let at = this.messages.length;
    while (at > 0 && (this.messages[at - 1] as OutboxMessage).timestamp > message.timestamp) at--;
    this.messages.splice(at, 0, message);
  }

  private fileOf(messageId: string): string {
    return path.join(this.dir, `${messageId}.json`);
  }
}

async function readMessage(file: string): Promise<OutboxMessage | undefined> {
  try {
    const message = JSON.parse(await readFile(file, 'utf8')) as OutboxMessage;
    if (typeof message.messageId === 'string' && typeof message.timestamp === 'string') return message;
  } catch {
    // Writes are atomic, so this is damage from outside; one unreadable message must not stop the cloud.
  }
  console.warn(`[local-cloud] ses: ignoring unreadable outbox message ${file}`);
  return undefined;
}

/** How recipients compare: the bare address, lowercase (`"Ann" <Ann@Example.com>` is `ann@example.com`). */
function recipientKey(text: string): string {
  const parsed = parseMailbox(text);
  return ('mailbox' in parsed ? parsed.mailbox.address : text.trim()).toLowerCase();
}
