import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IncomingSignedRequest,
  SignatureError,
  verifySignature,
} from '../../../../src/core/sigv4/verify.js';
import { lookupOf, TEMPORARY } from './signing.js';

/** The real SDK clients against a bare HTTP server: the bytes a server receives, not a model of them. */
describe('verifySignature on requests captured from the real SDK clients', () => {
  const captured: IncomingSignedRequest[] = [];
  let server: http.Server;
  let endpoint: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = req.url ?? '/';
        const q = url.indexOf('?');
        captured.push({
          method: req.method ?? 'GET',
          rawPath: q < 0 ? url : url.slice(0, q),
          rawQuery: q < 0 ? '' : url.slice(q + 1),
          headers: req.headers,
          body: Buffer.concat(chunks),
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function lastRequest(): IncomingSignedRequest {
    const req = captured.at(-1);
    if (!req) throw new Error('the client sent nothing');
    return req;
  }

  it('verifies a LambdaClient Invoke of an ARN with a qualifier, a non-ASCII payload and a session token', async () => {
    const client = new LambdaClient({ endpoint, region: 'eu-west-3', credentials: TEMPORARY });

    await client.send(
      new InvokeCommand({
        FunctionName: 'arn:aws:lambda:eu-west-3:123456789012:function:resize-image',
        Qualifier: 'live version',
        Payload: Buffer.from(JSON.stringify({ caption: 'chat très mignon 🐱' })),
      }),
    );
    const verified = verifySignature(lastRequest(), lookupOf(TEMPORARY));

    expect(lastRequest().rawPath).toContain('%3A');
    expect(verified).toMatchObject({ service: 'lambda', region: 'eu-west-3', bodyCheckPending: false });
  });

  it('verifies a CloudWatchLogsClient call and refuses it once its body is changed', async () => {
    const client = new CloudWatchLogsClient({ endpoint, region: 'us-east-1', credentials: TEMPORARY });

    await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    const req = lastRequest();
    const verified = verifySignature(req, lookupOf(TEMPORARY));
    let refused: unknown;
    try {
      verifySignature({ ...req, body: Buffer.from('{"logGroupNamePrefix":"/"}') }, lookupOf(TEMPORARY));
    } catch (error) {
      refused = error;
    }

    expect(verified.service).toBe('logs');
    expect(refused).toBeInstanceOf(SignatureError);
    expect((refused as SignatureError).kind).toBe('body-hash-mismatch');
  });
});
