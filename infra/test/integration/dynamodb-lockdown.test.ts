import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { EVENT_STACK_TEMPLATE, REGION } from '../support/local-cloud.js';
import { descendants } from '../support/processes.js';

/**
 * Issue 12, hole 1: DynamoDB Local must not answer anyone but the local cloud. The local cloud's
 * endpoint checks signatures and IAM; DynamoDB Local's own port checks nothing, so it must be
 * reachable from this machine only, and even from here must show a stranger no data.
 */
const local = useCloud({ template: EVENT_STACK_TEMPLATE });
const MADE_UP = { accessKeyId: 'AKIAMADEUPMADEUP1234', secretAccessKey: 'made-up' };
const SECRET_ITEM = {
  pk: { S: 'user#alice' },
  sk: { S: 'profile' },
  passwordHash: { S: '$argon2id$v=19$not-for-strangers' },
};

let databasePort: number;
const clients: DynamoDBClient[] = [];
function strangerAt(host: string): DynamoDBClient {
  const client = new DynamoDBClient({
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${databasePort}`,
    region: REGION,
    credentials: MADE_UP,
    maxAttempts: 1,
  });
  clients.push(client);
  return client;
}

/** This machine's addresses that are not loopback (nor IPv6 link-local, which needs a scope). */
const outwardAddresses = Object.values(os.networkInterfaces())
  .flat()
  .filter((address) => address !== undefined && !address.internal)
  .map((address) => address?.address as string)
  .filter((address) => !address.startsWith('fe80:'));

// DynamoDB Local's port is found in /proc.
describe.skipIf(process.platform !== 'linux')('DynamoDB Local behind the local cloud', () => {
  beforeAll(async () => {
    await local.dynamodb.send(new PutItemCommand({ TableName: 'items', Item: SECRET_ITEM }));
    databasePort = dynamoDbLocalPort(local.cloud.process.pid as number);
  });
  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  it('refuses connections to its port on every non-loopback address of the machine', async ({ skip }) => {
    // Said rather than passed silently: without such an address this test proves nothing.
    if (outwardAddresses.length === 0)
      skip('this machine has no non-loopback address: reachability from other machines is untested');
    for (const address of outwardAddresses) {
      const outcome = await strangerAt(address)
        .send(new ScanCommand({ TableName: 'items' }))
        .then(
          (answer) => `answered a Scan of ${answer.Count} item(s): ${JSON.stringify(answer.Items)}`,
          (error: NodeJS.ErrnoException) => error.code ?? `${error.name}: ${error.message}`,
        );
      expect(outcome, `DynamoDB Local's port seen from ${address}`).toMatch(
        /^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/,
      );
    }
  });

  it('shows a caller on loopback with made-up credentials no table and no item', async () => {
    const stranger = strangerAt('127.0.0.1');

    const listed = await stranger.send(new ListTablesCommand({}));
    const scan = await stranger.send(new ScanCommand({ TableName: 'items' })).catch((error: Error) => error);

    expect(listed.TableNames).toEqual([]);
    expect(scan).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('still serves the tables through the local cloud endpoint with valid credentials', async () => {
    const listed = await local.dynamodb.send(new ListTablesCommand({}));
    const item = await local.dynamodb.send(
      new GetItemCommand({ TableName: 'items', Key: { pk: SECRET_ITEM.pk, sk: SECRET_ITEM.sk } }),
    );

    expect(listed.TableNames).toContain('items');
    expect(item.Item).toEqual(SECRET_ITEM);
  });

  it('refuses the made-up credentials at the local cloud endpoint', async () => {
    const client = new DynamoDBClient({
      endpoint: local.cloud.url,
      region: REGION,
      credentials: MADE_UP,
      maxAttempts: 1,
    });
    clients.push(client);

    const failure = await client.send(new ListTablesCommand({})).catch((error: Error) => error);

    expect(failure).toMatchObject({ name: 'UnrecognizedClientException' });
  });
});

/**
 * The TCP port the local cloud's Java child (DynamoDB Local) listens on, read from /proc: the
 * listening sockets of /proc/net/tcp{,6} whose inode one of the process's descriptors holds.
 */
function dynamoDbLocalPort(cloudPid: number): number {
  const java = descendants(cloudPid).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('DynamoDBLocal');
    } catch {
      return false;
    }
  });
  const inodes = new Set<string>();
  for (const pid of java) {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1] as string);
      } catch {
        // Closed while we looked.
      }
    }
  }
  const LISTEN = '0A';
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'latin1').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === LISTEN && inodes.has(fields[9] as string)) {
        return Number.parseInt((fields[1] as string).split(':')[1] as string, 16);
      }
    }
  }
  throw new Error(`no listening socket found for DynamoDB Local (java pids ${java.join(', ') || 'none'})`);
}
