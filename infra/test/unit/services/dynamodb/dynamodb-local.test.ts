import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DynamoDbLocal,
  DynamoDbLocalError,
  JavaMissingError,
} from '../../../../src/services/dynamodb/local/dynamodb-local.js';
import { pollUntil } from '../../../support/poll.js';
import { alive } from '../../../support/processes.js';

const started: DynamoDbLocal[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((local) => local.stop()));
});

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'ddb-local-'));
}

async function start(options: Parameters<typeof DynamoDbLocal.start>[0]): Promise<DynamoDbLocal> {
  const local = await DynamoDbLocal.start(options);
  started.push(local);
  return local;
}

function clientOf(local: DynamoDbLocal): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** A stand-in for `java`: a shell script that prints and then exits or sleeps. */
function fakeJava(script: string): string {
  const file = path.join(tempDir(), 'java');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Live processes (zombies aside) whose process group is `pgid`, from /proc. */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z' && Number(group) === pgid) members.push(Number(name));
    } catch {
      // Gone while we looked.
    }
  }
  return members;
}

const FIXTURE = fileURLToPath(new URL('./fixtures/start-and-report.ts', import.meta.url));

/** Runs the fixture in its own Node process and resolves with it and the Java pid it reports. */
function startInChildProcess(dataDir: string, how: 'exit' | 'wait') {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, how], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const javaPid = new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(Number(text.trim()));
    });
    child.once('exit', () => reject(new Error(`fixture exited before reporting: ${text}`)));
  });
  return { child, javaPid };
}

describe('DynamoDbLocal', () => {
  it('starts on a free port and answers the DynamoDB API', async () => {
    const local = await start({ dataDir: tempDir() });

    const tables = await clientOf(local).send(new ListTablesCommand({}));

    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(tables.TableNames).toEqual([]);
  });

  it('keeps its data across a restart on the same folder', async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir });
    await clientOf(first).send(
      new CreateTableCommand({
        TableName: 'Kept',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await clientOf(first).send(new PutItemCommand({ TableName: 'Kept', Item: { pk: { S: 'a' } } }));
    await first.stop();

    const second = await start({ dataDir });
    const item = await clientOf(second).send(
      new GetItemCommand({ TableName: 'Kept', Key: { pk: { S: 'a' } } }),
    );

    expect(item.Item).toEqual({ pk: { S: 'a' } });
  });

  it('leaves no process behind when stopped', async () => {
    const local = await start({ dataDir: tempDir() });

    await local.stop();

    expect(alive(local.pid)).toBe(false);
    expect(groupMembers(local.pid)).toEqual([]);
  });

  it('refuses a port that is already in use instead of talking to its owner', async () => {
    const other = await start({ dataDir: tempDir() });
    const port = Number(new URL(other.endpoint).port);

    const failure = await start({ dataDir: tempDir(), port }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DynamoDbLocalError);
    expect((failure as Error).message).toContain(`port ${port}: it is in use`);
  });

  it('says how to install Java when there is none', async () => {
    const failure = await start({ dataDir: tempDir(), javaCommand: '/nonexistent/bin/java' }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(JavaMissingError);
    expect((failure as Error).message).toContain('needs Java 17 or newer');
    expect((failure as Error).message).toContain('apt-get install -y openjdk-17-jre-headless');
    expect((failure as Error).message).toContain('brew install openjdk@17');
  });

  it('reports what Java printed when it exits before answering', async () => {
    const java = fakeJava('echo "Error: could not open the jar" >&2\nexit 3');

    const failure = await start({ dataDir: tempDir(), javaCommand: java }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DynamoDbLocalError);
    expect((failure as Error).message).toContain('exit code 3');
    expect((failure as Error).message).toContain('Error: could not open the jar');
  });

  it('gives up after the start timeout with the output, and kills what it started', async () => {
    const pidFile = path.join(tempDir(), 'pid');
    const java = fakeJava(`echo $$ > ${pidFile}\necho "still warming up"\nexec sleep 30`);

    const failure = await start({ dataDir: tempDir(), javaCommand: java, startTimeoutMs: 500 }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(DynamoDbLocalError);
    expect((failure as Error).message).toContain('did not answer');
    expect((failure as Error).message).toContain('still warming up');
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });

  it('dies with a parent that exits without stopping it', async () => {
    const { javaPid } = startInChildProcess(tempDir(), 'exit');
    const pid = await javaPid;

    const gone = await pollUntil(() => !alive(pid), Boolean, { timeoutMs: 5_000 });

    expect(gone).toBe(true);
  });

  it('dies with a parent that is killed with SIGKILL', async () => {
    const { child, javaPid } = startInChildProcess(tempDir(), 'wait');
    const pid = await javaPid;

    child.kill('SIGKILL');
    const gone = await pollUntil(() => !alive(pid), Boolean, { timeoutMs: 5_000 });

    expect(gone).toBe(true);
  });
});
