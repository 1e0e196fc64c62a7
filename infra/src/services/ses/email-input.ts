import type { Destination, EmailContent, MessageTag, SendEmailRequest } from '@aws-sdk/client-sesv2';
import { type Mailbox, parseMailbox } from './addresses.js';
import { type ContentKind, readContent, type StoredContent } from './email-content.js';
import { badRequest } from './errors.js';
import { WireReader } from './wire-reader.js';

/** SES takes at most 50 recipients per message, To, Cc and Bcc together. */
export const MAX_RECIPIENTS = 50;
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;

/** What a SendEmail request asks to send, checked, as the outbox keeps it. */
export interface OutgoingEmail extends StoredContent {
  /** `FromEmailAddress` as given (display name included), or a raw message's `From`. */
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  tags: Record<string, string>;
  configurationSetName?: string;
}

export interface SendEmailInput {
  email: OutgoingEmail;
  /** The sender's mailbox, whose address (or domain) must be a verified identity. */
  sender: Mailbox;
  /** The bare addresses of every recipient (`ses:Recipients`). */
  recipients: string[];
}

/**
 * Reads and checks a SendEmail request body (restJson1) as SES does: one kind of content, a sender,
 * 1 to 50 recipients, well-formed addresses and tags. Raw messages may leave the sender and the
 * recipients to their own header. Failures are `BadRequestException`s.
 */
export function readSendEmailRequest(body: Buffer): SendEmailInput {
  const request = WireReader.of<SendEmailRequest>(body);
  const { kind, content, rawHeaders } = readContent(request.structure<EmailContent>('Content'));

  const from = request.string('FromEmailAddress') ?? rawHeaders?.from;
  if (from === undefined) throw missingSender(kind);
  const sender = mailboxOf(from);

  const destination = request.structure<Destination>('Destination');
  const to = (destination ? destination.strings('ToAddresses') : rawHeaders?.to) ?? [];
  const cc = (destination ? destination.strings('CcAddresses') : rawHeaders?.cc) ?? [];
  const bcc = (destination ? destination.strings('BccAddresses') : rawHeaders?.bcc) ?? [];
  const everyone = [...to, ...cc, ...bcc];
  if (everyone.length === 0)
    throw badRequest('Destination needs at least one address in ToAddresses, CcAddresses or BccAddresses.');
  if (everyone.length > MAX_RECIPIENTS) throw badRequest(`Recipient count exceeds ${MAX_RECIPIENTS}.`);
  const recipients = everyone.map((address) => mailboxOf(address).address);
  const replyTo = request.strings('ReplyToAddresses') ?? [];
  for (const address of replyTo) mailboxOf(address);

  const email: OutgoingEmail = { from, to, cc, bcc, replyTo, ...content, tags: readTags(request) };
  const configurationSetName = request.string('ConfigurationSetName');
  if (configurationSetName !== undefined) email.configurationSetName = configurationSetName;
  return { email, sender, recipients };
}

function mailboxOf(text: string): Mailbox {
  const parsed = parseMailbox(text);
  if ('problem' in parsed) throw badRequest(parsed.problem);
  return parsed.mailbox;
}

/**
 * SES's answer to a message without a sender depends on the kind of content. For simple content it
 * sends a `null` message; the local cloud names the missing member instead.
 */
function missingSender(kind: ContentKind): Error {
  if (kind === 'Raw') return badRequest("Missing required header 'From'.");
  if (kind === 'Template') return badRequest('Source cannot be empty');
  return badRequest('FromEmailAddress is required.');
}

/** `EmailTags`: names and values of ASCII letters, digits, `_` and `-`, each name once. */
function readTags(request: WireReader<SendEmailRequest>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of request.structures<MessageTag>('EmailTags') ?? []) {
    const name = tag.requiredString('Name');
    const value = tag.requiredString('Value');
    for (const [what, text] of [
      ['name', name],
      ['value', value],
    ] as const) {
      if (!TAG_PART.test(text)) {
        throw badRequest(
          `Invalid tag ${what} '${text}': use 1 to 256 ASCII letters, digits, underscores or dashes.`,
        );
      }
    }
    if (Object.hasOwn(tags, name)) throw badRequest(`Duplicate tag name '${name}'.`);
    tags[name] = value;
  }
  return tags;
}
