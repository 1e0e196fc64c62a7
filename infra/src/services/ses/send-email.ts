import { randomUUID } from 'node:crypto';
import type { SendEmailResponse } from '@aws-sdk/client-sesv2';
import type { Authorizer, ContextValue } from '../../core/auth/authorizer.js';
import type { Caller } from '../../core/auth/caller.js';
import { readSendEmailRequest, type SendEmailInput } from './email-input.js';
import { notVerified } from './errors.js';
import type { Outbox, OutboxMessage } from './outbox.js';
import { configurationSetArn, identityArn, type VerifiedIdentities } from './verified-identities.js';

/** What SendEmail works with. */
export interface SesContext {
  identities: VerifiedIdentities;
  outbox: Outbox;
  authorizer: Authorizer;
  where: { region: string; accountId: string };
  /** The clock, ms since the epoch. */
  now: () => number;
}

/**
 * SendEmail: checks the request, lets IAM decide on the sender's identity (and the configuration
 * set), refuses an unverified sender with `MessageRejected`, and keeps the message in the outbox
 * (on disk) before answering with its id.
 */
export async function sendEmail(
  context: SesContext,
  body: Buffer,
  caller: Caller,
): Promise<SendEmailResponse> {
  const input = readSendEmailRequest(body);
  const identity = context.identities.verifying(input.sender.address);
  // An unverified sender is still authorized first, on its own address: AWS checks IAM before the identity.
  authorize(context, caller, identity ?? input.sender.address, input);
  if (identity === undefined) throw notVerified(input.sender.address, context.where.region);
  const now = context.now();
  const message: OutboxMessage = {
    messageId: messageIdAt(now),
    timestamp: new Date(now).toISOString(),
    ...input.email,
    identity,
    callerArn: caller.arn,
  };
  await context.outbox.add(message);
  return { MessageId: message.messageId };
}

/** `ses:SendEmail` on the identity, and on the configuration set when one is named, with SES's condition keys. */
function authorize(context: SesContext, caller: Caller, identity: string, input: SendEmailInput): void {
  const conditions: Record<string, ContextValue> = {
    'ses:ApiVersion': '2',
    'ses:FromAddress': input.sender.address,
    'ses:FromDisplayName': input.sender.displayName,
    'ses:Recipients': input.recipients,
  };
  const resources = [identityArn(context.where, identity)];
  const configurationSet = input.email.configurationSetName;
  if (configurationSet !== undefined) resources.push(configurationSetArn(context.where, configurationSet));
  for (const resource of resources)
    context.authorizer.authorize(caller, 'ses:SendEmail', resource, conditions);
}

/**
 * A message id shaped like SES's (`0100018f3a2b4c5d-<uuid>-000000`): `0100` and the time in ms as
 * 12 hex digits, so that ids sort by when they were sent.
 */
export function messageIdAt(ms: number): string {
  return `0100${ms.toString(16).padStart(12, '0')}-${randomUUID()}-000000`;
}
