import { describe, expect, it } from 'vitest';
import { readSignature, SignatureError } from '../../../../src/core/sigv4/verify.js';
import { NOW, presigned, ROOT, signed } from './signing.js';

function malformedMessage(act: () => unknown): string {
  try {
    act();
  } catch (error) {
    if (error instanceof SignatureError && error.kind === 'malformed') return error.message;
    throw error;
  }
  throw new Error('expected a malformed signature');
}

describe('readSignature', () => {
  it('reads who signed a request and for which service, without checking the signature', async () => {
    const req = await signed({ service: 'logs', method: 'POST', path: '/', body: '{}' });

    const info = readSignature({
      ...req,
      headers: { ...req.headers, authorization: `${req.headers.authorization}0` },
    });

    expect(info).toMatchObject({
      accessKeyId: ROOT.accessKeyId,
      date: '20260115',
      region: 'us-east-1',
      service: 'logs',
      amzDate: '20260115T120000Z',
      signedAtMs: NOW,
      presigned: false,
    });
    expect(info?.signedHeaders).toContain('host');
  });

  it('reads a presigned URL from its query', async () => {
    const req = await presigned({ service: 's3', method: 'GET', path: '/b/k', expiresIn: 300 });

    const info = readSignature(req);

    expect(info).toMatchObject({
      service: 's3',
      presigned: true,
      expiresSeconds: 300,
      signedHeaders: ['host'],
    });
  });

  it('says an unsigned request is unsigned', () => {
    expect(readSignature({ rawQuery: 'Marker=abc', headers: { host: 'localhost' } })).toBeUndefined();
  });

  it('refuses an Authorization header of another scheme, listing what SigV4 needs', () => {
    const message = malformedMessage(() =>
      readSignature({ rawQuery: '', headers: { authorization: 'Bearer abc.def' } }),
    );

    expect(message).toBe(
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer abc.def",
    );
  });

  it('refuses a signature that leaves the host header unsigned', () => {
    const headers = {
      'x-amz-date': '20260115T120000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${ROOT.accessKeyId}/20260115/us-east-1/lambda/aws4_request, SignedHeaders=x-amz-date, Signature=00`,
    };

    expect(malformedMessage(() => readSignature({ rawQuery: '', headers }))).toBe(
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    );
  });

  it('refuses a credential scope dated another day than the signing time', () => {
    const headers = {
      'x-amz-date': '20260115T120000Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${ROOT.accessKeyId}/20260114/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
    };

    expect(malformedMessage(() => readSignature({ rawQuery: '', headers }))).toMatch(
      /^Date in Credential scope does not match/,
    );
  });

  it('refuses a presigned URL valid for more than a week', async () => {
    const req = await presigned({ service: 's3', method: 'GET', path: '/b/k', expiresIn: 60 });

    const message = malformedMessage(() =>
      readSignature({ ...req, rawQuery: req.rawQuery.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801') }),
    );

    expect(message).toMatch(/^X-Amz-Expires must be less than a week/);
  });

  it('refuses a request signed both ways at once', async () => {
    const req = await presigned({ service: 's3', method: 'GET', path: '/b/k', expiresIn: 60 });

    const message = malformedMessage(() =>
      readSignature({ ...req, headers: { ...req.headers, authorization: 'AWS4-HMAC-SHA256 x' } }),
    );

    expect(message).toMatch(/^Only one auth mechanism allowed/);
  });
});
