import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CognitoIdentityClient,
  GetOpenIdTokenForDeveloperIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import {
  encode,
  IDENTITY_STACK_TEMPLATE,
  payloadOf,
  REGION,
  ROOT_CREDENTIALS,
} from '../support/local-cloud.js';
import { pollUntil } from '../support/poll.js';

const local = useCloud({ template: IDENTITY_STACK_TEMPLATE, args: ['--no-watch'] });
let identityPoolId: string;
beforeAll(() => {
  identityPoolId = /identity pool identity_fixture (\S+)/.exec(local.cloud.output())?.[1] as string;
});

/**
 * A client's settings with identity-pool credentials, as the browser gets them: a guest's, or a
 * signed-in user's with `logins`.
 */
function asIdentity(logins?: Record<string, string>) {
  const clientConfig = { endpoint: local.cloud.url, region: REGION };
  return {
    ...clientConfig,
    maxAttempts: 1,
    credentials: fromCognitoIdentityPool({ identityPoolId, logins, clientConfig }),
  };
}

/** A Lambda client with identity-pool credentials (`logins` once signed in). */
function lambdaAs(logins?: Record<string, string>): LambdaClient {
  return new LambdaClient(asIdentity(logins));
}

/** What the login function does: a developer-authenticated token for a user, with principal tags. */
async function signIn(user: string, principalTags?: Record<string, string>): Promise<Record<string, string>> {
  const cognito = new CognitoIdentityClient({
    endpoint: local.cloud.url,
    region: REGION,
    credentials: ROOT_CREDENTIALS,
  });
  const { Token } = await cognito.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: identityPoolId,
      Logins: { 'login.fixture.test': user },
      PrincipalTags: principalTags,
    }),
  );
  return { 'cognito-identity.amazonaws.com': Token as string };
}

async function invoke(client: LambdaClient, name: string) {
  try {
    const response = await client.send(
      new InvokeCommand({ FunctionName: name, Payload: encode({ user: 'forged' }) }),
    );
    return {
      payload: payloadOf(response) as {
        identity: { cognitoIdentityId: string; cognitoIdentityPoolId: string };
      },
    };
  } catch (error) {
    return { error: error as Error & { $metadata?: { httpStatusCode?: number } } };
  }
}

