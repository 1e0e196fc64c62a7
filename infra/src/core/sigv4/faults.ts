import { EXPIRED_TOKEN_MESSAGE, MISMATCH_MESSAGE, type SignatureError } from './signature-error.js';

/** How a service answers a refused signature: its error code, HTTP status and message. */
export interface SignatureFault {
  code: string;
  status: number;
  message: string;
}

/**
 * The answer of AWS's JSON services (restJson1 Lambda, awsJson Logs/DynamoDB/Cognito) to a refused
 * signature. Those services hash the body themselves, so a body that does not match its declared
 * hash is an ordinary signature mismatch there.
 */
export function jsonSignatureFault(error: SignatureError): SignatureFault {
  switch (error.kind) {
    case 'missing':
      return { code: 'MissingAuthenticationTokenException', status: 403, message: error.message };
    case 'unknown-key':
    case 'invalid-session-token':
      return { code: 'UnrecognizedClientException', status: 403, message: error.message };
    case 'malformed':
      return { code: 'IncompleteSignatureException', status: 400, message: error.message };
    case 'expired-token':
      return { code: 'ExpiredTokenException', status: 403, message: EXPIRED_TOKEN_MESSAGE };
    case 'body-hash-mismatch':
      return { code: 'InvalidSignatureException', status: 403, message: MISMATCH_MESSAGE };
    default:
      return { code: 'InvalidSignatureException', status: 403, message: error.message };
  }
}

/** S3's answer to a refused signature (rendered as XML by the S3 service, with `error.details`). */
export function s3SignatureFault(error: SignatureError): SignatureFault {
  switch (error.kind) {
    case 'missing':
      return { code: 'AccessDenied', status: 403, message: 'Access Denied' };
    case 'malformed':
      return { code: 'AuthorizationHeaderMalformed', status: 400, message: error.message };
    case 'unknown-key':
      return {
        code: 'InvalidAccessKeyId',
        status: 403,
        message: 'The AWS Access Key Id you provided does not exist in our records.',
      };
    case 'invalid-session-token':
      return {
        code: 'InvalidToken',
        status: 400,
        message: 'The provided token is malformed or otherwise invalid.',
      };
    case 'expired':
      return { code: 'AccessDenied', status: 403, message: 'Request has expired' };
    case 'expired-token':
      return { code: 'ExpiredToken', status: 400, message: 'The provided token has expired.' };
    case 'skew':
      return {
        code: 'RequestTimeTooSkewed',
        status: 403,
        message: 'The difference between the request time and the current time is too large.',
      };
    case 'body-hash-mismatch':
      return {
        code: 'XAmzContentSHA256Mismatch',
        status: 400,
        message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
      };
    case 'wrong-region':
      return {
        code: 'AuthorizationHeaderMalformed',
        status: 400,
        message: `The authorization header is malformed; the region '${error.details.region}' is wrong; expecting '${error.details.expectedRegion}'`,
      };
    default:
      return {
        code: 'SignatureDoesNotMatch',
        status: 403,
        message:
          'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      };
  }
}
