import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketCorsCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEventStack } from '../support/cloud-fixture.js';
import { rawRequest } from '../support/http.js';
import { s3Failure } from '../support/s3.js';

const local = useEventStack('s3-buckets');

describe('buckets', () => {
  it('lists the template buckets', async () => {
    const { Buckets } = await local.s3.send(new ListBucketsCommand({}));

    expect(Buckets?.map((bucket) => bucket.Name)).toEqual(expect.arrayContaining(['site', 'uploads']));
  });

  it('creates, finds and deletes a bucket at run time', async () => {
    await local.s3.send(new CreateBucketCommand({ Bucket: 'scratch-space' }));

    const head = await local.s3.send(new HeadBucketCommand({ Bucket: 'scratch-space' }));
    const location = await local.s3.send(new GetBucketLocationCommand({ Bucket: 'scratch-space' }));
    await local.s3.send(new DeleteBucketCommand({ Bucket: 'scratch-space' }));
    const gone = await s3Failure(local.s3.send(new HeadBucketCommand({ Bucket: 'scratch-space' })));

    expect(head.BucketRegion).toBe('us-east-1');
    expect(location.LocationConstraint).toBeUndefined();
    expect(gone.$metadata.httpStatusCode).toBe(404);
  });

  it('refuses to delete a bucket that still holds objects', async () => {
    await local.s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await local.s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'k', Body: 'v' }));

    const error = await s3Failure(local.s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })));

    expect(error.name).toBe('BucketNotEmpty');
    expect(error.$metadata.httpStatusCode).toBe(409);
  });

  it('refuses an invalid bucket name', async () => {
    const error = await s3Failure(local.s3.send(new CreateBucketCommand({ Bucket: 'Not_Valid' })));

    expect(error.name).toBe('InvalidBucketName');
  });

  it('answers NoSuchBucket with the XML error of S3', async () => {
    const error = await s3Failure(local.s3.send(new DeleteBucketCommand({ Bucket: 'never-made' })));

    expect(error.name).toBe('NoSuchBucket');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.$metadata.requestId).toMatch(/[0-9a-f-]{36}/);
  });
});

describe('CORS from the bucket rules', () => {
  const preflight = (origin: string, method: string, headers = 'content-type,x-amz-date') =>
    fetch(`${local.cloud.url}/uploads/some/key.jpg`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
    });

  it('answers a preflight from an allowed origin with the rule', async () => {
    const response = await preflight('http://127.0.0.1:5173', 'PUT');

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type, x-amz-date');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('refuses a preflight from another origin as S3 does', async () => {
    const response = await preflight('http://evil.example', 'PUT');

    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.text()).toContain('<Code>AccessForbidden</Code>');
  });

  it('refuses a preflight to a bucket without CORS rules', async () => {
    const response = await fetch(`${local.cloud.url}/site/index.html`, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'GET' },
    });

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('CORS is not enabled for this bucket');
  });

  it('adds CORS headers to actual responses for allowed origins only', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'cors/object.txt', Body: 'x' }));
    const presigner = local.cloud.s3({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    const url = await getSignedUrl(
      presigner,
      new GetObjectCommand({ Bucket: 'uploads', Key: 'cors/object.txt' }),
    );

    const allowed = await rawRequest(url, { headers: { origin: 'http://localhost:3000' } });
    const other = await rawRequest(url, { headers: { origin: 'http://evil.example' } });

    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(allowed.headers['access-control-expose-headers']).toBe(
      'ETag, x-amz-request-id, x-amz-checksum-crc32',
    );
    expect(other.status).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('takes new rules at run time with PutBucketCors', async () => {
    await local.s3.send(new CreateBucketCommand({ Bucket: 'cors-at-runtime' }));
    await local.s3.send(
      new PutBucketCorsCommand({
        Bucket: 'cors-at-runtime',
        CORSConfiguration: {
          CORSRules: [{ AllowedOrigins: ['https://app.example'], AllowedMethods: ['GET'] }],
        },
      }),
    );

    const rules = await local.s3.send(new GetBucketCorsCommand({ Bucket: 'cors-at-runtime' }));
    const response = await fetch(`${local.cloud.url}/cors-at-runtime/x`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' },
    });

    expect(rules.CORSRules?.[0]?.AllowedOrigins).toEqual(['https://app.example']);
    expect(response.status).toBe(200);
  });
});

describe('static website hosting', () => {
  const site = (pathName: string, headers: Record<string, string> = {}) =>
    rawRequest(`${local.cloud.url}${pathName}`, {
      headers: { host: 'site.s3-website.localhost', ...headers },
    });

  beforeAll(async () => {
    const files: Array<[string, string, string]> = [
      ['index.html', '<h1>app</h1>', 'text/html'],
      ['assets/app.js', 'console.log(1)', 'text/javascript'],
      ['docs/index.html', '<h1>docs</h1>', 'text/html'],
    ];
    for (const [Key, Body, ContentType] of files) {
      await local.s3.send(
        new PutObjectCommand({
          Bucket: 'site',
          Key,
          Body,
          ContentType,
          CacheControl: 'public, max-age=31536000, immutable',
        }),
      );
    }
  });

  it('serves the index document at the root, with its type and cache headers', async () => {
    const response = await site('/');

    expect(response.status).toBe(200);
    expect(response.body).toBe('<h1>app</h1>');
    expect(response.headers['content-type']).toBe('text/html');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers.etag).toBeTruthy();
  });

  it('serves assets, and 304 when the browser has them', async () => {
    const first = await site('/assets/app.js');
    const again = await site('/assets/app.js', { 'if-none-match': first.headers.etag as string });

    expect(first.body).toBe('console.log(1)');
    expect(first.headers['content-type']).toBe('text/javascript');
    expect(again.status).toBe(304);
  });

  it('redirects a folder without its slash, and serves its index with it', async () => {
    const bare = await site('/docs');
    const slash = await site('/docs/');

    expect(bare.status).toBe(302);
    expect(bare.headers.location).toBe('/docs/');
    expect(slash.body).toBe('<h1>docs</h1>');
  });

  it('serves the error document for unknown paths (the single-page-app fallback) with status 404', async () => {
    const response = await site('/u/alice/photos');

    expect(response.status).toBe(404);
    expect(response.body).toBe('<h1>app</h1>');
    expect(response.headers['content-type']).toBe('text/html');
  });

  it('needs no signature, but takes only GET and HEAD', async () => {
    const put = await rawRequest(`${local.cloud.url}/index.html`, {
      method: 'PUT',
      headers: { host: 'site.s3-website.localhost' },
      body: 'defaced',
    });

    expect(put.status).toBe(405);
    expect(put.headers['content-type']).toContain('text/html');
    expect((await site('/')).body).toBe('<h1>app</h1>');
  });

  it('answers an HTML 404 for a bucket without a website', async () => {
    const response = await rawRequest(`${local.cloud.url}/`, {
      headers: { host: 'uploads.s3-website.localhost' },
    });

    expect(response.status).toBe(404);
    expect(response.body).toContain('NoSuchWebsiteConfiguration');
  });
});
