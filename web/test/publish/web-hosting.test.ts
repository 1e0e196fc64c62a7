import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  ACCOUNT,
  PRODUCT_TEMPLATE,
  REGION,
  ROOT_CREDENTIALS,
  rawRequest,
  type StartedCloud,
  startCloud,
} from '@lambdagram/infra/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackOutputs } from '../../scripts/publish/stack-outputs.js';

const WEB = path.join(import.meta.dirname, '..', '..');
const WEB_BUCKET = 'lambdagram-web';
const INDEX =
  '<!doctype html><title>Lambdagram</title><script type="module" src="/assets/index-1a2b3c.js"></script>';
const SCRIPT = 'console.log("hello");';

/** The product's stack on a local cloud of this file's own (`local.cloud`, `local.s3`). */
const local = {} as { cloud: StartedCloud; s3: S3Client };
beforeAll(async () => {
  local.cloud = await startCloud({ template: PRODUCT_TEMPLATE, args: ['--no-watch'] });
  local.s3 = local.cloud.s3();
});
afterAll(async () => {
  await local.cloud?.stop();
});

/** A tiny stand-in for web/dist: what `vite build` writes, without building the real app. */
async function fakeDist(): Promise<string> {
  const dist = await mkdtemp(path.join(os.tmpdir(), 'web-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), INDEX);
  await writeFile(path.join(dist, 'assets', 'index-1a2b3c.js'), SCRIPT);
  await writeFile(path.join(dist, 'assets', 'index-4d5e6f.css'), 'body { margin: 0 }');
  await writeFile(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dist;
}

/**
 * A GET to the web bucket's website endpoint, as a browser sends it (`*.localhost` is this machine),
 * with the body decoded as a browser would (text is stored gzipped).
 */
async function website(pathname: string) {
  const { port } = new URL(local.cloud.url);
  const response = await rawRequest(`${local.cloud.url}${pathname}`, {
    headers: { host: `${WEB_BUCKET}.s3-website.localhost:${port}`, 'accept-encoding': 'gzip' },
  });
  if (response.headers['content-encoding'] !== 'gzip') return response;
  return { ...response, body: gunzipSync(response.rawBody).toString('utf8') };
}

describe('the web app hosted in the website bucket', () => {
  let published: string;

  beforeAll(async () => {
    // What an earlier publication left behind, which this one no longer has.
    await local.s3.send(
      new PutObjectCommand({ Bucket: WEB_BUCKET, Key: 'assets/index-000000.js', Body: 'old' }),
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/publish/cli.ts',
        '--dist',
        await fakeDist(),
        '--endpoint',
        local.cloud.url,
      ],
      { cwd: WEB, env: { ...process.env, INIT_CWD: WEB } },
    );
    published = stdout;
  }, 180_000);

  it('prints where the app is served', () => {
    const { port } = new URL(local.cloud.url);

    expect(published).toContain('published 5 files, removed 1 stale');
    expect(published).toContain(`app ready at http://${WEB_BUCKET}.s3-website.localhost:${port}/`);
  });

  it('serves index.html at the root, never from a cache without asking', async () => {
    const response = await website('/');

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(INDEX);
  });

  it('serves hashed assets with their content type, cached forever', async () => {
    const script = await website('/assets/index-1a2b3c.js');
    const style = await website('/assets/index-4d5e6f.css');

    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toBe(SCRIPT);
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(style.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it("serves config.json with the stack's values and the local cloud's endpoint, never cached", async () => {
    const response = await website('/config.json');
    const poolId = /identity pool lambdagram_users (\S+)/.exec(local.cloud.output())?.[1];

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(JSON.parse(response.body)).toEqual({
      region: REGION,
      identityPoolId: poolId,
      functionPrefix: 'lambdagram',
      photosBucket: `lambdagram-photos-${ACCOUNT}`,
      endpoint: local.cloud.url,
      outboxUrl: `${local.cloud.url}/_local/ses/outbox`,
    });
    expect(poolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
  });

  it('answers a deep link of the single-page app with index.html (the error document, status 404)', async () => {
    const response = await website('/photos/abc');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(INDEX);
  });

  it('removes what the previous publication left', async () => {
    const stale = local.s3.send(new HeadObjectCommand({ Bucket: WEB_BUCKET, Key: 'assets/index-000000.js' }));

    await expect(stale).rejects.toMatchObject({ name: 'NotFound' });
  });
});

describe("CloudFormation's DescribeStacks on the local cloud", () => {
  const location = () => ({
    stackName: 'lambdagram',
    region: REGION,
    endpoint: local.cloud.url,
    credentials: ROOT_CREDENTIALS,
  });

  it("gives the template's outputs, evaluated for this stack", async () => {
    const outputs = await stackOutputs(location());

    expect(outputs).toMatchObject({
      Region: REGION,
      FunctionNamePrefix: 'lambdagram',
      PhotosBucketName: `lambdagram-photos-${ACCOUNT}`,
      WebBucketName: WEB_BUCKET,
      AddFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:add`,
    });
    expect(outputs.IdentityPoolId).toMatch(/^us-east-1:/);
  });

  it('says so when asked for another stack', async () => {
    await expect(stackOutputs({ ...location(), stackName: 'other' })).rejects.toThrow(
      /ValidationError\): Stack with id other does not exist/,
    );
  });

  it('refuses an unsigned request, as every AWS API does', async () => {
    const response = await fetch(local.cloud.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=DescribeStacks&Version=2010-05-15',
    });

    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});
