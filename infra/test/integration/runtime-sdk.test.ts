import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { useCloud } from '../support/cloud-fixture.js';
import { encode, payloadOf } from '../support/local-cloud.js';

/**
 * A project outside this repository (no node_modules anywhere above it), whose handlers use the AWS
 * SDK without bundling it: Lambda's Node.js runtimes provide it, and so must the local cloud's.
 */
function projectWithoutSdk(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sdk-project-'));
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(
    path.join(dir, 'src', 'esm.mjs'),
    `import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
export const handler = async () => {
  const { Buckets } = await new S3Client({ forcePathStyle: true }).send(new ListBucketsCommand({}));
  return { buckets: Buckets.map((bucket) => bucket.Name) };
};
`,
  );
  writeFileSync(
    path.join(dir, 'src', 'common.cjs'),
    `const { DynamoDBClient, ListTablesCommand } = require('@aws-sdk/client-dynamodb');
exports.handler = async () => ({ tables: (await new DynamoDBClient({}).send(new ListTablesCommand({}))).TableNames });
`,
  );
  writeFileSync(
    path.join(dir, 'template.yaml'),
    `Transform: AWS::Serverless-2016-10-31
Resources:
  Photos:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: sdk-photos
  Esm:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: esm
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: esm.handler
      Timeout: 120
      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:ListAllMyBuckets
              Resource: '*'
  Common:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: common
      Runtime: nodejs20.x
      CodeUri: src/
      Handler: common.handler
      # Its first call starts DynamoDB Local (a JVM) on demand: many seconds on a busy machine.
      Timeout: 120
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:ListTables
              Resource: '*'
`,
  );
  return path.join(dir, 'template.yaml');
}

const local = useCloud(() => ({ template: projectWithoutSdk(), args: ['--no-watch'] }));

describe('the AWS SDK in the Node.js runtime', () => {
  it('lets an unbundled ES module handler import a client and call the local cloud with it', async () => {
    const response = await local.lambda.send(new InvokeCommand({ FunctionName: 'esm', Payload: encode({}) }));

    expect(response.FunctionError).toBeUndefined();
    expect(payloadOf(response)).toEqual({ buckets: ['sdk-photos'] });
  });

  it('lets a CommonJS handler require a client', async () => {
    const response = await local.lambda.send(
      new InvokeCommand({ FunctionName: 'common', Payload: encode({}) }),
    );

    expect(response.FunctionError).toBeUndefined();
    expect(payloadOf(response)).toEqual({ tables: expect.any(Array) });
  });
});
