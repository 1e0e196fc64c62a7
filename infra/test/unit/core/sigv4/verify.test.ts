import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  INVALID_TOKEN_MESSAGE,
  type IncomingSignedRequest,
  MISMATCH_MESSAGE,
  SignatureError,
  verifySignature,
} from '../../../../src/core/sigv4/verify.js';
import {
  lookupOf,
  NOW,
  presigned,
  REGION,
  type RequestSpec,
  ROOT,
  signed,
  TEMPORARY,
  withHeader,
} from './signing.js';

const MINUTE = 60_000;
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:resize-image';
const INVOKE: RequestSpec = {
  service: 'lambda',
  method: 'POST',
  path: `/2015-03-31/functions/${encodeURIComponent(FUNCTION_ARN)}/invocations`,
  query: { Qualifier: '$LATEST' },
  headers: { 'content-type': 'application/octet-stream', 'x-amz-invocation-type': 'RequestResponse' },
  body: JSON.stringify({ key: 'photos/cat é.jpg', size: 1024 }),
};
const PUT_LOG_EVENTS: RequestSpec = {
  service: 'logs',
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.PutLogEvents' },
  body: JSON.stringify({
    logGroupName: '/aws/lambda/resize-image',
    logEvents: [{ timestamp: NOW, message: 'hi' }],
  }),
};
const PUT_OBJECT: RequestSpec = {
  service: 's3',
  method: 'PUT',
  path: '/uploads/photos/my%20cat%20%C3%A9%3A1.jpg',
  query: { 'x-id': 'PutObject' },
  headers: { 'content-type': 'image/jpeg' },
  body: 'not really a jpeg',
};

function refusal(act: () => unknown): SignatureError {
  try {
    act();
  } catch (error) {
    if (error instanceof SignatureError) return error;
    throw error;
  }
  throw new Error('expected a SignatureError, but the request verified');
}

function tamperedBody(req: IncomingSignedRequest, text: string): IncomingSignedRequest {
  return { ...req, body: Buffer.from(text) };
}

