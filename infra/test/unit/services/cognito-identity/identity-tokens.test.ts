import path from 'node:path';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../../src/core/errors.js';
import { IdentityTokens } from '../../../../src/services/cognito-identity/identity-tokens.js';
import { loadOrCreateSigningKey } from '../../../../src/services/cognito-identity/signing-key.js';
import { ACCOUNT, MEMBERS_POOL, OPEN_POOL, REGION, stateDirsRemovedAfterEach } from './cognito-fixture.js';

const IDENTITY = 'eu-west-3:5d0c7e6a-91b4-4c2f-8a3e-6f1b2d9c0e47';
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

function tokensIn(dir: string, now = () => NOW): IdentityTokens {
  return new IdentityTokens({ keyFile: keyFile(dir), region: REGION, accountId: ACCOUNT, now });
}

function keyFile(dir: string): string {
  return path.join(dir, 'cognito-identity', 'signing-key.json');
}

const newDir = stateDirsRemovedAfterEach();

async function refusal(pending: Promise<unknown>): Promise<ServiceError> {
  const error = await pending.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ServiceError)) throw new Error(`expected a ServiceError, got ${String(error)}`);
  return error;
}

const DEVELOPER_AMR = [
  'authenticated',
  'login.lambdagram',
  `login.lambdagram:${OPEN_POOL.identityPoolId}:user-42`,
];

describe('identity-pool tokens', () => {
  it('carries the claims Cognito puts in an OpenID token, signed RS256 with a key id', async () => {
    const tokens = tokensIn(newDir());

    const token = await tokens.sign({
      identityId: IDENTITY,
      identityPoolId: OPEN_POOL.identityPoolId,
      amr: DEVELOPER_AMR,
      principalTags: { team: 'photos' },
      durationSeconds: 900,
    });

    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWS' });
    expect(header.kid).toMatch(/^eu-west-3-/);
    expect(decodeJwt(token)).toEqual({
      iss: 'https://cognito-identity.amazonaws.com',
      sub: IDENTITY,
      aud: OPEN_POOL.identityPoolId,
      amr: DEVELOPER_AMR,
      iat: NOW / 1000,
      exp: NOW / 1000 + 900,
      'https://cognito-identity.amazonaws.com/identity-pool-arn': `arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/${OPEN_POOL.identityPoolId}`,
      'https://aws.amazon.com/tags': { principal_tags: { team: ['photos'] } },
    });
  });

  it('gives back the identity, amr and principal tags of a token it issued', async () => {
    const tokens = tokensIn(newDir());
    const token = await tokens.sign({
      identityId: IDENTITY,
      identityPoolId: OPEN_POOL.identityPoolId,
      amr: DEVELOPER_AMR,
      principalTags: { team: 'photos', plan: 'pro' },
      durationSeconds: 60,
    });

    const claims = await tokens.verify(token, OPEN_POOL.identityPoolId);

    expect(claims).toEqual({
      identityId: IDENTITY,
      identityPoolId: OPEN_POOL.identityPoolId,
      amr: DEVELOPER_AMR,
      principalTags: { team: 'photos', plan: 'pro' },
      expiresAt: NOW + 60_000,
    });
  });

  it('still verifies its tokens after a restart, with the key kept in the state directory', async () => {
    const dir = newDir();
    const token = await tokensIn(dir).sign({
      identityId: IDENTITY,
      identityPoolId: OPEN_POOL.identityPoolId,
      amr: ['unauthenticated'],
      durationSeconds: 60,
    });

    const claims = await tokensIn(dir).verify(token, OPEN_POOL.identityPoolId);

    expect(claims.identityId).toBe(IDENTITY);
  });

  it('refuses a token signed with another key', async () => {
    const tokens = tokensIn(newDir());
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ amr: DEVELOPER_AMR })
      .setProtectedHeader({ alg: 'RS256', kid: 'eu-west-3-1', typ: 'JWS' })
      .setSubject(IDENTITY)
      .setAudience(OPEN_POOL.identityPoolId)
      .setIssuer('https://cognito-identity.amazonaws.com')
      .setIssuedAt(NOW / 1000)
      .setExpirationTime(NOW / 1000 + 600)
      .sign(privateKey);

    const error = await refusal(tokens.verify(forged, OPEN_POOL.identityPoolId));

    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe("Invalid login token. Couldn't verify signed token.");
  });

  it('refuses a token whose claims were changed after signing', async () => {
    const tokens = tokensIn(newDir());
    const token = await tokens.sign({
      identityId: IDENTITY,
      identityPoolId: OPEN_POOL.identityPoolId,
      amr: ['unauthenticated'],
      durationSeconds: 60,
    });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify({ ...claims, amr: DEVELOPER_AMR })).toString('base64url');

    const error = await refusal(
      tokens.verify(`${header}.${tampered}.${signature}`, OPEN_POOL.identityPoolId),
    );

    expect(error.message).toBe("Invalid login token. Couldn't verify signed token.");
  });

  it('refuses an expired token, saying when it expired', async () => {
    const dir = newDir();
    const token = await tokensIn(dir).sign({
      identityId: IDENTITY,
      identityPoolId: OPEN_POOL.identityPoolId,
      amr: ['unauthenticated'],
      durationSeconds: 60,
    });
    const later = tokensIn(dir, () => NOW + 61_000);

    const error = await refusal(later.verify(token, OPEN_POOL.identityPoolId));

    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe(
      `Invalid login token. Token expired: ${NOW / 1000 + 61} >= ${NOW / 1000 + 60}`,
    );
  });

  it("refuses another pool's token", async () => {
    const tokens = tokensIn(newDir());
    const token = await tokens.sign({
      identityId: IDENTITY,
      identityPoolId: OPEN_POOL.identityPoolId,
      amr: ['unauthenticated'],
      durationSeconds: 60,
    });

    const error = await refusal(tokens.verify(token, MEMBERS_POOL.identityPoolId));

    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid login token. Incorrect token audience.');
  });

  it('refuses a token of another issuer, even one signed with its own key', async () => {
    const dir = newDir();
    const tokens = tokensIn(dir);
    const { kid, privateKey } = await loadOrCreateSigningKey(keyFile(dir), REGION);
    const foreign = await new SignJWT({ amr: ['authenticated'] })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject(IDENTITY)
      .setAudience(OPEN_POOL.identityPoolId)
      .setIssuer('https://accounts.example.com')
      .setExpirationTime(NOW / 1000 + 60)
      .sign(privateKey);

    const error = await refusal(tokens.verify(foreign, OPEN_POOL.identityPoolId));

    expect(error.message).toBe("Invalid login token. Issuer doesn't match providerName");
  });

  it('refuses what is not a JWT at all', async () => {
    const error = await refusal(tokensIn(newDir()).verify('not-a-token', OPEN_POOL.identityPoolId));

    expect(error.code).toBe('NotAuthorizedException');
    expect(error.message).toBe('Invalid login token. Not a valid OpenId Connect identity token.');
  });
});
