import { describe, expect, it } from 'vitest';
import {
  jsonSignatureFault,
  MISMATCH_MESSAGE,
  SignatureError,
  s3SignatureFault,
} from '../../../../src/core/sigv4/verify.js';

describe('signature faults per service family', () => {
  it('gives Lambda-style JSON services their 403 error types and AWS texts', () => {
    expect(jsonSignatureFault(new SignatureError('missing'))).toEqual({
      code: 'MissingAuthenticationTokenException',
      status: 403,
      message: 'Missing Authentication Token',
    });
    expect(jsonSignatureFault(new SignatureError('unknown-key'))).toEqual({
      code: 'UnrecognizedClientException',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    expect(jsonSignatureFault(new SignatureError('mismatch'))).toEqual({
      code: 'InvalidSignatureException',
      status: 403,
      message: MISMATCH_MESSAGE,
    });
  });

  it('reports a body that does not match its declared hash as a plain mismatch to JSON services', () => {
    const error = new SignatureError('body-hash-mismatch', undefined, {
      declaredHash: 'a',
      computedHash: 'b',
    });

    expect(jsonSignatureFault(error)).toMatchObject({
      code: 'InvalidSignatureException',
      message: MISMATCH_MESSAGE,
    });
  });

  it('gives S3 its own codes', () => {
    expect(s3SignatureFault(new SignatureError('mismatch')).code).toBe('SignatureDoesNotMatch');
    expect(s3SignatureFault(new SignatureError('unknown-key')).code).toBe('InvalidAccessKeyId');
    expect(s3SignatureFault(new SignatureError('body-hash-mismatch'))).toMatchObject({
      code: 'XAmzContentSHA256Mismatch',
      status: 400,
    });
    expect(s3SignatureFault(new SignatureError('expired'))).toEqual({
      code: 'AccessDenied',
      status: 403,
      message: 'Request has expired',
    });
  });
});
