import {
  DescribeIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
  GetOpenIdTokenForDeveloperIdentityCommand,
  LookupDeveloperIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  cognitoCall,
  DEVELOPER_PROVIDER,
  MEMBERS_POOL,
  OPEN_POOL,
  REGION,
  ROLELESS_GUEST_POOL,
  type RunningCloud,
  startCloud,
} from './cognito-fixture.js';

const COGNITO = 'cognito-identity.amazonaws.com';
const running: RunningCloud[] = [];

async function cloud(options: Parameters<typeof startCloud>[0] = {}): Promise<RunningCloud> {
  const started = await startCloud(options);
  running.push(started);
  return started;
}

afterEach(async () => {
  for (const started of running.splice(0)) await started.stop();
});

/** A developer-authenticated login, as a backend obtains it for its user. */
async function developerLogin(
  at: RunningCloud,
  user: string,
  extra: {
    IdentityPoolId?: string;
    IdentityId?: string;
    PrincipalTags?: Record<string, string>;
    TokenDuration?: number;
  } = {},
) {
  const { IdentityId, Token } = await at.cognito.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: OPEN_POOL.identityPoolId,
      Logins: { [DEVELOPER_PROVIDER]: user },
      ...extra,
    }),
  );
  return { identityId: IdentityId as string, token: Token as string };
}

