import { describe, expect, it } from 'vitest';
import type { ServiceError } from '../../../../src/core/errors.js';
import { readSendEmailRequest } from '../../../../src/services/ses/email-input.js';

const SIMPLE = {
  FromEmailAddress: '"Lambdagram, Inc." <noreply@example.com>',
  Destination: { ToAddresses: ['ann@example.net'] },
  Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Text: { Data: 'Hello' } } } },
};

function read(body: unknown) {
  return readSendEmailRequest(Buffer.from(JSON.stringify(body)));
}

function refusal(body: unknown): ServiceError {
  try {
    read(body);
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected the request to be refused');
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('reading a SendEmail request', () => {
  it('reads a simple message, its sender and its recipients', () => {
    const { email, sender, recipients } = read({
      ...SIMPLE,
      Destination: { ToAddresses: ['Ann <ann@example.net>'], BccAddresses: ['bob@example.net'] },
      EmailTags: [{ Name: 'kind', Value: 'welcome' }],
      ConfigurationSetName: 'transactional',
    });

    expect(sender).toEqual({ address: 'noreply@example.com', displayName: 'Lambdagram, Inc.' });
    expect(recipients).toEqual(['ann@example.net', 'bob@example.net']);
    expect(email).toEqual({
      from: '"Lambdagram, Inc." <noreply@example.com>',
      to: ['Ann <ann@example.net>'],
      cc: [],
      bcc: ['bob@example.net'],
      replyTo: [],
      subject: 'Hi',
      text: 'Hello',
      tags: { kind: 'welcome' },
      configurationSetName: 'transactional',
    });
  });

  it('takes the sender and recipients of a raw message from its header when the request leaves them out', () => {
    const raw =
      'From: Team <team@example.org>\r\nTo: a@example.net,\r\n "Doe, Jane" <j@example.net>\r\nSubject: Raw\r\n\r\nBody';

    const { email, sender, recipients } = read({ Content: { Raw: { Data: base64(raw) } } });

    expect(sender.address).toBe('team@example.org');
    expect(recipients).toEqual(['a@example.net', 'j@example.net']);
    expect(email).toMatchObject({ subject: 'Raw', raw });
  });

  it('keeps a templated message with its template name and data, unrendered', () => {
    const { email } = read({
      ...SIMPLE,
      Content: { Template: { TemplateName: 'welcome', TemplateData: '{"name":"Ann"}' } },
    });

    expect(email.template).toEqual({ name: 'welcome', data: { name: 'Ann' } });
    expect(email.subject).toBeUndefined();
  });

  it.each([
    ['simple content', SIMPLE.Content, 'FromEmailAddress is required.'],
    [
      'a raw message without From',
      { Raw: { Data: base64('To: a@example.net\r\n\r\nx') } },
      "Missing required header 'From'.",
    ],
    ['a template', { Template: { TemplateName: 'welcome' } }, 'Source cannot be empty'],
  ])('refuses %s without a sender, in the words SES uses', (_case, content, message) => {
    const error = refusal({ Destination: SIMPLE.Destination, Content: content });

    expect(error.code).toBe('BadRequestException');
    expect(error.status).toBe(400);
    expect(error.message).toBe(message);
  });

  it.each([
    ['no content', { Content: undefined }, /^Content is required/],
    ['two kinds of content', { Content: { ...SIMPLE.Content, Raw: { Data: base64('x') } } }, /exactly one/],
    ['no recipient', { Destination: {} }, /^Destination needs at least one address/],
    [
      '51 recipients',
      { Destination: { CcAddresses: Array(51).fill('a@example.net') } },
      /^Recipient count exceeds 50\.$/,
    ],
    ['a recipient without a domain', { Destination: { ToAddresses: ['ann'] } }, /^Missing final '@domain'$/],
    ['a malformed sender', { FromEmailAddress: 'a b@example.com' }, /^Illegal address$/],
    ['a malformed reply-to address', { ReplyToAddresses: ['x@exa mple.com'] }, /^Illegal address$/],
    [
      'a subject-less message',
      { Content: { Simple: { Body: { Text: { Data: 'x' } } } } },
      /Subject is required/,
    ],
    [
      'a body without text or HTML',
      { Content: { Simple: { Subject: { Data: 'x' }, Body: {} } } },
      /Text, Html/,
    ],
    ['a tag with a space', { EmailTags: [{ Name: 'a b', Value: 'x' }] }, /Invalid tag name 'a b'/],
    ['a sender that is not a string', { FromEmailAddress: 42 }, /^FromEmailAddress must be a string\.$/],
    ['raw data that is not base64', { Content: { Raw: { Data: '***' } } }, /not valid base64/],
  ])('refuses %s with BadRequestException', (_case, overrides, message) => {
    const error = refusal({ ...SIMPLE, ...overrides });

    expect(error.code).toBe('BadRequestException');
    expect(error.message).toMatch(message);
  });

  it('refuses a body that is not JSON', () => {
    expect(() => readSendEmailRequest(Buffer.from('{'))).toThrow(/not valid JSON/);
  });
});
