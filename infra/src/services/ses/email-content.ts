import type {
  Attachment,
  Body,
  Content,
  EmailContent,
  EmailTemplateContent,
  Message,
  MessageHeader,
  RawMessage,
  Template,
} from '@aws-sdk/client-sesv2';
import { badRequest } from './errors.js';
import { type RawHeaders, readRawHeaders } from './raw-message.js';
import type { WireReader } from './wire-reader.js';

export const CONTENT_KINDS = ['Simple', 'Raw', 'Template'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** A file attached to a simple or templated message; the content base64, as it came. */
export interface StoredAttachment {
  fileName: string;
  contentType?: string;
  contentDisposition?: string;
  contentId?: string;
  contentDescription?: string;
  content: string;
}

/**
 * A templated message, kept as asked for: the local cloud has no stored templates and does not render
 * them, so a test checks which template and which data were sent.
 */
export interface StoredTemplate {
  name?: string;
  arn?: string;
  content?: { subject?: string; text?: string; html?: string };
  /** `TemplateData`, parsed. */
  data?: unknown;
}

/** The message's content as the outbox keeps it: the parts of a simple one, the MIME text of a raw one. */
export interface StoredContent {
  subject?: string;
  text?: string;
  html?: string;
  headers?: Array<{ name: string; value: string }>;
  attachments?: StoredAttachment[];
  /** A raw message as sent (UTF-8 text of the MIME message). */
  raw?: string;
  template?: StoredTemplate;
}

export interface ReadContent {
  kind: ContentKind;
  content: StoredContent;
  /** A raw message's own header, where SES finds the sender and recipients the request leaves out. */
  rawHeaders?: RawHeaders;
}

/** Reads `Content`: exactly one of `Simple`, `Raw` and `Template`. */
export function readContent(reader: WireReader<EmailContent> | undefined): ReadContent {
  const kinds = CONTENT_KINDS.filter((kind) => reader?.has(kind));
  if (!reader || kinds.length !== 1) {
    throw badRequest(
      kinds.length === 0
        ? 'Content is required: give one of Simple, Raw or Template.'
        : `Content must have exactly one of Simple, Raw or Template, got ${kinds.join(' and ')}.`,
    );
  }
  const kind = kinds[0] as ContentKind;
  if (kind === 'Simple') return { kind, content: simple(reader.structure<Message>('Simple')) };
  if (kind === 'Template') {
    const templated = reader.structure<Template>('Template') as WireReader<Template>;
    return { kind, content: { template: template(templated), ...extras(templated) } };
  }
  const data = reader.structure<RawMessage>('Raw')?.blob('Data');
  if (!data || data.length === 0) throw badRequest('Content.Raw.Data is required.');
  const rawHeaders = readRawHeaders(data);
  const content: StoredContent = { raw: data.toString('utf8') };
  if (rawHeaders.subject !== undefined) content.subject = rawHeaders.subject;
  return { kind, content, rawHeaders };
}

function simple(message: WireReader<Message> | undefined): StoredContent {
  const subject = message?.structure<Content>('Subject');
  if (!message || !subject) throw badRequest('Content.Simple.Subject is required.');
  const body = message.structure<Body>('Body');
  const text = body?.structure<Content>('Text')?.requiredString('Data');
  const html = body?.structure<Content>('Html')?.requiredString('Data');
  if (text === undefined && html === undefined)
    throw badRequest('Content.Simple.Body needs Text, Html or both.');
  const content: StoredContent = { subject: subject.requiredString('Data') };
  if (text !== undefined) content.text = text;
  if (html !== undefined) content.html = html;
  return { ...content, ...extras(message) };
}

function template(reader: WireReader<Template>): StoredTemplate {
  const stored: StoredTemplate = {};
  const name = reader.string('TemplateName');
  const arn = reader.string('TemplateArn');
  const inline = reader.structure<EmailTemplateContent>('TemplateContent');
  if (name === undefined && arn === undefined && inline === undefined)
    throw badRequest('Content.Template needs TemplateName, TemplateArn or TemplateContent.');
  if (name !== undefined) stored.name = name;
  if (arn !== undefined) stored.arn = arn;
  if (inline) {
    stored.content = {};
    for (const [member, field] of [
      ['Subject', 'subject'],
      ['Text', 'text'],
      ['Html', 'html'],
    ] as const) {
      const value = inline.string(member);
      if (value !== undefined) stored.content[field] = value;
    }
  }
  const data = reader.string('TemplateData');
  if (data !== undefined) {
    try {
      stored.data = JSON.parse(data);
    } catch {
      throw badRequest('Content.Template.TemplateData is not valid JSON.');
    }
  }
  return stored;
}

/** The custom headers and attachments a simple or templated message may carry. */
function extras(reader: WireReader<Pick<Message, 'Headers' | 'Attachments'>>): StoredContent {
  const found: StoredContent = {};
  const headers = reader.structures<MessageHeader>('Headers');
  if (headers) {
    found.headers = headers.map((header) => ({
      name: header.requiredString('Name'),
      value: header.requiredString('Value'),
    }));
  }
  const attachments = reader.structures<Attachment>('Attachments');
  if (attachments) found.attachments = attachments.map(attachment);
  return found;
}

function attachment(reader: WireReader<Attachment>): StoredAttachment {
  const content = reader.blob('RawContent');
  if (content === undefined) throw badRequest('Attachments need RawContent.');
  const stored: StoredAttachment = {
    fileName: reader.requiredString('FileName'),
    content: content.toString('base64'),
  };
  for (const [member, field] of [
    ['ContentType', 'contentType'],
    ['ContentDisposition', 'contentDisposition'],
    ['ContentId', 'contentId'],
    ['ContentDescription', 'contentDescription'],
  ] as const) {
    const value = reader.string(member);
    if (value !== undefined) stored[field] = value;
  }
  return stored;
}