describe('verifySignature accepts what the SDK signs', () => {
  it('accepts a Lambda Invoke of an ARN-named function, whose path carries encoded colons', async () => {
    const req = await signed(INVOKE);

    const verified = verifySignature(req, lookupOf(ROOT), NOW);

    expect(req.rawPath).toContain('%3A');
    expect(verified).toMatchObject({
      accessKeyId: ROOT.accessKeyId,
      service: 'lambda',
      region: REGION,
      presigned: false,
    });
    expect(verified.payloadHash).toBe(
      createHash('sha256')
        .update(INVOKE.body as string)
        .digest('hex'),
    );
    expect(verified.bodyCheckPending).toBe(false);
  });

  it('accepts an awsJson POST routed by x-amz-target', async () => {
    const req = await signed(PUT_LOG_EVENTS);

    const verified = verifySignature(req, lookupOf(ROOT), NOW);

    expect(verified.service).toBe('logs');
    expect(verified.signedHeaders).toContain('x-amz-target');
  });

  it('accepts an S3 PUT whose x-amz-content-sha256 is the hash of its body', async () => {
    const req = await signed(PUT_OBJECT);

    const verified = verifySignature(req, lookupOf(ROOT), NOW);

    expect(req.headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(verified.payloadHash).toBe(req.headers['x-amz-content-sha256']);
  });

  it('accepts an S3 PUT signed with UNSIGNED-PAYLOAD whatever body arrives', async () => {
    const req = await signed({
      ...PUT_OBJECT,
      headers: { ...PUT_OBJECT.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });

    const verified = verifySignature(tamperedBody(req, 'any bytes at all'), lookupOf(ROOT), NOW);

    expect(verified.payloadHash).toBe('UNSIGNED-PAYLOAD');
  });

  it('accepts an S3 presigned GET URL before it expires', async () => {
    const req = await presigned({
      service: 's3',
      method: 'GET',
      path: '/uploads/photos/cat%2Bdog.jpg',
      query: { 'x-id': 'GetObject' },
      expiresIn: 900,
    });

    const verified = verifySignature(req, lookupOf(ROOT), NOW + 14 * MINUTE);

    expect(req.headers.authorization).toBeUndefined();
    expect(verified).toMatchObject({
      presigned: true,
      expiresSeconds: 900,
      payloadHash: 'UNSIGNED-PAYLOAD',
      service: 's3',
    });
  });

  it('accepts temporary credentials that carry their session token', async () => {
    const req = await signed({ ...INVOKE, credentials: TEMPORARY });

    const verified = verifySignature(req, lookupOf(TEMPORARY), NOW);

    expect(verified.credentials).toBe(TEMPORARY);
    expect(verified.sessionToken).toBe(TEMPORARY.sessionToken);
  });

  it('accepts a presigned URL made with temporary credentials, token in the query', async () => {
    const req = await presigned({
      service: 's3',
      method: 'GET',
      path: '/uploads/a.txt',
      credentials: TEMPORARY,
      expiresIn: 60,
    });

    const verified = verifySignature(req, lookupOf(TEMPORARY), NOW);

    expect(req.rawQuery).toContain('X-Amz-Security-Token=');
    expect(verified.sessionToken).toBe(TEMPORARY.sessionToken);
  });

  it('accepts a query with repeated keys, reserved characters and a key without a value', async () => {
    const req = await signed({
      service: 'lambda',
      method: 'GET',
      path: '/2015-03-31/functions',
      query: { Marker: 'a b+c/d*(e)!', MaxItems: '10', tag: ['z', 'a'], flag: '' },
    });
    const bareFlag = { ...req, rawQuery: req.rawQuery.replace('flag=', 'flag') };

    const verified = verifySignature(bareFlag, lookupOf(ROOT), NOW);

    expect(bareFlag.rawQuery).toMatch(/(^|&)flag(&|$)/);
    expect(verified.service).toBe('lambda');
  });

  it('resolves dot and empty path segments the way the SDK signer does for non-S3 services', async () => {
    const req = await signed({
      service: 'lambda',
      method: 'GET',
      path: '/2015-03-31//functions/./x/../my-fn/configuration',
    });

    expect(() => verifySignature(req, lookupOf(ROOT), NOW)).not.toThrow();
  });

  it('accepts a streamed body on the strength of its signed hash and leaves the body check to the caller', async () => {
    const req = await signed(PUT_OBJECT);

    const verified = verifySignature({ ...req, body: undefined }, lookupOf(ROOT), NOW);

    expect(verified.bodyCheckPending).toBe(true);
    expect(verified.payloadHash).toBe(req.headers['x-amz-content-sha256']);
  });

  it('accepts a request signed without x-amz-content-sha256 by hashing the body itself', async () => {
    const req = await signed({ ...INVOKE, applyChecksum: false });

    const verified = verifySignature(req, lookupOf(ROOT), NOW);

    expect(req.headers['x-amz-content-sha256']).toBeUndefined();
    expect(verified.payloadHash).toBe(
      createHash('sha256')
        .update(INVOKE.body as string)
        .digest('hex'),
    );
  });

  it('accepts a signing time up to 15 minutes away from the server clock', async () => {
    const req = await signed(INVOKE);

    expect(() => verifySignature(req, lookupOf(ROOT), NOW + 15 * MINUTE)).not.toThrow();
    expect(() => verifySignature(req, lookupOf(ROOT), NOW - 15 * MINUTE)).not.toThrow();
  });
});

describe('verifySignature refuses what does not check out', () => {
  it('refuses a request signed with the wrong secret as a mismatch, in the words of AWS', async () => {
    const req = await signed({ ...INVOKE, credentials: { ...ROOT, secretAccessKey: 'not-the-secret' } });

    const error = refusal(() => verifySignature(req, lookupOf(ROOT), NOW));

    expect(error.kind).toBe('mismatch');
    expect(error.message).toBe(MISMATCH_MESSAGE);
  });

  it('refuses a body that no longer matches its declared hash', async () => {
    const req = await signed(INVOKE);

    const error = refusal(() => verifySignature(tamperedBody(req, '{"key":"other"}'), lookupOf(ROOT), NOW));

    expect(error.kind).toBe('body-hash-mismatch');
    expect(error.details.declaredHash).toBe(req.headers['x-amz-content-sha256']);
  });

  it('refuses an altered body as a mismatch when no hash was declared', async () => {
    const req = await signed({ ...INVOKE, applyChecksum: false });

    const error = refusal(() => verifySignature(tamperedBody(req, '{"key":"other"}'), lookupOf(ROOT), NOW));

    expect(error.kind).toBe('mismatch');
  });

  it('refuses a signed header whose value was altered', async () => {
    const req = await signed(INVOKE);

    const error = refusal(() =>
      verifySignature(withHeader(req, 'x-amz-invocation-type', 'Event'), lookupOf(ROOT), NOW),
    );

    expect(error.kind).toBe('mismatch');
  });

  it('refuses an altered path, even one that only differs in its encoding', async () => {
    const req = await signed(INVOKE);
    const otherFunction = { ...req, rawPath: req.rawPath.replace('resize-image', 'delete-all') };
    const decodedColons = { ...req, rawPath: req.rawPath.replaceAll('%3A', ':') };

    expect(refusal(() => verifySignature(otherFunction, lookupOf(ROOT), NOW)).kind).toBe('mismatch');
    expect(refusal(() => verifySignature(decodedColons, lookupOf(ROOT), NOW)).kind).toBe('mismatch');
  });

  it('refuses an altered query', async () => {
    const req = await signed(INVOKE);

    const error = refusal(() => verifySignature({ ...req, rawQuery: 'Qualifier=prod' }, lookupOf(ROOT), NOW));

    expect(error.kind).toBe('mismatch');
  });

  it('refuses an access key nobody issued', async () => {
    const req = await signed(INVOKE);

    const error = refusal(() => verifySignature(req, lookupOf(TEMPORARY), NOW));

    expect(error.kind).toBe('unknown-key');
    expect(error.message).toBe(INVALID_TOKEN_MESSAGE);
  });

  it('refuses a request signed more than 15 minutes ago, saying when', async () => {
    const req = await signed(INVOKE);

    const error = refusal(() => verifySignature(req, lookupOf(ROOT), NOW + 20 * MINUTE));

    expect(error.kind).toBe('skew');
    expect(error.message).toBe(
      'Signature expired: 20260115T120000Z is now earlier than 20260115T120500Z (20260115T122000Z - 15 min.)',
    );
  });

  it('refuses a request signed more than 15 minutes ahead of the server clock', async () => {
    const req = await signed(INVOKE);

    const error = refusal(() => verifySignature(req, lookupOf(ROOT), NOW - 16 * MINUTE));

    expect(error.kind).toBe('skew');
    expect(error.message).toBe(
      'Signature not yet current: 20260115T120000Z is still later than 20260115T115900Z (20260115T114400Z + 15 min.)',
    );
  });

  it('refuses a presigned URL used after it expired', async () => {
    const req = await presigned({ service: 's3', method: 'GET', path: '/uploads/a.txt', expiresIn: 60 });

    const error = refusal(() => verifySignature(req, lookupOf(ROOT), NOW + 61_000));

    expect(error.kind).toBe('expired');
    expect(error.message).toMatch(/^Signature expired: 20260115T120000Z is now earlier than/);
    expect(error.details.expiresAt).toBe('20260115T120100Z');
  });

  it('refuses temporary credentials used without their session token', async () => {
    const req = await signed({ ...INVOKE, credentials: { ...TEMPORARY, sessionToken: undefined } });

    const error = refusal(() => verifySignature(req, lookupOf(TEMPORARY), NOW));

    expect(error.kind).toBe('invalid-session-token');
    expect(error.message).toBe(INVALID_TOKEN_MESSAGE);
  });

  it('refuses a session token other than the one issued with the key', async () => {
    const req = await signed({ ...INVOKE, credentials: { ...TEMPORARY, sessionToken: 'stolen-elsewhere' } });

    const error = refusal(() => verifySignature(req, lookupOf(TEMPORARY), NOW));

    expect(error.kind).toBe('invalid-session-token');
  });

  it('refuses a credential scoped to another region when the server requires its own', async () => {
    const req = await signed({ ...INVOKE, region: 'eu-west-1' });

    const error = refusal(() => verifySignature(req, lookupOf(ROOT), NOW, { region: REGION }));

    expect(error.kind).toBe('wrong-region');
    expect(error.details).toMatchObject({ region: 'eu-west-1', expectedRegion: REGION });
  });

  it('refuses an unsigned request as missing authentication', () => {
    const req: IncomingSignedRequest = {
      method: 'GET',
      rawPath: '/2015-03-31/functions',
      rawQuery: '',
      headers: { host: 'x' },
    };

    const error = refusal(() => verifySignature(req, lookupOf(ROOT), NOW));

    expect(error.kind).toBe('missing');
    expect(error.message).toBe('Missing Authentication Token');
  });

  it('refuses an Authorization header without a signature as malformed', async () => {
    const req = await signed(INVOKE);
    const broken = String(req.headers.authorization).replace(/, Signature=[0-9a-f]+/, '');

    const error = refusal(() =>
      verifySignature(withHeader(req, 'authorization', broken), lookupOf(ROOT), NOW),
    );

    expect(error.kind).toBe('malformed');
    expect(error.message).toBe(
      `Authorization header requires 'Signature' parameter. Authorization=${broken}`,
    );
  });

  it('refuses a streamed body when nothing declares its hash', async () => {
    const req = await signed({ ...INVOKE, applyChecksum: false });

    const error = refusal(() => verifySignature({ ...req, body: undefined }, lookupOf(ROOT), NOW));

    expect(error.kind).toBe('mismatch');
  });
});
