import { randomUUID } from 'node:crypto';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import {
  BadRequestException,
  GetAccountCommand,
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { rawRequest } from '../support/http.js';
import {
  ACCOUNT,
  EMAIL_STACK_TEMPLATE,
  encode,
  payloadOf,
  REGION,
  ROOT_CREDENTIALS,
  startCloud,
} from '../support/local-cloud.js';

// The outbox route is the local cloud's own (mail is kept, not delivered); SendEmail and its errors
// are as SES answers them.

const local = useCloud({ template: EMAIL_STACK_TEMPLATE, args: ['--no-watch'] });
const clients: SESv2Client[] = [];
afterAll(() => {
  for (const client of clients) client.destroy();
});

function ses(url = local.cloud.url): SESv2Client {
  const client = new SESv2Client({
    endpoint: url,
    region: REGION,
    credentials: ROOT_CREDENTIALS,
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
}

/** A recipient no other test uses, so that each test reads only its own messages. */
function recipient(): string {
  return `reader-${randomUUID().slice(0, 8)}@example.net`;
}

function simpleEmail(to: string, overrides: Partial<SendEmailCommandInput> = {}): SendEmailCommandInput {
  return {
    FromEmailAddress: 'Lambdagram <noreply@example.com>',
    Destination: { ToAddresses: [to] },
    Content: {
      Simple: {
        Subject: { Data: 'Your photo was liked', Charset: 'UTF-8' },
        Body: {
          Text: { Data: 'Someone liked your photo.' },
          Html: { Data: '<p>Someone liked your photo.</p>' },
        },
      },
    },
    ...overrides,
  };
}

interface OutboxMessage {
  messageId: string;
  timestamp: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject?: string;
  text?: string;
  html?: string;
  tags: Record<string, string>;
  identity: string;
  callerArn: string;
}

async function outbox(query = '', url = local.cloud.url): Promise<OutboxMessage[]> {
  const response = await fetch(`${url}/_local/ses/outbox${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

async function failureOf(
  sending: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  return sending.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: Error) => error,
  );
}

describe('SendEmail', () => {
  it('accepts a message from a verified address and keeps it in the outbox', async () => {
    const to = recipient();

    const { MessageId } = await ses().send(
      new SendEmailCommand(
        simpleEmail(to, {
          Destination: { ToAddresses: [to], CcAddresses: ['cc@example.net'] },
          ReplyToAddresses: ['support@example.com'],
          EmailTags: [{ Name: 'kind', Value: 'like' }],
        }),
      ),
    );

    expect(MessageId).toMatch(/^0100[0-9a-f]{12}-[0-9a-f-]{36}-000000$/);
    const messages = await outbox(`?to=${encodeURIComponent(to.toUpperCase())}`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      messageId: MessageId,
      from: 'Lambdagram <noreply@example.com>',
      to: [to],
      cc: ['cc@example.net'],
      replyTo: ['support@example.com'],
      subject: 'Your photo was liked',
      text: 'Someone liked your photo.',
      html: '<p>Someone liked your photo.</p>',
      tags: { kind: 'like' },
      identity: 'noreply@example.com',
      callerArn: `arn:aws:iam::${ACCOUNT}:root`,
    });
    expect(Date.parse(messages[0]?.timestamp as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('accepts any address on a verified domain or its subdomains', async () => {
    const to = recipient();

    await ses().send(new SendEmailCommand(simpleEmail(to, { FromEmailAddress: 'alerts@mail.example.org' })));

    expect((await outbox(`?to=${to}`))[0]?.identity).toBe('example.org');
  });

  it('accepts a raw MIME message, its sender and recipients taken from its header', async () => {
    const to = recipient();
    const mime = `From: Team <team@example.org>\r\nTo: ${to}\r\nSubject: Raw hello\r\n\r\nHello from MIME.`;

    const { MessageId } = await ses().send(
      new SendEmailCommand({ Content: { Raw: { Data: new TextEncoder().encode(mime) } } }),
    );

    const [message] = await outbox(`?to=${to}`);
    expect(message).toMatchObject({
      messageId: MessageId,
      from: 'Team <team@example.org>',
      subject: 'Raw hello',
    });
    expect((message as unknown as { raw: string }).raw).toBe(mime);
  });

  it('rejects an unverified sender with MessageRejected, naming it', async () => {
    const error = await failureOf(
      ses().send(new SendEmailCommand(simpleEmail(recipient(), { FromEmailAddress: 'someone@example.net' }))),
    );

    expect(error).toBeInstanceOf(MessageRejected);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      'Email address is not verified. The following identities failed the check in region US-EAST-1: someone@example.net',
    );
  });

  it.each([
    ['no sender', { FromEmailAddress: undefined }, /FromEmailAddress/],
    ['no recipient', { Destination: { ToAddresses: [] } }, /Destination/],
    [
      'more than 50 recipients',
      { Destination: { ToAddresses: Array.from({ length: 51 }, (_, i) => `r${i}@example.net`) } },
      /^Recipient count exceeds 50\.$/,
    ],
    ['no content', { Content: {} }, /Content/],
    [
      'a malformed recipient',
      { Destination: { ToAddresses: ['not-an-address'] } },
      /^Missing final '@domain'$/,
    ],
  ])('refuses a message with %s with BadRequestException', async (_case, overrides, message) => {
    const error = await failureOf(ses().send(new SendEmailCommand(simpleEmail(recipient(), overrides))));

    expect(error).toBeInstanceOf(BadRequestException);
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('names an operation it does not emulate', async () => {
    const error = await failureOf(ses().send(new GetAccountCommand({})));

    expect(error.name).toBe('UnknownOperationException');
    expect(error.message).toMatch(/GetAccount/);
  });
});

describe('SendEmail from a function, decided by IAM', () => {
  async function invoke(functionName: string, to: string) {
    const response = await local.lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        Payload: encode({ from: 'noreply@example.com', to, subject: 'Welcome', text: 'Hello!' }),
      }),
    );
    return payloadOf(response) as { messageId?: string; refused?: string; message?: string };
  }

  it("lets a function whose role allows ses:SendEmail send, as its role's session", async () => {
    const to = recipient();

    const result = await invoke('sender-with-permission', to);

    expect(result.refused).toBeUndefined();
    const [message] = await outbox(`?to=${to}`);
    expect(message?.messageId).toBe(result.messageId);
    expect(message?.callerArn).toMatch(
      /^arn:aws:sts::123456789012:assumed-role\/lambdagram-SenderWithPermissionRole[\w-]*\/sender-with-permission$/,
    );
  });

  it('refuses a function whose role does not allow it with AccessDeniedException', async () => {
    const to = recipient();

    const result = await invoke('sender-without-permission', to);

    expect(result.refused).toBe('AccessDeniedException');
    expect(result.message).toMatch(
      /^User: arn:aws:sts::123456789012:assumed-role\/lambdagram-SenderWithoutPermissionRole[\w-]*\/sender-without-permission is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:us-east-1:123456789012:identity\/noreply@example.com because no identity-based policy allows the ses:SendEmail action/,
    );
    expect(await outbox(`?to=${to}`)).toEqual([]);
  });
});

describe('the outbox route', () => {
  it('is printed at start, after the email identities', () => {
    expect(local.cloud.output()).toContain('email identity noreply@example.com');
    expect(local.cloud.output()).toContain('email identity example.org');
    expect(local.cloud.output()).toContain(`email outbox ${local.cloud.url}/_local/ses/outbox`);
  });

  it('serves one message by id, and 404 for an unknown id', async () => {
    const { MessageId } = await ses().send(new SendEmailCommand(simpleEmail(recipient())));

    const found = await fetch(`${local.cloud.url}/_local/ses/outbox/${MessageId}`);
    const missing = await fetch(`${local.cloud.url}/_local/ses/outbox/0100-unknown`);

    expect(found.status).toBe(200);
    expect(((await found.json()) as OutboxMessage).messageId).toBe(MessageId);
    expect(missing.status).toBe(404);
  });

  it('filters by time with since', async () => {
    const to = recipient();
    await ses().send(new SendEmailCommand(simpleEmail(to)));
    const later = new Date(Date.now() + 60_000).toISOString();

    expect(await outbox(`?to=${to}&since=2000-01-01T00:00:00Z`)).toHaveLength(1);
    expect(await outbox(`?to=${to}&since=${later}`)).toEqual([]);
  });

  it('answers a browser preflight and requests from any origin', async () => {
    const origin = 'http://localhost:5173';

    const preflight = await rawRequest(`${local.cloud.url}/_local/ses/outbox`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'DELETE' },
    });
    const listing = await fetch(`${local.cloud.url}/_local/ses/outbox`, { headers: { origin } });

    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/GET/);
    expect(preflight.headers['access-control-allow-methods']).toMatch(/DELETE/);
    expect(listing.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it("answers the preflight of SendEmail itself, which S3 would take for a bucket's", async () => {
    const preflight = await rawRequest(`${local.cloud.url}/v2/email/outbound-emails`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });

    expect(preflight.status).toBe(200);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it("leaves the same path on a bucket's own host to S3, where it is an object key", async () => {
    const port = new URL(local.cloud.url).port;

    const response = await rawRequest(`${local.cloud.url}/_local/ses/outbox`, {
      headers: { host: `some-bucket.localhost:${port}` },
    });

    expect(response.headers['content-type']).toMatch(/xml/);
    expect(response.body).toContain('<Error><Code>');
  });
});

describe('the outbox across restarts', () => {
  it('keeps accepted messages across a restart, until DELETE empties it', async () => {
    const first = await startCloud({ template: EMAIL_STACK_TEMPLATE, args: ['--no-watch'] });
    const to = recipient();
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await ses(first.url).send(new SendEmailCommand(simpleEmail(to))));
    } finally {
      await first.stop();
    }

    const second = await startCloud({
      template: EMAIL_STACK_TEMPLATE,
      stateDir: first.stateDir,
      args: ['--no-watch'],
    });
    try {
      const kept = await outbox(`?to=${to}`, second.url);
      const deleted = await fetch(`${second.url}/_local/ses/outbox`, { method: 'DELETE' });
      const after = await outbox('', second.url);

      expect(kept.map((message) => message.messageId)).toEqual([messageId]);
      expect(deleted.status).toBe(204);
      expect(after).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
