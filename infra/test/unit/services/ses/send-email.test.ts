import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../../src/core/auth/caller.js';
import type { ServiceError } from '../../../../src/core/errors.js';
import { IamAuthorizer } from '../../../../src/services/iam/iam-authorizer.js';
import { Outbox } from '../../../../src/services/ses/outbox.js';
import { type SesContext, sendEmail } from '../../../../src/services/ses/send-email.js';
import { VerifiedIdentities } from '../../../../src/services/ses/verified-identities.js';
import type { PolicyDocumentJson, RoleDefinition } from '../../../../src/stack/types.js';

const ACCOUNT = '123456789012';
const WHERE = { region: 'eu-west-1', accountId: ACCOUNT };
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/mailer`;
const MAILER: Caller = {
  accessKeyId: 'ASIAMAILER',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/mailer/send-welcome`,
  accountId: ACCOUNT,
  kind: 'role-session',
  roleArn: ROLE_ARN,
  userId: 'AROAMAILER:send-welcome',
};
const ROOT: Caller = {
  accessKeyId: 'test',
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  accountId: ACCOUNT,
  kind: 'root',
};
const IDENTITY_ARN = `arn:aws:ses:eu-west-1:${ACCOUNT}:identity/noreply@example.com`;

/** SendEmail's context, with the role `mailer` holding the given statements. */
async function context(statements: PolicyDocumentJson[]): Promise<SesContext> {
  const role: RoleDefinition = {
    logicalId: 'Mailer',
    roleName: 'mailer',
    arn: ROLE_ARN,
    roleId: 'AROAMAILER',
    path: '/',
    assumeRolePolicyDocument: {},
    policies: [{ name: 'Mail', document: { Version: '2012-10-17', Statement: statements } }],
    managedPolicies: [],
    maxSessionDuration: 3600,
    tags: {},
  };
  return {
    identities: new VerifiedIdentities([
      { logicalId: 'Sender', identity: 'noreply@example.com', kind: 'email-address' },
      { logicalId: 'Team', identity: 'example.org', kind: 'domain' },
    ]),
    outbox: await Outbox.open(path.join(await mkdtemp(path.join(tmpdir(), 'ses-send-')), 'outbox')),
    authorizer: new IamAuthorizer({ roles: [role], resourcePolicies: [], log: () => {} }),
    where: WHERE,
    now: () => Date.parse('2026-05-04T10:00:00.000Z'),
  };
}

function request(overrides: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      FromEmailAddress: 'noreply@example.com',
      Destination: { ToAddresses: ['ann@example.net'] },
      Content: { Simple: { Subject: { Data: 'Welcome' }, Body: { Text: { Data: 'Hello' } } } },
      ...overrides,
    }),
  );
}

async function refusal(sending: Promise<unknown>): Promise<ServiceError> {
  return sending.then(
    () => {
      throw new Error('expected SendEmail to be refused');
    },
    (error: ServiceError) => error,
  );
}

const allow = (resource: string | string[], condition?: Record<string, unknown>) => ({
  Effect: 'Allow',
  Action: 'ses:SendEmail',
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});

describe('SendEmail, decided by IAM', () => {
  it("keeps the message of a role allowed on the sender's identity, with the caller and the time", async () => {
    const ses = await context([allow(IDENTITY_ARN)]);

    const { MessageId } = await sendEmail(ses, request(), MAILER);

    expect(MessageId).toMatch(/^0100019[0-9a-f]{9}-[0-9a-f-]{36}-000000$/);
    expect(ses.outbox.get(MessageId as string)).toMatchObject({
      timestamp: '2026-05-04T10:00:00.000Z',
      identity: 'noreply@example.com',
      callerArn: MAILER.arn,
    });
  });

  it('decides a sender on a verified domain on the domain identity', async () => {
    const ses = await context([allow(IDENTITY_ARN)]);

    const error = await refusal(sendEmail(ses, request({ FromEmailAddress: 'team@example.org' }), MAILER));

    expect(error.code).toBe('AccessDeniedException');
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      `User: ${MAILER.arn} is not authorized to perform: ses:SendEmail on resource: arn:aws:ses:eu-west-1:${ACCOUNT}:identity/example.org because no identity-based policy allows the ses:SendEmail action`,
    );
  });

  it('needs the configuration set allowed too when the message names one', async () => {
    const ses = await context([allow(IDENTITY_ARN)]);
    const setArn = `arn:aws:ses:eu-west-1:${ACCOUNT}:configuration-set/transactional`;

    const denied = await refusal(sendEmail(ses, request({ ConfigurationSetName: 'transactional' }), MAILER));
    const allowed = await sendEmail(
      await context([allow([IDENTITY_ARN, setArn])]),
      request({ ConfigurationSetName: 'transactional' }),
      MAILER,
    );

    expect(denied.message).toContain(`on resource: ${setArn}`);
    expect(allowed.MessageId).toBeDefined();
  });

  it("gives policies SES's condition keys: the sender's address and the recipients", async () => {
    const ses = await context([
      allow(IDENTITY_ARN, {
        StringEquals: { 'ses:FromAddress': 'noreply@example.com' },
        'ForAllValues:StringLike': { 'ses:Recipients': '*@example.net' },
      }),
    ]);

    const allowed = await sendEmail(ses, request(), MAILER);
    const denied = await refusal(
      sendEmail(
        ses,
        request({ Destination: { ToAddresses: ['ann@example.net', 'eve@elsewhere.com'] } }),
        MAILER,
      ),
    );

    expect(allowed.MessageId).toBeDefined();
    expect(denied.code).toBe('AccessDeniedException');
  });

  it('decides an unverified sender on its own address before rejecting it', async () => {
    const ses = await context([allow(IDENTITY_ARN)]);
    const unverified = request({ FromEmailAddress: 'someone@example.net' });

    const forRole = await refusal(sendEmail(ses, unverified, MAILER));
    const forRoot = await refusal(sendEmail(ses, unverified, ROOT));

    expect(forRole.message).toContain(
      `on resource: arn:aws:ses:eu-west-1:${ACCOUNT}:identity/someone@example.net`,
    );
    expect(forRoot.code).toBe('MessageRejected');
    expect(forRoot.message).toBe(
      'Email address is not verified. The following identities failed the check in region EU-WEST-1: someone@example.net',
    );
    expect(ses.outbox.list()).toEqual([]);
  });
});