describe('GetId', () => {
  it('gives a guest a new identity of the pool, named after its region', async () => {
    const at = await cloud();

    const first = await at.cognito.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId }));
    const second = await at.cognito.send(new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId }));

    expect(first.IdentityId).toMatch(/^eu-west-3:[0-9a-f-]{36}$/);
    expect(second.IdentityId).not.toBe(first.IdentityId);
  });

  it('refuses guests where the pool does not allow unauthenticated identities', async () => {
    const at = await cloud();

    await expect(
      at.cognito.send(new GetIdCommand({ IdentityPoolId: MEMBERS_POOL.identityPoolId })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
  });

  it("answers with the identity of the pool's token given as a login", async () => {
    const at = await cloud();
    const login = await developerLogin(at, 'user-42');

    const { IdentityId } = await at.cognito.send(
      new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId, Logins: { [COGNITO]: login.token } }),
    );

    expect(IdentityId).toBe(login.identityId);
  });

  it('does not know a pool the stack does not define', async () => {
    const at = await cloud();

    await expect(
      at.cognito.send(new GetIdCommand({ IdentityPoolId: 'eu-west-3:00000000-0000-4000-8000-000000000000' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: "IdentityPool 'eu-west-3:00000000-0000-4000-8000-000000000000' not found.",
    });
  });

  it('refuses a pool id that is not REGION:GUID with the validation message', async () => {
    const at = await cloud();

    const answer = await cognitoCall(at.url, 'GetId', { IdentityPoolId: 'eu-west-3_AbCdEf' });

    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value 'eu-west-3_AbCdEf' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
    });
  });

  it('refuses a login of a provider the pool does not federate', async () => {
    const at = await cloud();

    await expect(
      at.cognito.send(
        new GetIdCommand({
          IdentityPoolId: OPEN_POOL.identityPoolId,
          Logins: { 'accounts.google.com': 'x' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Token is not from a supported provider of this identity pool.',
    });
  });
});

describe('GetCredentialsForIdentity', () => {
  it("gives a guest one hour of the pool's unauthenticated role", async () => {
    const at = await cloud();
    const { IdentityId } = await at.cognito.send(
      new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId }),
    );

    const before = Date.now();
    const { Credentials, IdentityId: answered } = await at.cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId }),
    );

    expect(answered).toBe(IdentityId);
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Credentials?.SecretKey).toHaveLength(40);
    expect(Credentials?.SessionToken?.length).toBeGreaterThan(400);
    const expiresIn = (Credentials?.Expiration?.getTime() ?? 0) - before;
    expect(expiresIn).toBeGreaterThan(3_598_000);
    expect(expiresIn).toBeLessThanOrEqual(3_600_000);
    const session = at.credentials.lookup(Credentials?.AccessKeyId as string)?.caller;
    expect(session).toMatchObject({
      kind: 'role-session',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/PhotoGuestRole/CognitoIdentityCredentials`,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/PhotoGuestRole`,
      amr: ['unauthenticated'],
      principalTags: {},
      cognitoIdentity: { cognitoIdentityId: IdentityId, cognitoIdentityPoolId: OPEN_POOL.identityPoolId },
    });
    expect(session?.userId).toBe('AROAPHOTOGUESTROLE001:CognitoIdentityCredentials');
  });

  it("gives a developer-authenticated user the authenticated role, with the token's amr and tags", async () => {
    const at = await cloud();
    const login = await developerLogin(at, 'user-42', { PrincipalTags: { team: 'photos' } });

    const { Credentials } = await at.cognito.send(
      new GetCredentialsForIdentityCommand({
        IdentityId: login.identityId,
        Logins: { [COGNITO]: login.token },
      }),
    );

    expect(at.credentials.lookup(Credentials?.AccessKeyId as string)?.caller).toMatchObject({
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/PhotoUserRole/CognitoIdentityCredentials`,
      amr: ['authenticated', DEVELOPER_PROVIDER, `${DEVELOPER_PROVIDER}:${OPEN_POOL.identityPoolId}:user-42`],
      principalTags: { team: 'photos' },
      cognitoIdentity: { cognitoIdentityId: login.identityId },
    });
  });

  it('refuses guest credentials to an identity that has a login', async () => {
    const at = await cloud();
    const login = await developerLogin(at, 'user-42');

    await expect(
      at.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId: login.identityId })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Access to Identity '${login.identityId}' is forbidden.`,
    });
  });

  it("refuses another identity's token", async () => {
    const at = await cloud();
    const mine = await developerLogin(at, 'user-42');
    const theirs = await developerLogin(at, 'user-43');

    await expect(
      at.cognito.send(
        new GetCredentialsForIdentityCommand({
          IdentityId: mine.identityId,
          Logins: { [COGNITO]: theirs.token },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message:
        "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
  });

  it("refuses a token of another pool than the identity's", async () => {
    const at = await cloud();
    const member = await developerLogin(at, 'user-42', { IdentityPoolId: MEMBERS_POOL.identityPoolId });
    const elsewhere = await developerLogin(at, 'user-42');

    await expect(
      at.cognito.send(
        new GetCredentialsForIdentityCommand({
          IdentityId: member.identityId,
          Logins: { [COGNITO]: elsewhere.token },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Incorrect token audience.',
    });
  });

  it('refuses a forged token', async () => {
    const at = await cloud();
    const login = await developerLogin(at, 'user-42');
    const [header, payload] = login.token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;

    await expect(
      at.cognito.send(
        new GetCredentialsForIdentityCommand({ IdentityId: login.identityId, Logins: { [COGNITO]: forged } }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Couldn't verify signed token.",
    });
  });

  it('refuses a token past its TokenDuration', async () => {
    let clock = Date.now();
    const at = await cloud({ now: () => clock });
    const login = await developerLogin(at, 'user-42', { TokenDuration: 60 });
    clock += 61_000;

    await expect(
      at.cognito.send(
        new GetCredentialsForIdentityCommand({
          IdentityId: login.identityId,
          Logins: { [COGNITO]: login.token },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: expect.stringMatching(/^Invalid login token\. Token expired: \d+ >= \d+$/),
    });
  });

  it('refuses credentials when the pool has no role for the identity', async () => {
    const at = await cloud();
    const { IdentityId } = await at.cognito.send(
      new GetIdCommand({ IdentityPoolId: ROLELESS_GUEST_POOL.identityPoolId }),
    );

    await expect(at.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject(
      {
        name: 'InvalidIdentityPoolConfigurationException',
        message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
      },
    );
  });

  it('does not know an identity it never gave out', async () => {
    const at = await cloud();
    const IdentityId = 'eu-west-3:11111111-2222-4333-8444-555555555555';

    await expect(at.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
        message: `Identity '${IdentityId}' not found.`,
      },
    );
  });

  it("refuses a guest's own OpenID token offered as a login", async () => {
    const at = await cloud();
    const { IdentityId } = await at.cognito.send(
      new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId }),
    );
    const { Token } = await at.cognito.send(new GetOpenIdTokenCommand({ IdentityId }));

    await expect(
      at.cognito.send(
        new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [COGNITO]: Token as string } }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Can't pass in a Cognito token.",
    });
  });
});

describe('GetOpenIdToken', () => {
  it('gives a guest a ten-minute token of its identity and pool', async () => {
    const at = await cloud();
    const { IdentityId } = await at.cognito.send(
      new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId }),
    );

    const { Token } = await at.cognito.send(new GetOpenIdTokenCommand({ IdentityId }));

    const claims = decodeJwt(Token as string);
    expect(claims).toMatchObject({
      sub: IdentityId,
      aud: OPEN_POOL.identityPoolId,
      amr: ['unauthenticated'],
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(600);
  });
});

describe('GetOpenIdTokenForDeveloperIdentity', () => {
  it('gives the same developer user the same identity, and another user another', async () => {
    const at = await cloud();

    const first = await developerLogin(at, 'user-42');
    const again = await developerLogin(at, 'user-42');
    const other = await developerLogin(at, 'user-43');

    expect(again.identityId).toBe(first.identityId);
    expect(other.identityId).not.toBe(first.identityId);
  });

  it('puts the principal tags and the duration asked for in the token', async () => {
    const at = await cloud();

    const login = await developerLogin(at, 'user-42', {
      PrincipalTags: { team: 'photos' },
      TokenDuration: 86_400,
    });

    const claims = decodeJwt(login.token);
    expect(claims['https://aws.amazon.com/tags']).toEqual({ principal_tags: { team: ['photos'] } });
    expect((claims.exp as number) - (claims.iat as number)).toBe(86_400);
  });

  it('makes tokens last 15 minutes unless asked otherwise', async () => {
    const at = await cloud();

    const claims = decodeJwt((await developerLogin(at, 'user-42')).token);

    expect((claims.exp as number) - (claims.iat as number)).toBe(900);
  });

  it("links a guest's identity to the developer user who signs in", async () => {
    const at = await cloud();
    const { IdentityId } = await at.cognito.send(
      new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId }),
    );

    const login = await developerLogin(at, 'user-42', { IdentityId });
    const later = await developerLogin(at, 'user-42');

    expect(login.identityId).toBe(IdentityId);
    expect(later.identityId).toBe(IdentityId);
  });

  it('refuses to link a developer user already linked to another identity', async () => {
    const at = await cloud();
    await developerLogin(at, 'user-42');
    const { IdentityId } = await at.cognito.send(
      new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId }),
    );

    await expect(developerLogin(at, 'user-42', { IdentityId })).rejects.toMatchObject({
      name: 'ResourceConflictException',
    });
  });

  it('refuses a developer provider the pool does not have', async () => {
    const at = await cloud();

    await expect(
      at.cognito.send(
        new GetOpenIdTokenForDeveloperIdentityCommand({
          IdentityPoolId: OPEN_POOL.identityPoolId,
          Logins: { 'login.someone-else': 'user-42' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'This identity pool does not support the specified developer provider.',
    });
  });

  it('refuses a token duration over a day and more than 50 principal tags, in one validation message', async () => {
    const at = await cloud();
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));

    await expect(
      developerLogin(at, 'user-42', { TokenDuration: 86_401, PrincipalTags: tags }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        /^2 validation errors detected: Value '\{k0=v, .*\}' at 'principalTags' failed to satisfy constraint: Member must have length less than or equal to 50; Value '86401' at 'tokenDuration' failed to satisfy constraint: Member must have value less than or equal to 86400$/,
      ),
    });
  });

  it('must be signed, as AWS requires of the backend call', async () => {
    const at = await cloud();

    const answer = await cognitoCall(at.url, 'GetOpenIdTokenForDeveloperIdentity', {
      IdentityPoolId: OPEN_POOL.identityPoolId,
      Logins: { [DEVELOPER_PROVIDER]: 'user-42' },
    });

    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('is refused to a caller the authorizer does not allow (here: a guest role session)', async () => {
    const at = await cloud();
    const { IdentityId } = await at.cognito.send(
      new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId }),
    );
    const { Credentials } = await at.cognito.send(new GetCredentialsForIdentityCommand({ IdentityId }));

    const answer = await cognitoCall(
      at.url,
      'GetOpenIdTokenForDeveloperIdentity',
      { IdentityPoolId: OPEN_POOL.identityPoolId, Logins: { [DEVELOPER_PROVIDER]: 'user-42' } },
      {
        accessKeyId: Credentials?.AccessKeyId as string,
        secretAccessKey: Credentials?.SecretKey as string,
        sessionToken: Credentials?.SessionToken,
      },
    );

    expect(answer.json.__type).toBe('AccessDeniedException');
    expect(answer.json.message).toContain(
      `is not authorized to perform: cognito-identity:GetOpenIdTokenForDeveloperIdentity on resource: arn:aws:cognito-identity:${REGION}:${ACCOUNT}:identitypool/${OPEN_POOL.identityPoolId}`,
    );
  });
});

