import { mkdtemp } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AllowAllAuthorizer } from '../../../../src/core/auth/authorizer.js';
import { ANONYMOUS } from '../../../../src/core/auth/caller.js';
import type { ServiceError } from '../../../../src/core/errors.js';
import type { ServiceRequest } from '../../../../src/core/service.js';
import { Outbox } from '../../../../src/services/ses/outbox.js';
import { SesService } from '../../../../src/services/ses/ses-service.js';

async function service(): Promise<SesService> {
  return new SesService({
    identities: [],
    outbox: await Outbox.open(path.join(await mkdtemp(path.join(tmpdir(), 'ses-service-')), 'outbox')),
    authorizer: new AllowAllAuthorizer(),
    region: 'us-east-1',
    accountId: '123456789012',
  });
}

function request(
  method: string,
  rawPath: string,
  headers: IncomingHttpHeaders = {},
  body = '',
): ServiceRequest {
  return {
    requestId: 'req-1',
    method,
    rawPath,
    rawQuery: '',
    query: new URLSearchParams(),
    headers: { host: '127.0.0.1:4566', ...headers },
    body: Buffer.from(body),
    bodyTooLarge: false,
    caller: ANONYMOUS,
  };
}

describe('the SES service', () => {
  it('claims the outbox route unsigned on the endpoint, but not on a bucket host', async () => {
    const ses = await service();

    expect(ses.claims(request('GET', '/_local/ses/outbox'))).toBe(true);
    expect(ses.allowsUnsigned(request('DELETE', '/_local/ses/outbox'))).toBe(true);
    expect(ses.claims(request('GET', '/_local/ses/outbox', { host: 'photos.localhost:4566' }))).toBe(false);
    expect(ses.claims(request('POST', '/v2/email/outbound-emails'))).toBe(false);
  });

  it('names the SES v2 operation it does not emulate', async () => {
    const ses = await service();

    const error = await ses.handle(request('GET', '/v2/email/identities/example.com')).catch((e) => e);

    expect((error as ServiceError).code).toBe('UnknownOperationException');
    expect((error as ServiceError).message).toMatch(/GetEmailIdentity/);
  });

  it("answers an SES v1 request with v1's XML error, naming its action", async () => {
    const ses = await service();

    const response = await ses.handle(
      request(
        'POST',
        '/',
        { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        'Action=SendEmail&Version=2010-12-01',
      ),
    );

    expect(response.status).toBe(400);
    expect(String(response.body)).toContain('<Code>InvalidAction</Code>');
    expect(String(response.body)).toContain('SendEmail of the SES v1 API');
  });

  it('renders errors as restJson1, the code in x-amzn-ErrorType', async () => {
    const ses = await service();
    const error = await ses.handle(request('POST', '/v2/email/outbound-emails', {}, '{')).catch((e) => e);

    const response = ses.renderError(error as ServiceError, 'req-1');

    expect(response.status).toBe(400);
    expect(response.headers?.['x-amzn-errortype']).toBe('BadRequestException');
    expect(JSON.parse(String(response.body))).toEqual({ message: 'The request body is not valid JSON.' });
  });
});
