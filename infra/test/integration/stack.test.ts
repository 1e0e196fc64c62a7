import path from 'node:path';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { encode, payloadOf } from '../support/local-cloud.js';
import { pollUntil } from '../support/poll.js';

/** What functions/src declares in the template, by operation: the browser's and the event-driven ones. */
const BACKEND_FUNCTIONS = [
  'signUp',
  'verifyEmail',
  'resendVerification',
  'signIn',
  'forgotPassword',
  'resetPassword',
  'changePassword',
  'getMe',
  'processUpload',
  'getPhoto',
  'listUserPhotos',
  'listPublicPhotos',
  'updatePhoto',
  'deletePhoto',
  'searchUsers',
  'sendFriendRequest',
  'respondToFriendRequest',
  'cancelFriendRequest',
  'removeFriend',
  'listFriends',
  'listFriendRequests',
  'fanOut',
  'getFeed',
];

const TEMPLATE = path.join(import.meta.dirname, '..', '..', 'template.yaml');
const local = useCloud({ template: TEMPLATE, args: ['--no-watch'] });

describe("Lambdagram's own template on the local cloud", () => {
  it('builds and lists the seed examples and every function of the backend', async () => {
    const { Functions } = await local.cloud.lambda().send(new ListFunctionsCommand({}));

    const names = Functions?.map((fn) => fn.FunctionName ?? '');
    expect(names).toEqual(expect.arrayContaining(['add', 'add-python', 'log']));
    const backend = names?.filter((name) => name.startsWith('lambdagram-')).sort();
    expect(backend).toEqual(BACKEND_FUNCTIONS.map((name) => `lambdagram-${name}`).sort());
    expect(Functions?.filter((fn) => fn.Runtime !== 'nodejs20.x').map((fn) => fn.FunctionName)).toEqual([
      'add-python',
    ]);
    expect(local.cloud.output()).not.toContain('BUILD FAILED');
    expect(local.cloud.output()).not.toContain('not supported by the local cloud');
  });

  it('adds two numbers in TypeScript and in Python', async () => {
    const lambda = local.cloud.lambda();
    const event = encode({ value1: 20, value2: 22 });

    const ts = await lambda.send(new InvokeCommand({ FunctionName: 'add', Payload: event }));
    const py = await lambda.send(new InvokeCommand({ FunctionName: 'add-python', Payload: event }));

    expect(payloadOf(ts)).toBe(42);
    expect(payloadOf(py)).toBe(42);
  });

  it('returns null for a handler that returns nothing, as Lambda does', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'log', Payload: encode({ message: 'sync call' }) }),
    );

    expect(response.FunctionError).toBeUndefined();
    expect(Buffer.from(response.Payload ?? new Uint8Array()).toString()).toBe('null');
  });

  it('logs a message sent asynchronously to log', async () => {
    const message = `hello from the test ${Date.now()}`;
    const response = await local.cloud
      .lambda()
      .send(
        new InvokeCommand({ FunctionName: 'log', InvocationType: 'Event', Payload: encode({ message }) }),
      );
    expect(response.StatusCode).toBe(202);

    const found = await pollUntil(
      async () => {
        const { events } = await local.logs
          .send(
            new FilterLogEventsCommand({ logGroupName: '/aws/lambda/log', filterPattern: `"${message}"` }),
          )
          .catch(() => ({ events: [] }));
        return events?.[0]?.message;
      },
      (message) => message !== undefined,
    );

    expect(found).toMatch(new RegExp(`\\t${response.$metadata.requestId}\\tINFO\\t${message}$`));
  });
});

describe('DynamoDB on a stack without tables', () => {
  it('starts DynamoDB Local on the first DynamoDB request, and keeps what it creates', async () => {
    const dynamodb = local.cloud.dynamodb();

    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'made-at-run-time',
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      }),
    );
    const { TableNames } = await dynamodb.send(new ListTablesCommand({}));

    expect(TableNames).toContain('made-at-run-time');
  });
});
