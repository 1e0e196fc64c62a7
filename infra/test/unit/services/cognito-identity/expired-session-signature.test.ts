import { describe, expect, it } from 'vitest';
import {
  EXPIRED_TOKEN_MESSAGE,
  jsonSignatureFault,
  type SignatureError,
  s3SignatureFault,
  verifySignature,
} from '../../../../src/core/sigv4/verify.js';
import { lookupOf, NOW, type RequestSpec, signed, TEMPORARY } from '../../core/sigv4/signing.js';

// The signature check's part in refusing expired temporary credentials (sigv4 is shared; these tests
// live with the identity pools that brought the change).

const LOGS_CALL: RequestSpec = {
  service: 'logs',
  method: 'POST',
  path: '/',
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'Logs_20140328.DescribeLogGroups',
  },
  body: '{}',
  credentials: TEMPORARY,
};

function refusal(act: () => unknown): SignatureError {
  try {
    act();
  } catch (error) {
    return error as SignatureError;
  }
  throw new Error('the signature was accepted');
}

describe('expired temporary credentials', () => {
  it('refuses a request signed with credentials past their expiration', async () => {
    const req = await signed(LOGS_CALL);

    const error = refusal(() => verifySignature(req, lookupOf({ ...TEMPORARY, expiresAt: NOW }), NOW));

    expect(error.kind).toBe('expired-token');
    expect(error.message).toBe('The security token included in the request is expired');
  });

  it('accepts the same credentials until they expire', async () => {
    const req = await signed(LOGS_CALL);

    const verified = verifySignature(req, lookupOf({ ...TEMPORARY, expiresAt: NOW + 1 }), NOW);

    expect(verified.accessKeyId).toBe(TEMPORARY.accessKeyId);
  });

  it('answers ExpiredTokenException (403) for the JSON services and ExpiredToken for S3', async () => {
    const req = await signed(LOGS_CALL);
    const error = refusal(() => verifySignature(req, lookupOf({ ...TEMPORARY, expiresAt: NOW }), NOW));

    expect(jsonSignatureFault(error)).toEqual({
      code: 'ExpiredTokenException',
      status: 403,
      message: EXPIRED_TOKEN_MESSAGE,
    });
    expect(s3SignatureFault(error)).toEqual({
      code: 'ExpiredToken',
      status: 400,
      message: 'The provided token has expired.',
    });
  });
});
