import type { Authorizer } from '../../core/auth/authorizer.js';
import type { ServiceError } from '../../core/errors.js';
import { jsonSignatureError, restJsonError } from '../../core/protocols/aws-json.js';
import { corsHeaders, preflightResponse } from '../../core/server/cors.js';
import { hostNamesBucket } from '../../core/server/host-names.js';
import type { RequestHead, Service, ServiceRequest, ServiceResponse } from '../../core/service.js';
import type { SignatureError } from '../../core/sigv4/verify.js';
import type { EmailIdentityDefinition } from '../../stack/types.js';
import { messageRejected, unsupportedOperation } from './errors.js';
import { operationName } from './operation-names.js';
import type { Outbox } from './outbox.js';
import { isOutboxRequest, outboxPreflight, serveOutbox } from './outbox-route.js';
import { isQueryApiRequest, queryApiRefusal } from './query-api.js';
import { type SesContext, sendEmail } from './send-email.js';
import { VerifiedIdentities } from './verified-identities.js';

const API_PREFIX = '/v2/email/';
const SEND_EMAIL_PATH = '/v2/email/outbound-emails';
/** SES v2 takes messages of up to 40 MB; base64 in JSON makes that about 54 MB of request. */
const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface SesServiceOptions {
  /** The template's `AWS::SES::EmailIdentity`s: the senders taken as verified. */
  identities: readonly EmailIdentityDefinition[];
  /** Where accepted messages are kept (see `Outbox.open`). */
  outbox: Outbox;
  authorizer: Authorizer;
  region: string;
  accountId: string;
  /** The clock, ms since the epoch. */
  now?: () => number;
}

/**
 * Amazon SES through its v2 API (restJson1, signed for `ses`): SendEmail, which delivers to the
 * outbox instead of the Internet, and the outbox's own unsigned route (`/_local/ses/outbox`).
 *
 * @example
 * const outbox = await Outbox.open(path.join(stateDir, 'ses', 'outbox'));
 * new FrontDoor({ services: [new SesService({ identities, outbox, authorizer, region, accountId }), …, s3], … });
 */
export class SesService implements Service {
  readonly signingName = 'ses';
  readonly maxBodyBytes = Math.ceil((MAX_MESSAGE_BYTES * 4) / 3) + 1024 * 1024;
  private readonly context: SesContext;

  constructor(options: SesServiceOptions) {
    this.context = {
      identities: new VerifiedIdentities(options.identities),
      outbox: options.outbox,
      authorizer: options.authorizer,
      where: { region: options.region, accountId: options.accountId },
      now: options.now ?? Date.now,
    };
  }

  /** Unsigned, only the outbox's route is SES's; the rest stays S3's, listed after this service. */
  claims(head: RequestHead): boolean {
    return isOutboxRequest(head);
  }

  allowsUnsigned(head: RequestHead): boolean {
    return isOutboxRequest(head);
  }

  readonly cors = {
    // S3 would take these preflights for a bucket's (`_local`, `v2`): browsers could not call SES. The
    // price is that a path-style bucket named `v2` gets no preflights for keys under `email/`.
    claimsPreflight: (head: RequestHead): boolean =>
      isOutboxRequest(head) || (head.rawPath.startsWith(API_PREFIX) && !hostNamesBucket(head.headers)),
    preflight: (head: RequestHead): ServiceResponse => {
      if (isOutboxRequest(head)) return outboxPreflight(head);
      const answer = preflightResponse(head);
      return { ...answer, headers: { ...answer.headers, ...corsHeaders(head.headers.origin ?? '*') } };
    },
    responseHeaders: (_head: RequestHead, origin: string): Record<string, string> => corsHeaders(origin),
  };

  signatureError(error: SignatureError): ServiceError {
    return jsonSignatureError(error);
  }

  /** restJson1 errors: the code in `x-amzn-ErrorType`, the message in the body, as the SDK reads them. */
  renderError(error: ServiceError, requestId: string): ServiceResponse {
    return restJsonError(error, requestId, { message: error.message, ...error.fields });
  }

  async handle(request: ServiceRequest): Promise<ServiceResponse> {
    if (isOutboxRequest(request)) return serveOutbox(this.context.outbox, request);
    if (isQueryApiRequest(request)) return queryApiRefusal(request);
    const path = request.rawPath.replace(/\/$/, '');
    if (request.method !== 'POST' || path !== SEND_EMAIL_PATH)
      throw unsupportedOperation(operationName(request.method, request.rawPath));
    if (request.bodyTooLarge) throw messageRejected('Message length is more than 40 MB.');
    const output = await sendEmail(this.context, request.body, request.caller);
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': request.requestId },
      body: JSON.stringify(output),
    };
  }
}
