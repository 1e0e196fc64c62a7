import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetOpenIdTokenForDeveloperIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { fromCognitoIdentity, fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  type ClientCredentials,
  DEVELOPER_PROVIDER,
  OPEN_POOL,
  REGION,
  type RunningCloud,
  startCloud,
  whoAmI,
} from './cognito-fixture.js';

const COGNITO = 'cognito-identity.amazonaws.com';
const running: RunningCloud[] = [];
const clients: CloudWatchLogsClient[] = [];

async function cloud(options: Parameters<typeof startCloud>[0] = {}): Promise<RunningCloud> {
  const started = await startCloud(options);
  running.push(started);
  return started;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const started of running.splice(0)) await started.stop();
});

/** The provider a web page builds, talking to the local cloud; a fresh identity cache per test. */
function poolCredentials(at: RunningCloud, logins?: Record<string, string>) {
  const cache = new Map<string, string>();
  return fromCognitoIdentityPool({
    identityPoolId: OPEN_POOL.identityPoolId,
    logins,
    cache: {
      getItem: (key: string) => cache.get(key) ?? null,
      setItem: (key: string, value: string) => void cache.set(key, value),
      removeItem: (key: string) => void cache.delete(key),
    },
    clientConfig: { region: REGION, endpoint: at.url },
  });
}

function logsClient(
  at: RunningCloud,
  credentials: CloudWatchLogsClient['config']['credentials'] | ClientCredentials,
) {
  const client = new CloudWatchLogsClient({ region: REGION, endpoint: at.url, credentials, maxAttempts: 1 });
  clients.push(client);
  return client;
}

async function developerToken(at: RunningCloud, user: string, PrincipalTags?: Record<string, string>) {
  const { IdentityId, Token } = await at.cognito.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: OPEN_POOL.identityPoolId,
      Logins: { [DEVELOPER_PROVIDER]: user },
      PrincipalTags,
    }),
  );
  return { identityId: IdentityId as string, token: Token as string };
}

describe('fromCognitoIdentityPool against the local cloud', () => {
  it("signs requests as the pool's guest role, which the front door accepts", async () => {
    const at = await cloud();
    const credentials = poolCredentials(at);
    const logs = logsClient(at, credentials);

    await logs.send(new CreateLogGroupCommand({ logGroupName: '/lambdagram/guests' }));
    const { logGroups } = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/lambdagram/' }),
    );
    const caller = await whoAmI(at.url, await credentials());

    expect(logGroups?.map((group) => group.logGroupName)).toEqual(['/lambdagram/guests']);
    expect(caller.json).toMatchObject({
      kind: 'role-session',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/PhotoGuestRole/CognitoIdentityCredentials`,
      amr: ['unauthenticated'],
      cognitoIdentity: { cognitoIdentityPoolId: OPEN_POOL.identityPoolId },
    });
  });

  it('signs requests as the authenticated role with the developer token as login', async () => {
    const at = await cloud();
    const login = await developerToken(at, 'user-42', { team: 'photos' });
    const credentials = poolCredentials(at, { [COGNITO]: login.token });

    const resolved = await credentials();
    const caller = await whoAmI(at.url, resolved);

    expect(resolved.identityId).toBe(login.identityId);
    expect(caller.json).toMatchObject({
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/PhotoUserRole/CognitoIdentityCredentials`,
      amr: ['authenticated', DEVELOPER_PROVIDER, `${DEVELOPER_PROVIDER}:${OPEN_POOL.identityPoolId}:user-42`],
      principalTags: { team: 'photos' },
      cognitoIdentity: {
        cognitoIdentityId: login.identityId,
        cognitoIdentityPoolId: OPEN_POOL.identityPoolId,
      },
    });
  });

  it('works as fromCognitoIdentity too, with the identity id the backend returned', async () => {
    const at = await cloud();
    const login = await developerToken(at, 'user-42');
    const credentials = fromCognitoIdentity({
      identityId: login.identityId,
      logins: { [COGNITO]: login.token },
      clientConfig: { region: REGION, endpoint: at.url },
    });

    const { logGroups } = await logsClient(at, credentials).send(new DescribeLogGroupsCommand({}));

    expect(logGroups).toEqual([]);
  });

  it('hands out credentials that still work after a restart of the local cloud', async () => {
    const before = await cloud();
    const held = await poolCredentials(before)();
    await before.stop({ keepState: true });
    running.splice(running.indexOf(before), 1);

    const after = await cloud({ dir: before.dir });
    const caller = await whoAmI(after.url, held);

    expect(caller.status).toBe(200);
    expect(caller.json.accessKeyId).toBe(held.accessKeyId);
  });
});

describe('credentials the front door refuses', () => {
  it('answers ExpiredTokenException to credentials past their expiration', async () => {
    // The local cloud's clock two hours back: the one-hour credentials it issues are already expired.
    const at = await cloud({ now: () => Date.now() - 2 * 3_600_000 });
    const logs = logsClient(at, poolCredentials(at));

    const refusal = logs.send(new DescribeLogGroupsCommand({}));

    await expect(refusal).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('answers InvalidSignatureException to a tampered secret', async () => {
    const at = await cloud();
    const held = await poolCredentials(at)();
    const logs = logsClient(at, { ...held, secretAccessKey: `${held.secretAccessKey.slice(0, -1)}x` });

    await expect(logs.send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
  });

  it('answers UnrecognizedClientException to a session token other than the one issued', async () => {
    const at = await cloud();
    const held = await poolCredentials(at)();
    const logs = logsClient(at, { ...held, sessionToken: `${held.sessionToken?.slice(0, -4)}AAAA` });

    await expect(logs.send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('answers UnrecognizedClientException to a key nobody issued', async () => {
    const at = await cloud();
    const held = await poolCredentials(at)();
    const logs = logsClient(at, { ...held, accessKeyId: 'ASIAZZZZZZZZZZZZZZZZ' });

    await expect(logs.send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });
});
