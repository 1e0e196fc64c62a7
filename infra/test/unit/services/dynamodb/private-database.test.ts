import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoDbLocal } from '../../../../src/services/dynamodb/local/dynamodb-local.js';
import { dynamoDbLocalDir } from '../../../../src/services/dynamodb/local/local-jar.js';
import {
  ACCESS_KEY_FILE,
  preparePrivateDatabase,
  privateDatabaseFile,
  SHARED_DB_FILE,
} from '../../../../src/services/dynamodb/local/private-database.js';
import { pollUntil } from '../../../support/poll.js';

const started: DynamoDbLocal[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(started.splice(0).map((local) => local.stop()));
  vi.restoreAllMocks();
});

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ddb-private-'));
}

const mode = (file: string) => statSync(file).mode & 0o777;

describe('preparePrivateDatabase', () => {
  it('makes a random key of letters and digits once, readable by the owner only, in a folder of theirs', () => {
    const dataDir = path.join(tempDir(), 'dynamodb');

    const key = preparePrivateDatabase(dataDir);
    const again = preparePrivateDatabase(dataDir);
    const other = preparePrivateDatabase(path.join(tempDir(), 'dynamodb'));

    expect(key).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(again).toBe(key);
    expect(other).not.toBe(key);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, ACCESS_KEY_FILE))).toBe(0o600);
  });

  it('closes a folder an earlier version left open to everyone (0755)', () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o755);

    preparePrivateDatabase(dataDir);

    expect(mode(dataDir)).toBe(0o700);
  });

  it('refuses a key file that holds no key instead of starting on another database', () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, ACCESS_KEY_FILE), 'not a key!\n');

    expect(() => preparePrivateDatabase(dataDir)).toThrow(/does not hold a DynamoDB Local access key ID/);
  });

  it("moves the shared layout's database and its journal to the key's file", () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, SHARED_DB_FILE), 'tables');
    writeFileSync(path.join(dataDir, `${SHARED_DB_FILE}-journal`), 'journal');

    const key = preparePrivateDatabase(dataDir);

    const target = privateDatabaseFile(dataDir, key);
    expect(readFileSync(target, 'utf8')).toBe('tables');
    expect(readFileSync(`${target}-journal`, 'utf8')).toBe('journal');
    expect(readdirSync(dataDir).sort()).toEqual(
      [ACCESS_KEY_FILE, path.basename(target), `${path.basename(target)}-journal`].sort(),
    );
  });

  it("leaves a shared database alone, and says so, when the key's database already exists", () => {
    const dataDir = tempDir();
    const key = preparePrivateDatabase(dataDir);
    writeFileSync(privateDatabaseFile(dataDir, key), 'current');
    writeFileSync(path.join(dataDir, SHARED_DB_FILE), 'old');
    const warn = vi.spyOn(console, 'error').mockImplementation(() => {});

    preparePrivateDatabase(dataDir);

    expect(readFileSync(privateDatabaseFile(dataDir, key), 'utf8')).toBe('current');
    expect(readFileSync(path.join(dataDir, SHARED_DB_FILE), 'utf8')).toBe('old');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('is not used'));
  });
});

describe('DynamoDbLocal with a private database', () => {
  it('shows its tables to its key only: another key on the same port sees an empty database', async () => {
    const local = await DynamoDbLocal.start({ dataDir: tempDir() });
    started.push(local);
    const owner = new DynamoDBClient(local.clientConfig());
    const stranger = new DynamoDBClient({
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAMADEUPMADEUP1234', secretAccessKey: 'x' },
    });
    await owner.send(new CreateTableCommand(table('Private')));

    const seenByOwner = await owner.send(new ListTablesCommand({}));
    const seenByStranger = await stranger.send(new ListTablesCommand({}));
    owner.destroy();
    stranger.destroy();

    expect(seenByOwner.TableNames).toEqual(['Private']);
    expect(seenByStranger.TableNames).toEqual([]);
  });

  it('keeps the tables an earlier version wrote with -sharedDb', async () => {
    const dataDir = tempDir();
    await writeWithSharedLayout(dataDir);

    const local = await DynamoDbLocal.start({ dataDir });
    started.push(local);
    const client = new DynamoDBClient(local.clientConfig());
    const item = await client.send(new GetItemCommand({ TableName: 'Old', Key: { pk: { S: 'kept' } } }));
    client.destroy();

    expect(item.Item).toEqual({ pk: { S: 'kept' } });
    expect(existsSync(path.join(dataDir, SHARED_DB_FILE))).toBe(false);
  }, 120_000);
});

function table(TableName: string) {
  return {
    TableName,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}

/** Runs DynamoDB Local as earlier versions did (`-jar`, `-sharedDb`) to write a table and an item. */
async function writeWithSharedLayout(dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const jarDir = dynamoDbLocalDir();
  const port = await freePort();
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${path.join(jarDir, 'DynamoDBLocal_lib')}`,
      '-jar',
      path.join(jarDir, 'DynamoDBLocal.jar'),
      '-sharedDb',
      '-dbPath',
      dataDir,
      '-port',
      String(port),
      '-disableTelemetry',
    ],
    { cwd: dataDir, stdio: 'ignore' },
  );
  children.push(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-3',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  await pollUntil(
    () =>
      client.send(new ListTablesCommand({})).then(
        () => true,
        () => false,
      ),
    (answered) => answered,
    { timeoutMs: 60_000 },
  );
  await client.send(new CreateTableCommand(table('Old')));
  await client.send(new PutItemCommand({ TableName: 'Old', Item: { pk: { S: 'kept' } } }));
  client.destroy();
  child.kill('SIGTERM');
  await exited;
  expect(existsSync(path.join(dataDir, SHARED_DB_FILE))).toBe(true);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