describe('identity-pool credentials, decided by IAM', () => {
  it('lets a guest invoke the public function, which learns the caller from context.identity', async () => {
    const { payload, error } = await invoke(lambdaAs(), 'public');

    expect(error).toBeUndefined();
    expect(payload?.identity.cognitoIdentityPoolId).toBe(identityPoolId);
    expect(payload?.identity.cognitoIdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
  });

  it('gives a Python function the same context.identity', async () => {
    const { payload, error } = await invoke(lambdaAs(), 'public-python');

    expect(error).toBeUndefined();
    expect(payload?.identity.cognitoIdentityPoolId).toBe(identityPoolId);
    expect(payload?.identity.cognitoIdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
  });

  it("refuses a guest the private function with Lambda's AccessDeniedException", async () => {
    const { error } = await invoke(lambdaAs(), 'private');

    expect(error?.name).toBe('AccessDeniedException');
    expect(error?.$metadata?.httpStatusCode).toBe(403);
    expect(error?.message).toMatch(
      /^User: arn:aws:sts::123456789012:assumed-role\/lambdagram-GuestRole-\w+\/CognitoIdentityCredentials is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:private because no identity-based policy allows the lambda:InvokeFunction action/,
    );
    // The denial is logged by the local cloud as it answers: its output may arrive a moment later.
    const denialLog = 'denied: User: arn:aws:sts::123456789012:assumed-role/lambdagram-GuestRole';
    const logged = await pollUntil(
      () => local.cloud.output(),
      (output) => output.includes(denialLog),
    );
    expect(logged).toContain(denialLog);
  });

  it('lets a signed-in user invoke the private function as their own identity', async () => {
    const logins = await signIn('alice');

    const { payload, error } = await invoke(lambdaAs(logins), 'private');

    expect(error).toBeUndefined();
    expect(payload?.identity.cognitoIdentityPoolId).toBe(identityPoolId);
  });

  it('lets only an admin-tagged user invoke the admin function', async () => {
    const admin = await invoke(lambdaAs(await signIn('root-admin', { role: 'admin' })), 'admin');
    const user = await invoke(lambdaAs(await signIn('bob')), 'admin');

    expect(admin.error).toBeUndefined();
    expect(user.error?.name).toBe('AccessDeniedException');
  });
});

describe("functions' own roles", () => {
  it('fail a call their role does not allow, exactly as on AWS, and make one it does', async () => {
    const root = local.lambda;

    const without = payloadOf(
      await root.send(new InvokeCommand({ FunctionName: 'caller-without-permission' })),
    );
    const withPermission = payloadOf(
      await root.send(new InvokeCommand({ FunctionName: 'caller-with-permission' })),
    );

    expect(without).toMatchObject({
      refused: 'AccessDeniedException',
      message: expect.stringContaining(
        'assumed-role/lambdagram-CallerWithoutPermissionRole/caller-without-permission is not authorized to perform: lambda:InvokeFunction',
      ),
    });
    expect(withPermission).toEqual({ invoked: 'private' });
  });
});

describe('S3 decided by IAM', () => {
  const s3As = (logins?: Record<string, string>) => {
    return new S3Client({ ...asIdentity(logins), forcePathStyle: true });
  };
  const put = (client: S3Client, Key: string) =>
    client.send(new PutObjectCommand({ Bucket: 'identity-fixture-uploads', Key, Body: 'photo' })).then(
      () => 'stored',
      (error: Error) => error.name,
    );

  it("lets a signed-in user write under their own identity's prefix, and nowhere else", async () => {
    const logins = await signIn('carol');
    const { payload } = await invoke(lambdaAs(logins), 'public');
    const own = payload?.identity.cognitoIdentityId as string;
    const client = s3As(logins);

    const mine = await put(client, `uploads/${own}/photo.jpg`);
    const someoneElses = await put(
      client,
      'uploads/us-east-1:00000000-0000-0000-0000-000000000000/photo.jpg',
    );
    const guest = await put(s3As(), `uploads/${own}/guest.jpg`);

    expect(mine).toBe('stored');
    expect(someoneElses).toBe('AccessDenied');
    expect(guest).toBe('AccessDenied');
  });
});

describe('DynamoDB decided by IAM', () => {
  const dynamodbAs = (logins?: Record<string, string>) => {
    return new DynamoDBClient({ ...asIdentity(logins) });
  };
  const attempt = (promise: Promise<unknown>) =>
    promise.then(
      () => 'allowed',
      (error: Error) => error.name,
    );

  it('lets a signed-in user put and get items of the table their role names, and nothing else', async () => {
    const user = dynamodbAs(await signIn('dave'));
    const item = { TableName: 'identity-fixture-items', Item: { id: { S: 'dave' } } };

    const put = await attempt(user.send(new PutItemCommand(item)));
    const get = await attempt(user.send(new GetItemCommand({ TableName: item.TableName, Key: item.Item })));
    const list = await attempt(user.send(new ListTablesCommand({})));
    const guest = await attempt(dynamodbAs().send(new PutItemCommand(item)));

    expect([put, get, list, guest]).toEqual([
      'allowed',
      'allowed',
      'AccessDeniedException',
      'AccessDeniedException',
    ]);
  });
});

describe('CloudWatch Logs decided by IAM', () => {
  it("refuses a guest the functions' logs, which its role does not name", async () => {
    const logs = new CloudWatchLogsClient({ ...asIdentity() });

    const error = await logs
      .send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/public' }))
      .catch((caught: Error) => caught);

    expect((error as Error).name).toBe('AccessDeniedException');
    expect((error as Error).message).toContain(
      'logs:FilterLogEvents on resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/public:*',
    );
  });
});

describe('dynamodb:LeadingKeys', () => {
  it('keeps each signed-in user to the items keyed by their own identity id', async () => {
    const logins = await signIn('erin');
    const own = ((await invoke(lambdaAs(logins), 'public')).payload?.identity.cognitoIdentityId ??
      '') as string;
    const user = new DynamoDBClient({ ...asIdentity(logins) });
    const TableName = 'identity-fixture-owned';
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        () => 'allowed',
        (error: Error) => error.name,
      );
    const query = (id: string) =>
      new QueryCommand({
        TableName,
        KeyConditionExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': 'id' },
        ExpressionAttributeValues: { ':id': { S: id } },
      });

    const results = [
      await outcome(user.send(new PutItemCommand({ TableName, Item: { id: { S: own } } }))),
      await outcome(user.send(new PutItemCommand({ TableName, Item: { id: { S: 'someone-else' } } }))),
      await outcome(user.send(query(own))),
      await outcome(user.send(query('someone-else'))),
    ];

    expect(results).toEqual(['allowed', 'AccessDeniedException', 'allowed', 'AccessDeniedException']);
  });
});
