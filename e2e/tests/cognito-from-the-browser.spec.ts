import { expect, type Page, test } from '@playwright/test';
import {
  IDENTITY_STACK_TEMPLATE,
  type StartedCloud,
  startCloud,
} from '../../infra/test/support/local-cloud.js';
import type { GuestInvokeResult } from '../pages/cognito-invoke.js';
import { type PageServer, servePages } from '../support/page-server.js';

let cloud: StartedCloud;
let pages: PageServer;
let identityPoolId: string;

test.beforeAll(async () => {
  [cloud, pages] = await Promise.all([
    startCloud({ template: IDENTITY_STACK_TEMPLATE, args: ['--no-watch'] }),
    servePages(),
  ]);
  identityPoolId = /identity pool identity_fixture (\S+)/.exec(cloud.output())?.[1] as string;
});
test.afterAll(async () => {
  await Promise.all([cloud?.stop(), pages?.close()]);
});

type InvokeAsGuest = (endpoint: string, pool: string, fn: string) => Promise<GuestInvokeResult>;

async function invokeAsGuest(page: Page, functionName: string): Promise<GuestInvokeResult> {
  await page.goto(new URL('/cognito.html', pages.url).href);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  return page.evaluate(
    ([endpoint, pool, name]) =>
      (
        window as unknown as { lambdagramCognito: { invokeAsGuest: InvokeAsGuest } }
      ).lambdagramCognito.invokeAsGuest(endpoint, pool, name),
    [cloud.url, identityPoolId, functionName] as const,
  );
}

test('a page gets guest credentials from the identity pool and invokes the public function as that identity', async ({
  page,
}) => {
  const result = await invokeAsGuest(page, 'public');

  expect(result.errorName).toBeUndefined();
  expect(result.payload).toMatchObject({
    function: 'public',
    identity: {
      cognitoIdentityPoolId: identityPoolId,
      cognitoIdentityId: expect.stringMatching(/^us-east-1:/),
    },
  });
});

test("a guest page is refused the private function with Lambda's AccessDeniedException", async ({ page }) => {
  const result = await invokeAsGuest(page, 'private');

  expect(result.errorName).toBe('AccessDeniedException');
  expect(result.errorMessage).toContain('is not authorized to perform: lambda:InvokeFunction');
});
