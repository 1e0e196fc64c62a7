import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dynamoDbLocalDir, LAUNCHER_DIR } from '../../../../src/services/dynamodb/local/local-jar.js';
import { findExecutable } from '../../../../src/services/dynamodb/local/orphan-guard.js';

const CLASS = 'LoopbackDynamoDbLocal';

describe('the loopback launcher of DynamoDB Local', () => {
  // The .class file runs on any Java 17 (a JRE has no compiler); this shows it is the source beside it.
  it('is its Java source compiled, byte for byte', ({ skip }) => {
    const javac = findExecutable('javac');
    if (!javac) skip('no javac on the PATH: the committed class file is not checked against its source');
    const jarDir = dynamoDbLocalDir();
    const libDir = path.join(jarDir, 'DynamoDBLocal_lib');
    const jetty = readdirSync(libDir).find((name) => /^jetty-server-.*\.jar$/.test(name)) as string;
    const out = mkdtempSync(path.join(os.tmpdir(), 'ddb-launcher-'));

    execFileSync(javac as string, [
      '--release',
      '17',
      '-cp',
      [path.join(jarDir, 'DynamoDBLocal.jar'), path.join(libDir, jetty)].join(path.delimiter),
      '-d',
      out,
      path.join(LAUNCHER_DIR, `${CLASS}.java`),
    ]);

    expect(
      readFileSync(path.join(out, `${CLASS}.class`)).equals(
        readFileSync(path.join(LAUNCHER_DIR, `${CLASS}.class`)),
      ),
    ).toBe(true);
  });
});
