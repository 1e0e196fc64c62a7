import {
  type Browser,
  type BrowserContextOptions,
  test as base,
  expect,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { type AppStack, startAppStack } from './app-stack.js';
import { type Person, verificationLink } from './backend.js';
import { CLOUD_START_MS } from './timeouts.js';

/**
 * Tests of the built app: one local cloud per worker (the suite runs one worker) with the app
 * published to its website bucket; `page` opens it (`baseURL` is the website). Every page of the
 * app a test uses is watched: an uncaught error or an error the app logs fails the test.
 */
export const test = base.extend<{ stack: AppStack; pageErrors: string[] }, { appStack: AppStack }>({
  appStack: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const stack = await startAppStack();
      await use(stack);
      await stack.stop();
    },
    { scope: 'worker', timeout: CLOUD_START_MS + 120_000 }, // start-up, plus building the app,
  ],
  stack: async ({ appStack }, use) => use(appStack),
  baseURL: async ({ appStack }, use) => use(appStack.websiteUrl),
  pageErrors: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture needs from this pattern
    async ({}, use) => {
      const errors: string[] = [];
      currentErrors = errors;
      await use(errors);
      currentErrors = undefined;
      expect(errors, 'errors in the pages of the app').toEqual([]);
    },
    { auto: true },
  ],
  page: async ({ page }, use) => {
    watchErrors(page);
    await use(page);
  },
});

export { expect };

/** Where the pages report errors: the running test's list. */
let currentErrors: string[] | undefined;

/**
 * Reports a page's uncaught exceptions and the errors it logs to the running test. Chromium's
 * "Failed to load resource" lines are not the app's: an AWS API answers some expected outcomes
 * with a 4xx (a log group that does not exist yet), and the website answers a deep link with its
 * error document, index.html, with the status 404, as S3 does.
 */
function watchErrors(page: Page): void {
  page.on('pageerror', (error) => currentErrors?.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' || message.text().startsWith('Failed to load resource:')) return;
    currentErrors?.push(`console: ${message.text()}`);
  });
}

/** Another person's browser: a context of its own (storage included) on the app. */
export async function openApp(
  browser: Browser,
  stack: AppStack,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: stack.websiteUrl });
  const page = await context.newPage();
  watchErrors(page);
  return page;
}

/** How many screenshots each test took so far. */
const shots = new Map<string, number>();

/**
 * A full-page screenshot of a screen, kept with the test's results (`test-results/<test>/NN-name.png`),
 * numbered in the order they were taken.
 */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const taken = (shots.get(testInfo.testId) ?? 0) + 1;
  shots.set(testInfo.testId, taken);
  const file = testInfo.outputPath(`${String(taken).padStart(2, '0')}-${name}.png`);
  // From the top: a full-page capture of a scrolled page draws the sticky header mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
}

/** The main navigation: its links are how people move around. */
export const nav = (page: Page): Locator => page.getByRole('navigation', { name: 'Main' });

/** Signs up through the sign-up form; the app then says to check the email. */
export async function signUp(page: Page, person: Person): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Username', { exact: true }).fill(person.username);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
}

/** Opens the link of the verification email (from the local cloud's outbox) in the page. */
export async function followVerificationLink(page: Page, stack: AppStack, person: Person): Promise<void> {
  const link = await verificationLink(stack, person.email);
  expect(new URL(link).origin).toBe(new URL(stack.websiteUrl).origin);
  await page.goto(link);
  await expect(page.getByText(`Thanks, ${person.username}: your email address is verified.`)).toBeVisible();
}

/** Signs in through the form and lands on the feed. */
export async function signIn(page: Page, person: Person): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username or email', { exact: true }).fill(person.username);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Checking a password is slow on purpose (scrypt).
  await expect(page.getByRole('heading', { name: 'Your feed', level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(nav(page).getByRole('link', { name: person.username })).toBeVisible();
}

/** What the app keeps of a signed-in session (`lambdagram.session` in localStorage). */
export async function storedSession(page: Page): Promise<{ identityId: string; token: string }> {
  const raw = await page.evaluate(() => window.localStorage.getItem('lambdagram.session'));
  if (!raw) throw new Error('the page has no signed-in session');
  return JSON.parse(raw) as { identityId: string; token: string };
}

/** The feed's list of photos (present once the feed has any). */
export const feedList = (page: Page): Locator => page.getByRole('list', { name: 'Photos, newest first' });

/** Reloads the page until `check` passes: what another person did shows on the next load. */
export async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 30_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [250, 500, 1000] });
}

/** An image that has arrived and decoded (not just its placeholder). */
export async function expectImageLoaded(image: Locator): Promise<void> {
  await expect(image).toBeVisible();
  await expect
    .poll(
      () => image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0)),
      {
        message: 'the image loaded',
      },
    )
    .toBeGreaterThan(0);
}

/**
 * Holds the page's uploads to the photos bucket until `release()`, so that a test sees them under
 * way whatever the machine's speed (the uploads then go on unchanged).
 */
export async function holdUploads(page: Page, stack: AppStack): Promise<{ release(): void }> {
  const prefix = `/${stack.config.photosBucket}/uploads/`;
  const matches = (url: URL) => url.pathname.startsWith(prefix);
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  await page.route(matches, async (route) => {
    await gate;
    await route.fallback();
  });
  return { release: () => open() };
}
