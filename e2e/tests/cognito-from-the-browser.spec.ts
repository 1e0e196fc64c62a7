import {
  CognitoIdentityClient,
  GetOpenIdTokenForDeveloperIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  IDENTITY_STACK_TEMPLATE,
  ROOT_CREDENTIALS,
  type StartedCloud,
  startCloud,
} from '@lambdagram/infra/testing';
import { expect, type Page, test } from '@playwright/test';
import type { PoolInvokeResult } from '../pages/cognito-invoke.js';
import { type PageServer, servePages } from '../support/page-server.js';
import { CLOUD_START_MS } from '../support/timeouts.js';

let cloud: StartedCloud;
let pages: PageServer;
let identityPoolId: string;

test.beforeAll(async () => {
  test.setTimeout(CLOUD_START_MS);
  [cloud, pages] = await Promise.all([
    startCloud({ template: IDENTITY_STACK_TEMPLATE, args: ['--no-watch'] }),
    servePages(),
  ]);
  identityPoolId = /identity pool identity_fixture (\S+)/.exec(cloud.output())?.[1] as string;
});
test.afterAll(async () => {
  await Promise.all([cloud?.stop(), pages?.close()]);
});

type InvokeWithPool = (
  endpoint: string,
  pool: string,
  fn: string,
  token?: string,
) => Promise<PoolInvokeResult>;

/** Invokes from the page as a guest, or as a signed-in user when a login token is given. */
async function invokeWithPool(page: Page, functionName: string, token?: string): Promise<PoolInvokeResult> {
  await page.goto(new URL('/cognito.html', pages.url).href);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  return page.evaluate(
    ([endpoint, pool, name, login]) =>
      (
        window as unknown as { lambdagramCognito: { invokeWithPool: InvokeWithPool } }
      ).lambdagramCognito.invokeWithPool(endpoint, pool, name, login),
    [cloud.url, identityPoolId, functionName, token] as const,
  );
}

test('a page gets guest credentials from the identity pool and invokes the public function as that identity', async ({
  page,
}) => {
  const result = await invokeWithPool(page, 'public');

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
  const result = await invokeWithPool(page, 'private');

  expect(result.errorName).toBe('AccessDeniedException');
  expect(result.errorMessage).toContain('is not authorized to perform: lambda:InvokeFunction');
});

test('a page signed in with a developer-authenticated token invokes the private function as that user', async ({
  page,
}) => {
  const cognito = new CognitoIdentityClient({
    endpoint: cloud.url,
    region: 'us-east-1',
    credentials: ROOT_CREDENTIALS,
  });
  const { IdentityId, Token } = await cognito.send(
    new GetOpenIdTokenForDeveloperIdentityCommand({
      IdentityPoolId: identityPoolId,
      Logins: { 'login.fixture.test': 'page-user' },
    }),
  );

  const result = await invokeWithPool(page, 'private', Token);

  expect(result.errorMessage).toBeUndefined();
  expect(result.payload).toMatchObject({ function: 'private', identity: { cognitoIdentityId: IdentityId } });
});
