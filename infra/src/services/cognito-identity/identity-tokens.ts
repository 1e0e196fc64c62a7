import { decodeProtectedHeader, errors, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { ServiceError } from '../../core/errors.js';
import { invalidLoginToken } from './errors.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';

/** The issuer of identity-pool tokens, and the `Logins` key under which clients hand them back. */
export const COGNITO_ISSUER = 'https://cognito-identity.amazonaws.com';
export const COGNITO_PROVIDER = 'cognito-identity.amazonaws.com';
const POOL_ARN_CLAIM = 'https://cognito-identity.amazonaws.com/identity-pool-arn';
/** Where session tags travel in an OpenID token, as STS reads them (`{ principal_tags: { key: [value] } }`). */
const TAGS_CLAIM = 'https://aws.amazon.com/tags';

/** What a verified token says. */
export interface IdentityClaims {
  identityId: string;
  identityPoolId: string;
  amr: string[];
  principalTags: Record<string, string>;
  /** ms since the epoch. */
  expiresAt: number;
}

export interface TokenRequest {
  identityId: string;
  identityPoolId: string;
  amr: string[];
  principalTags?: Record<string, string>;
  durationSeconds: number;
}

/**
 * Signs and verifies the OpenID Connect tokens of the identity pools (GetOpenIdToken,
 * GetOpenIdTokenForDeveloperIdentity): RS256 JWTs with the claims Cognito puts there, checked on use
 * for signature, issuer, expiry and audience (the pool).
 */
export class IdentityTokens {
  private key?: Promise<SigningKey>;

  constructor(
    private readonly options: {
      /** Where the key pair is kept (`<state>/cognito-identity/signing-key.json`). */
      keyFile: string;
      region: string;
      accountId: string;
      now: () => number;
    },
  ) {}

  async sign(request: TokenRequest): Promise<string> {
    const { kid, privateKey } = await this.signingKey();
    const issuedAt = Math.floor(this.options.now() / 1000);
    const payload: JWTPayload = {
      amr: request.amr,
      [POOL_ARN_CLAIM]: `arn:aws:cognito-identity:${this.options.region}:${this.options.accountId}:identitypool/${request.identityPoolId}`,
    };
    const tags = Object.entries(request.principalTags ?? {});
    if (tags.length > 0) {
      payload[TAGS_CLAIM] = {
        principal_tags: Object.fromEntries(tags.map(([key, value]) => [key, [value]])),
      };
    }
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWS' })
      .setSubject(request.identityId)
      .setAudience(request.identityPoolId)
      .setIssuer(COGNITO_ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + request.durationSeconds)
      .sign(privateKey);
  }

  /** The token's claims, when it was issued by this local cloud for `identityPoolId` and is still valid. */
  async verify(token: string, identityPoolId: string): Promise<IdentityClaims> {
    try {
      decodeProtectedHeader(token);
    } catch (error) {
      throw invalidLoginToken('Not a valid OpenId Connect identity token.', error);
    }
    const { publicKey } = await this.signingKey();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, publicKey, {
        algorithms: ['RS256'],
        issuer: COGNITO_ISSUER,
        requiredClaims: ['sub', 'aud', 'exp'],
        currentDate: new Date(this.options.now()),
      }));
    } catch (error) {
      throw refusal(error, this.options.now());
    }
    const audience = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audience.includes(identityPoolId)) throw invalidLoginToken('Incorrect token audience.');
    return {
      identityId: payload.sub as string,
      identityPoolId,
      amr: Array.isArray(payload.amr) ? payload.amr.map(String) : [],
      principalTags: principalTagsOf(payload[TAGS_CLAIM]),
      expiresAt: (payload.exp as number) * 1000,
    };
  }

  private signingKey(): Promise<SigningKey> {
    this.key ??= loadOrCreateSigningKey(this.options.keyFile, this.options.region).catch((error: unknown) => {
      this.key = undefined; // A failed first write (disk full) is tried again by the next request.
      throw error;
    });
    return this.key;
  }
}

/** How Cognito words a token it will not take; what is not a token problem is thrown as it is. */
function refusal(error: unknown, now: number): ServiceError {
  if (error instanceof errors.JWTExpired) {
    return invalidLoginToken(`Token expired: ${Math.floor(now / 1000)} >= ${error.payload.exp}`, error);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing')
      return invalidLoginToken(`Missing a required claim: ${error.claim}`, error);
    if (error.claim === 'iss') return invalidLoginToken("Issuer doesn't match providerName", error);
  }
  if (error instanceof errors.JOSEError) return invalidLoginToken("Couldn't verify signed token.", error);
  throw error;
}

function principalTagsOf(claim: unknown): Record<string, string> {
  const tags = (claim as { principal_tags?: unknown } | undefined)?.principal_tags;
  if (tags === null || typeof tags !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, values] of Object.entries(tags)) {
    const first = Array.isArray(values) ? values[0] : values;
    if (typeof first === 'string') out[key] = first;
  }
  return out;
}
