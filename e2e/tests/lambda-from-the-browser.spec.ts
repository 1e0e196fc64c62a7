import { PRODUCT_TEMPLATE, type StartedCloud, startCloud } from '@lambdagram/infra/testing';

import { expect, test } from '@playwright/test';
import type { BrowserInvokeResult } from '../pages/lambda-invoke.js';
import { type PageServer, servePages } from '../support/page-server.js';
import { CLOUD_START_MS } from '../support/timeouts.js';

let cloud: StartedCloud;
let pages: PageServer;

test.beforeAll(async () => {
  test.setTimeout(CLOUD_START_MS);
  [cloud, pages] = await Promise.all([
    startCloud({ template: PRODUCT_TEMPLATE, args: ['--no-watch'] }),
    servePages(),
  ]);
});
test.afterAll(async () => {
  await Promise.all([cloud?.stop(), pages?.close()]);
});

type Invoke = (endpoint: string, fn: string, event: unknown, tail?: boolean) => Promise<BrowserInvokeResult>;

async function invokeFromPage(
  page: import('@playwright/test').Page,
  fn: string,
  event: unknown,
  tail = false,
) {
  await page.goto(pages.url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  return page.evaluate(
    ([endpoint, name, payload, withTail]) =>
      (window as unknown as { lambdagramInvoke: Invoke }).lambdagramInvoke(endpoint, name, payload, withTail),
    [cloud.url, fn, event, tail] as const,
  );
}

test('a page on another origin invokes a function with the AWS SDK and reads the log tail', async ({
  page,
}) => {
  const result = await invokeFromPage(page, 'add', { value1: 2, value2: 3 }, true);

  expect(result.errorName).toBeUndefined();
  expect(result.statusCode).toBe(200);
  expect(result.payload).toBe(5);
  expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(result.logTail).toContain(`REPORT RequestId: ${result.requestId}`);
});

test('the page sees a function error through the exposed X-Amz-Function-Error header', async ({ page }) => {
  const result = await invokeFromPage(page, 'add-python', { value1: 2 });

  expect(result.functionError).toBe('Unhandled');
  expect(result.payload).toMatchObject({ errorType: 'KeyError' });
});

test('the page gets the service error the SDK names, not a CORS failure', async ({ page }) => {
  const result = await invokeFromPage(page, 'no-such-function', {});

  expect(result.errorName).toBe('ResourceNotFoundException');
  expect(result.errorMessage).toContain('Function not found');
});