describe('LookupDeveloperIdentity', () => {
  it('finds the identity of a developer user, and the developer user of an identity', async () => {
    const at = await cloud();
    const login = await developerLogin(at, 'user-42');

    const byUser = await at.cognito.send(
      new LookupDeveloperIdentityCommand({
        IdentityPoolId: OPEN_POOL.identityPoolId,
        DeveloperUserIdentifier: 'user-42',
      }),
    );
    const byIdentity = await at.cognito.send(
      new LookupDeveloperIdentityCommand({
        IdentityPoolId: OPEN_POOL.identityPoolId,
        IdentityId: login.identityId,
      }),
    );

    expect(byUser).toMatchObject({ IdentityId: login.identityId, DeveloperUserIdentifierList: ['user-42'] });
    expect(byIdentity).toMatchObject({
      IdentityId: login.identityId,
      DeveloperUserIdentifierList: ['user-42'],
    });
  });

  it('does not find a developer user who never signed in', async () => {
    const at = await cloud();

    await expect(
      at.cognito.send(
        new LookupDeveloperIdentityCommand({
          IdentityPoolId: OPEN_POOL.identityPoolId,
          DeveloperUserIdentifier: 'nobody',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('DescribeIdentityPool', () => {
  it('describes the pool as the template defines it', async () => {
    const at = await cloud();

    const pool = await at.cognito.send(
      new DescribeIdentityPoolCommand({ IdentityPoolId: MEMBERS_POOL.identityPoolId }),
    );

    expect(pool).toMatchObject({
      IdentityPoolId: MEMBERS_POOL.identityPoolId,
      IdentityPoolName: 'MembersPool',
      AllowUnauthenticatedIdentities: false,
      AllowClassicFlow: false,
      DeveloperProviderName: DEVELOPER_PROVIDER,
    });
  });
});

describe('a browser page on another origin', () => {
  it('gets through the preflight and is allowed to read the answer of the unsigned calls', async () => {
    const at = await cloud();
    const origin = 'http://localhost:5173';

    const preflight = await fetch(at.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers':
          'amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent',
      },
    });
    const getId = await fetch(at.url, {
      method: 'POST',
      headers: {
        origin,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityService.GetId',
      },
      body: JSON.stringify({ IdentityPoolId: OPEN_POOL.identityPoolId }),
    });

    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-target');
    expect(getId.status).toBe(200);
    expect(getId.headers.get('access-control-allow-origin')).toBe(origin);
    expect(await getId.json()).toEqual({ IdentityId: expect.stringMatching(/^eu-west-3:/) });
  });
});

describe('a restart of the local cloud', () => {
  it('keeps identities, developer links and the validity of tokens handed out before', async () => {
    const before = await cloud();
    const { IdentityId: guest } = await before.cognito.send(
      new GetIdCommand({ IdentityPoolId: OPEN_POOL.identityPoolId }),
    );
    const login = await developerLogin(before, 'user-42');
    await before.stop({ keepState: true });
    running.splice(running.indexOf(before), 1);

    const after = await cloud({ dir: before.dir });

    const guestCredentials = await after.cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId: guest }),
    );
    const memberCredentials = await after.cognito.send(
      new GetCredentialsForIdentityCommand({
        IdentityId: login.identityId,
        Logins: { [COGNITO]: login.token },
      }),
    );
    const again = await developerLogin(after, 'user-42');
    expect(guestCredentials.IdentityId).toBe(guest);
    expect(memberCredentials.IdentityId).toBe(login.identityId);
    expect(again.identityId).toBe(login.identityId);
  });
});
