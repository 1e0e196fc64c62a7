/** The secret behind an access key, as the credential store knows it. */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Set for temporary credentials: requests must then carry the same token. */
  sessionToken?: string;
  /**
   * Set for temporary credentials: from this time on (ms since the epoch) requests signed with them are
   * refused with 'expired-token', as STS credentials are.
   */
  expiresAt?: number;
}

/** Resolves an access key id to its credentials; `undefined` for a key nobody issued. */
export type CredentialLookup = (accessKeyId: string) => SigningCredentials | undefined;

/** A request as the HTTP server received it, before anything was decoded. */
export interface IncomingSignedRequest {
  method: string;
  /** The path exactly as on the wire, still percent-encoded. */
  rawPath: string;
  /** The query string as on the wire, without `?`, still encoded; `''` when there is none. */
  rawQuery: string;
  /** Node's `IncomingHttpHeaders`: lowercase names. */
  headers: Record<string, string | string[] | undefined>;
  /** The whole body when buffered; `undefined` when streamed (a declared hex hash is then trusted). */
  body?: Buffer;
}

/** What a request's signature claims, read without checking it. */
export interface SignatureInfo {
  accessKeyId: string;
  /** Credential scope date, `yyyymmdd`. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** True for the query-string (presigned URL) form. */
  presigned: boolean;
  /** Signing time, `yyyymmddThhmmssZ`. */
  amzDate: string;
  /** `amzDate` in epoch milliseconds. */
  signedAtMs: number;
  /** `X-Amz-Expires` of a presigned URL. */
  expiresSeconds?: number;
  /** The `x-amz-security-token` the request carries (header or query), if any. */
  sessionToken?: string;
}

/** A request whose signature checked out. */
export interface VerifiedRequest extends SignatureInfo {
  credentials: SigningCredentials;
  /** The payload hash that was signed: a hex SHA-256 or a marker such as `UNSIGNED-PAYLOAD`. */
  payloadHash: string;
  /**
   * True when `payloadHash` is a hex hash that could not be compared because the body was not
   * buffered: the caller must hash the body as it streams and compare at the end.
   */
  bodyCheckPending: boolean;
}

export interface VerifyOptions {
  /** When set, a credential scope for another region is refused ('wrong-region'). */
  region?: string;
}
