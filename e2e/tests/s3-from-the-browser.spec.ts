import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { EVENT_STACK_TEMPLATE, type StartedCloud, startCloud } from '@lambdagram/infra/testing';

import { expect, type Page, test } from '@playwright/test';
import type { BrowserUploadResult } from '../pages/s3-upload.js';
import { type PageServer, servePages } from '../support/page-server.js';
import { CLOUD_START_MS } from '../support/timeouts.js';

let cloud: StartedCloud;
let pages: PageServer;

test.beforeAll(async () => {
  test.setTimeout(CLOUD_START_MS);
  const records = mkdtempSync(path.join(os.tmpdir(), 'e2e-s3-records-'));
  [cloud, pages] = await Promise.all([
    startCloud({
      template: EVENT_STACK_TEMPLATE,
      args: ['--no-watch', '--parameter', `RecordDir=${records}`],
    }),
    servePages(),
  ]);
});
test.afterAll(async () => {
  await Promise.all([cloud?.stop(), pages?.close()]);
});

interface PageApi {
  uploadWithSdk(endpoint: string, bucket: string, key: string): Promise<BrowserUploadResult>;
  uploadWithPresignedUrl(url: string): Promise<BrowserUploadResult>;
}

async function pickFile(page: Page, name: string, contents: Buffer, mimeType: string): Promise<void> {
  await page.goto(new URL('/s3-upload.html', pages.url).href);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.getByLabel('Photo').setInputFiles({ name, mimeType, buffer: contents });
}

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

test('a page on another origin uploads a picked file with the SDK, with progress, and reads it back', async ({
  page,
}) => {
  const contents = Buffer.from(`a picture from the browser ${'#'.repeat(200_000)}`);
  await pickFile(page, 'sunset.txt', contents, 'text/plain');

  const result = await page.evaluate(
    ([endpoint]) =>
      (window as unknown as { lambdagramS3: PageApi }).lambdagramS3.uploadWithSdk(
        endpoint,
        'uploads',
        'browser/sunset.txt',
      ),
    [cloud.url] as const,
  );

  expect(result.errorName).toBeUndefined();
  expect(result.etag).toBe(`"${md5(contents)}"`);
  expect(result.readBack).toBe(contents.toString());
  expect(result.progress?.at(-1)).toBe(contents.length);
  await expect(page.getByLabel('progress')).toHaveText(`${contents.length} / ${contents.length}`);
});

test('a page uploads a picked file through a presigned URL and the object holds its bytes', async ({
  page,
}) => {
  const contents = Buffer.from('bytes sent with a presigned PUT');
  await pickFile(page, 'presigned.bin', contents, 'application/octet-stream');
  const presigner = cloud.s3({ requestChecksumCalculation: 'WHEN_REQUIRED' });
  const url = await getSignedUrl(
    presigner,
    new PutObjectCommand({ Bucket: 'uploads', Key: 'browser/presigned.bin' }),
    {
      expiresIn: 300,
    },
  );

  const result = await page.evaluate(
    ([signed]) =>
      (window as unknown as { lambdagramS3: PageApi }).lambdagramS3.uploadWithPresignedUrl(signed),
    [url] as const,
  );
  const stored = await cloud
    .s3()
    .send(new GetObjectCommand({ Bucket: 'uploads', Key: 'browser/presigned.bin' }));

  expect(result.status).toBe(200);
  expect(result.etag).toBe(`"${md5(contents)}"`);
  expect(await stored.Body?.transformToString()).toBe(contents.toString());
});

test('a bucket without CORS rules for the page refuses its upload in the browser', async ({ page }) => {
  await pickFile(page, 'blocked.txt', Buffer.from('blocked'), 'text/plain');

  const result = await page.evaluate(
    ([endpoint]) =>
      (window as unknown as { lambdagramS3: PageApi }).lambdagramS3.uploadWithSdk(
        endpoint,
        'site',
        'blocked.txt',
      ),
    [cloud.url] as const,
  );

  expect(result.errorName).toBeDefined();
  expect(result.etag).toBeUndefined();
});
