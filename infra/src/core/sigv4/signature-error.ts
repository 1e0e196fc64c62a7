export type SignatureErrorKind =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'mismatch'
  | 'expired'
  | 'skew'
  | 'body-hash-mismatch'
  | 'invalid-session-token'
  /** Temporary credentials used after their expiration (`ExpiredTokenException`). */
  | 'expired-token'
  | 'wrong-region';

/** Facts some services echo in their error bodies (S3's `<ServerTime>`, `<S3ComputedContentSHA256>`…). */
export interface SignatureErrorDetails {
  /** The request's signing time, `yyyymmddThhmmssZ`. */
  amzDate?: string;
  /** The server's time, `yyyymmddThhmmssZ`. */
  serverTime?: string;
  /** When a presigned URL stopped being valid, `yyyymmddThhmmssZ`. */
  expiresAt?: string;
  /** The `x-amz-content-sha256` the client sent. */
  declaredHash?: string;
  /** The SHA-256 of the body that arrived. */
  computedHash?: string;
  /** The region of the credential scope. */
  region?: string;
  /** The region the server expected. */
  expectedRegion?: string;
}

/** AWS's texts for an unsigned request, a signature that does not match, and an unknown key or token. */
export const MISSING_TOKEN_MESSAGE = 'Missing Authentication Token';
export const MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
/** AWS's text for temporary credentials past their expiration (no final period, as AWS writes it). */
export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';

/**
 * Why a request's signature was refused. `message` is the text AWS's JSON services (Lambda, Logs,
 * DynamoDB…) put in their error body; each service picks its own error code from `kind`.
 */
export class SignatureError extends Error {
  override readonly name = 'SignatureError';

  constructor(
    readonly kind: SignatureErrorKind,
    message: string = defaultSignatureMessage(kind),
    readonly details: SignatureErrorDetails = {},
  ) {
    super(message);
  }
}

/** The JSON services' message for a kind, when nothing more specific (a time, a region) is known. */
export function defaultSignatureMessage(kind: SignatureErrorKind): string {
  switch (kind) {
    case 'missing':
      return MISSING_TOKEN_MESSAGE;
    case 'unknown-key':
    case 'invalid-session-token':
      return INVALID_TOKEN_MESSAGE;
    case 'expired-token':
      return EXPIRED_TOKEN_MESSAGE;
    case 'expired':
    case 'skew':
      return 'Signature expired.';
    case 'wrong-region':
      return 'Credential should be scoped to a valid region. ';
    case 'malformed':
      return 'The request signature is malformed.';
    default:
      return MISMATCH_MESSAGE;
  }
}
