import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BatchWriteCommandInput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as dynamoDocuments from '@aws-sdk/lib-dynamodb';
import { type Browser, type BrowserContextOptions, chromium, expect, type Page } from '@playwright/test';
import lighthouse, { type Result as LighthouseResult } from 'lighthouse';
import sharp, { type Create } from 'sharp';
import playwrightConfig from '../playwright.config.js';
import { type AppStack, freePort, STACK_NAME, startAppStack } from '../support/app-stack.js';
import { signIn } from '../support/app-test.js';
import { Caller, type Person, registerPerson, type SignInResult, uploadPhoto } from '../support/backend.js';

/**
 * `pnpm bench:web`: the built app served from the local cloud's website bucket, in Debian's Chromium.
 *
 * 1. A reader whose friend has FEED_PHOTOS photos in the reader's feed: REAL_PHOTOS JPEGs uploaded
 *    through S3 (processUpload makes their sizes), the rest written to the photos table with the
 *    same shape and the real sizes' keys, so that fanOut fills the feed as it does for uploads.
 * 2. Time from opening the feed to its first photo visible (RUNS cold loads, each in a fresh browser
 *    context with the signed-in storage); baselines from the same run: the app shell on /sign-in
 *    (a guest) and config.json.
 * 3. Lighthouse (mobile profile, its defaults) on /explore as a guest and / signed in; reports in
 *    e2e/test-results/lighthouse/.
 *
 * Figures only, no thresholds: timings are noisy. Settings: RUNS (default 10), FEED_PHOTOS (200),
 * REAL_PHOTOS (3).
 */
const RUNS = Number(process.env.RUNS ?? 10);
const FEED_PHOTOS = Number(process.env.FEED_PHOTOS ?? 200);
const REAL_PHOTOS = Number(process.env.REAL_PHOTOS ?? 3);

const E2E = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS = path.join(E2E, 'test-results', 'lighthouse');
const SESSION_KEY = 'lambdagram.session';
/** The feed's list (feed-screen.tsx) and the first photo in it. */
const FEED_IMAGE = 'ol[aria-label="Photos, newest first"] img';
const LAUNCH = playwrightConfig.use?.launchOptions ?? {};
const CHROMIUM = LAUNCH.executablePath ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = LAUNCH.args ?? [];
/** Nothing but this machine resolves: the audited pages must not reach the internet (there is none). */
const LOCAL_ONLY =
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.0.0.1';

const table = (name: string) => `${STACK_NAME}-${name}`;

// --- What runs, and its clean-up --------------------------------------------------------------------

/** Undone in reverse order, on success, failure or Ctrl-C alike. */
const cleanups: Array<{ what: string; undo: () => Promise<unknown> }> = [];

async function cleanUp(): Promise<void> {
  for (let cleanup = cleanups.pop(); cleanup; cleanup = cleanups.pop()) {
    try {
      await cleanup.undo();
    } catch (error) {
      console.error(`could not stop ${cleanup.what}: ${String(error)}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping what was started…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `bench:web — first photo of a feed of ${FEED_PHOTOS} photos (${RUNS} runs), and Lighthouse (mobile)\n`,
  );
  try {
    const stack = await startAppStack();
    cleanups.push({ what: 'the local cloud', undo: () => stack.stop() });
    console.log(`app: ${stack.websiteUrl} (${stack.built ? 'built for this run' : 'web/dist was fresh'})`);

    const seeded = await seedFeed(stack);
    const browser = await chromium.launch(LAUNCH);
    cleanups.push({ what: 'Chromium (Playwright)', undo: () => browser.close() });
    await measureLoads(browser, stack, seeded.reader);
    await browser.close();
    cleanups.pop();

    await runLighthouse(stack, seeded.reader);
  } finally {
    await cleanUp();
  }
  console.log(`\nbench:web took ${seconds(performance.now() - started)}.`);
}

// --- 1. A feed of FEED_PHOTOS photos ------------------------------------------------------------------

type DocumentClient = DynamoDBDocumentClient;
type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];

/** A photo-like 2400×1800 JPEG: soft shapes and grain, so its sizes weigh what a real photo's do. */
async function photoJpeg(): Promise<Buffer> {
  const noise = (width: number, height: number, sigma: number) =>
    // sharp's types ask for a background even where noise fills the whole image.
    sharp({
      create: { width, height, channels: 3, noise: { type: 'gaussian', mean: 128, sigma } } as Create,
    });
  const shapes = await noise(48, 36, 60).png().toBuffer();
  const grain = await noise(2400, 1800, 12).png().toBuffer();
  return sharp(shapes)
    .resize(2400, 1800, { kernel: 'cubic' })
    .composite([{ input: grain, blend: 'overlay' }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

interface Reader {
  person: Person;
  session: SignInResult;
}

/**
 * A reader and their friend, whose FEED_PHOTOS photos (half public, half friends-only) are in the
 * reader's feed once fanOut has done its work.
 */
async function seedFeed(stack: AppStack): Promise<{ reader: Reader }> {
  const started = performance.now();
  const [readerPerson, friendPerson] = await Promise.all([
    registerPerson(stack, 'reader'),
    registerPerson(stack, 'friend'),
  ]);
  const [reader, friend] = await Promise.all([
    signInResult(stack, readerPerson),
    signInResult(stack, friendPerson),
  ]);
  const readerCaller = Caller.signedIn(stack, reader);
  const friendCaller = Caller.signedIn(stack, friend);
  const db = dynamoDocuments.DynamoDBDocumentClient.from(stack.cloud.dynamodb());
  try {
    await friendCaller.call('sendFriendRequest', { userId: reader.user.userId });
    await readerCaller.call('respondToFriendRequest', { userId: friend.user.userId, accept: true });

    const realIds: string[] = [];
    for (let index = 0; index < REAL_PHOTOS; index++) {
      realIds.push(
        await uploadPhoto(friendCaller, {
          body: await photoJpeg(),
          caption: `Uploaded photo ${index + 1}`,
          visibility: 'public',
        }),
      );
    }
    const real = await Promise.all(
      realIds.map(async (photoId) => {
        const { Item } = await db.send(
          new dynamoDocuments.GetCommand({
            TableName: table('photos'),
            Key: { photoId },
            ConsistentRead: true,
          }),
        );
        if (!Item) throw new Error(`photo ${photoId} is not in the photos table`);
        return Item as PhotoItem;
      }),
    );
    const uploaded = performance.now();

    // Older than the uploads, a minute apart: the feed opens on a real upload either way.
    const oldest = Math.min(...real.map((photo) => Date.parse(photo.createdAt)));
    const copies: PhotoItem[] = [];
    for (let index = 0; index < FEED_PHOTOS - real.length; index++) {
      const model = real[index % real.length] as PhotoItem;
      const visibility = index % 2 === 0 ? 'public' : 'friends';
      const {
        publicFeed: _public,
        publicOwnerId: _publicOwner,
        sharedOwnerId: _sharedOwner,
        ...rest
      } = model;
      copies.push({
        ...rest,
        photoId: randomUUID(),
        caption: `Photo ${FEED_PHOTOS - real.length - index} of the bench`,
        createdAt: new Date(oldest - (index + 1) * 60_000).toISOString(),
        visibility,
        // As putNewPhoto writes it (indexKeysOf): ready public photos are in the publicPhotos and
        // publicByOwner indexes, ready public and friends photos in sharedByOwner.
        sharedOwnerId: model.ownerId,
        ...(visibility === 'public' ? { publicFeed: 'public', publicOwnerId: model.ownerId } : {}),
      });
    }
    await batchWrite(db, table('photos'), copies);

    let entries = 0;
    await expect
      .poll(
        async () => {
          entries = await feedEntries(db, reader.user.userId);
          return entries;
        },
        {
          message: `${FEED_PHOTOS} entries in the reader's feed`,
          timeout: 180_000,
          intervals: [250, 500, 1000],
        },
      )
      .toBeGreaterThanOrEqual(FEED_PHOTOS);
    console.log(
      `feed: ${entries} photos (${REAL_PHOTOS} uploaded through S3 in ${seconds(uploaded - started)} with sign-ups, ` +
        `${copies.length} written to ${table('photos')} and fanned out in ${seconds(performance.now() - uploaded)})`,
    );
    return { reader: { person: readerPerson, session: reader } };
  } finally {
    db.destroy();
    readerCaller.destroy();
    friendCaller.destroy();
  }
}

/** A photo item as processUpload writes it (functions/src/photos/photos-table.ts). */
interface PhotoItem {
  photoId: string;
  ownerId: string;
  createdAt: string;
  caption: string;
  visibility: 'public' | 'friends' | 'private';
  publicFeed?: 'public';
  publicOwnerId?: string;
  sharedOwnerId?: string;
  [field: string]: unknown;
}

async function signInResult(stack: AppStack, person: Person): Promise<SignInResult> {
  const guest = await Caller.guest(stack);
  try {
    return await guest.call<SignInResult>('signIn', { username: person.username, password: person.password });
  } finally {
    guest.destroy();
  }
}

/** BatchWriteItem by 25, sending again what DynamoDB leaves unprocessed. */
async function batchWrite(db: DocumentClient, tableName: string, items: readonly object[]): Promise<void> {
  for (let index = 0; index < items.length; index += 25) {
    let requests: WriteRequests = items.slice(index, index + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      if (attempt > 8) throw new Error(`${requests.length} writes to ${tableName} stay unprocessed`);
      const { UnprocessedItems } = await db.send(
        new dynamoDocuments.BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = UnprocessedItems?.[tableName] ?? [];
    }
  }
}

async function feedEntries(db: DocumentClient, userId: string): Promise<number> {
  let count = 0;
  let start: unknown;
  do {
    const page = await db.send(
      new dynamoDocuments.QueryCommand({
        TableName: table('feeds'),
        KeyConditionExpression: 'userId = :reader',
        ExpressionAttributeValues: { ':reader': userId },
        Select: 'COUNT',
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += Number(page.Count ?? 0);
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

// --- 2. Opening the feed ---------------------------------------------------------------------------

/** Milliseconds since the navigation started (the page's `performance.now()`); undefined: not seen. */
interface LoadTimes {
  [measure: string]: number | undefined;
}

/**
 * RUNS cold loads of the feed (fresh context: empty cache, the signed-in storage) and of /sign-in as
 * a guest, alternately, after one of each that warms the functions up (not counted).
 */
async function measureLoads(browser: Browser, stack: AppStack, reader: Reader): Promise<void> {
  // Signed in once through the form; every feed load starts from that storage.
  const signInContext = await browser.newContext({ baseURL: stack.websiteUrl });
  const signInPage = await signInContext.newPage();
  await signIn(signInPage, reader.person);
  const storageState = await signInContext.storageState();
  await signInContext.close();
  const origin = new URL(stack.websiteUrl).origin;
  const stored = storageState.origins
    .find((entry) => entry.origin === origin)
    ?.localStorage.some((item) => item.name === SESSION_KEY);
  if (!stored) throw new Error(`signing in left no ${SESSION_KEY} in the storage of ${origin}`);

  const feed: LoadTimes[] = [];
  const shell: LoadTimes[] = [];
  const warmFeed = await loadFeed(browser, stack, { storageState });
  const warmShell = await loadSignIn(browser, stack);
  for (let run = 0; run < RUNS; run++) {
    feed.push(await loadFeed(browser, stack, { storageState }));
    shell.push(await loadSignIn(browser, stack));
  }

  console.log(
    `\nOpening the app: ${RUNS} cold loads each (fresh browser context, empty cache), Playwright's ` +
      'default 1280×720 viewport; ms since navigation start, in the page.',
  );
  console.log('\n| measure | median | p90 | min | max |');
  console.log('|---|---|---|---|---|');
  const row = (label: string, runs: LoadTimes[], measure: string) => {
    const values = runs
      .map((run) => run[measure])
      .filter((value): value is number => value !== undefined)
      .sort((a, b) => a - b);
    if (values.length === 0) return console.log(`| ${label} | – | – | – | – |`);
    const note = values.length < runs.length ? ` (${values.length} of ${runs.length} runs)` : '';
    console.log(
      `| ${label}${note} | ${ms(median(values))} | ${ms(percentile(values, 0.9))} | ${ms(values[0] as number)} | ${ms(values.at(-1) as number)} |`,
    );
  };
  row(`**feed (\`/\`, ${FEED_PHOTOS} photos): first photo visible**`, feed, 'visible');
  row('feed: index.html received', feed, 'document');
  row('feed: config.json received', feed, 'config');
  row('feed: JavaScript received (last script)', feed, 'scripts');
  row('feed: credentials received (Cognito)', feed, 'cognito');
  row('feed: getFeed answered (Invoke)', feed, 'getFeed');
  row('feed: first photo received (S3)', feed, 'imageReceived');
  row('feed: first contentful paint', feed, 'fcp');
  row('baseline: `/sign-in` (guest) app shell visible (nav + heading)', shell, 'visible');
  row('baseline: `/sign-in` config.json received', shell, 'config');
  row('baseline: `/sign-in` first contentful paint', shell, 'fcp');
  row('baseline: config.json fetch alone (its own duration)', [...feed, ...shell], 'configDuration');
  // Cross-origin without Timing-Allow-Origin, the page cannot see the bytes: fetch them again.
  const image = firstImageUrl ? await fetch(firstImageUrl) : undefined;
  const imageBytes = image?.ok ? (await image.arrayBuffer()).byteLength : Number.NaN;
  console.log(
    `\nfirst photo: ${firstImageUrl ? new URL(firstImageUrl).pathname.split('/').slice(-2).join('/') : '?'}, ` +
      `${kb(imageBytes)}; warm-up loads (not counted, functions cold): feed ${ms(warmFeed.visible ?? Number.NaN)}, ` +
      `sign-in shell ${ms(warmShell.visible ?? Number.NaN)}`,
  );
}

async function loadFeed(
  browser: Browser,
  stack: AppStack,
  options: Pick<BrowserContextOptions, 'storageState'>,
): Promise<LoadTimes> {
  return inFreshContext(browser, stack, options, async (page) => {
    await page.goto('/', { waitUntil: 'commit' });
    const visible = await page.waitForFunction(
      (selector) => {
        const image = document.querySelector<HTMLImageElement>(selector);
        return image?.complete && image.naturalWidth > 0 ? performance.now() : false;
      },
      FEED_IMAGE,
      { polling: 'raf', timeout: 60_000 },
    );
    const times = await pageTimings(page, stack);
    firstImageUrl ??= await page.$eval(FEED_IMAGE, (image: HTMLImageElement) => image.currentSrc);
    return { visible: (await visible.jsonValue()) as number, ...times };
  });
}
/** What the feed's first photo loaded (the size `srcset` picked). */
let firstImageUrl: string | undefined;

async function loadSignIn(browser: Browser, stack: AppStack): Promise<LoadTimes> {
  return inFreshContext(browser, stack, {}, async (page) => {
    await page.goto('/sign-in', { waitUntil: 'commit' });
    const visible = await page.waitForFunction(
      () => {
        const nav = document.querySelector('nav[aria-label="Main"]');
        const heading = document.querySelector('h1');
        return nav && heading && nav.getBoundingClientRect().height > 0 && heading.textContent === 'Sign in'
          ? performance.now()
          : false;
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    return { visible: (await visible.jsonValue()) as number, ...(await pageTimings(page, stack)) };
  });
}

async function inFreshContext<T>(
  browser: Browser,
  stack: AppStack,
  options: BrowserContextOptions,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ ...options, baseURL: stack.websiteUrl });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

/**
 * When each step of the load ended, from the page's resource timing. (No named functions inside:
 * tsx compiles them with a `__name` helper that does not exist in the page.)
 */
function pageTimings(page: Page, stack: AppStack): Promise<LoadTimes> {
  return page.evaluate(
    ({ selector, endpoint }) => {
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      let scripts: number | undefined;
      let cognito: number | undefined;
      let getFeed: number | undefined;
      for (const entry of resources) {
        if (entry.initiatorType === 'script') scripts = Math.max(scripts ?? 0, entry.responseEnd);
        // Cognito answers POSTs to the endpoint's root (X-Amz-Target says which call).
        if (entry.name === `${endpoint}/`) cognito = Math.max(cognito ?? 0, entry.responseEnd);
        if (/-getFeed\/invocations/.test(entry.name)) getFeed = Math.max(getFeed ?? 0, entry.responseEnd);
      }
      const config = resources.find((entry) => new URL(entry.name).pathname === '/config.json');
      const image = document.querySelector<HTMLImageElement>(selector);
      const imageEntry = image ? resources.find((entry) => entry.name === image.currentSrc) : undefined;
      const navigation = performance.getEntriesByType('navigation')[0] as
        | PerformanceNavigationTiming
        | undefined;
      return {
        document: navigation?.responseEnd,
        config: config?.responseEnd,
        configDuration: config ? config.responseEnd - config.startTime : undefined,
        scripts,
        cognito,
        getFeed,
        imageReceived: imageEntry?.responseEnd,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      };
    },
    { selector: FEED_IMAGE, endpoint: stack.endpoint.replace(/\/$/, '') },
  );
}

// --- 3. Lighthouse ---------------------------------------------------------------------------------

interface Audited {
  page: string;
  url: string;
  lhr: LighthouseResult;
}

/**
 * Debian's Chromium with a DevTools port and a profile of its own: Lighthouse audits /explore as a
 * guest, then the reader signs in in the same profile (localStorage is kept: Lighthouse clears
 * caches and service workers, not local storage) and Lighthouse audits the feed.
 */
async function runLighthouse(stack: AppStack, reader: Reader): Promise<void> {
  await mkdir(REPORTS, { recursive: true });
  const port = await freePort();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'bench-web-chromium-'));
  cleanups.push({
    what: `the Chromium profile ${profile}`,
    undo: () => rm(profile, { recursive: true, force: true }),
  });
  const chrome = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_ARGS,
      '--headless=new',
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profile}`,
      LOCAL_ONLY,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let chromeOutput = '';
  chrome.stderr?.on('data', (chunk: Buffer) => {
    chromeOutput = (chromeOutput + chunk.toString()).slice(-4000);
  });
  cleanups.push({ what: `Chromium (pid ${chrome.pid})`, undo: () => stopProcess(chrome) });
  await waitForDevTools(port, chrome, () => chromeOutput);

  const audited: Audited[] = [];
  audited.push(await audit(port, 'explore', new URL('/explore', stack.websiteUrl).href));

  const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const context = cdp.contexts()[0];
    if (!context) throw new Error('Chromium has no default context');
    const page = await context.newPage();
    await page.goto(new URL('/sign-in', stack.websiteUrl).href);
    await page.getByLabel('Username or email', { exact: true }).fill(reader.person.username);
    await page.getByLabel('Password', { exact: true }).fill(reader.person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Your feed', level: 1 })).toBeVisible();
    await page.close();
  } finally {
    await cdp.close(); // disconnects; Chromium and its profile stay
  }
  audited.push(await audit(port, 'feed', new URL('/', stack.websiteUrl).href));

  printLighthouse(audited);
}

async function audit(port: number, page: string, url: string): Promise<Audited> {
  const started = performance.now();
  const result = await lighthouse(url, {
    port,
    output: ['json', 'html'],
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    formFactor: 'mobile',
    // The website answers a deep link such as /explore as S3 does for a single-page app: its
    // ErrorDocument (index.html) with status 404. Lighthouse would stop there; the page is whole.
    ignoreStatusCode: true,
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const [json, html] = result.report as string[];
  await writeFile(path.join(REPORTS, `${page}.report.json`), json ?? '');
  await writeFile(path.join(REPORTS, `${page}.report.html`), html ?? '');
  const { lhr } = result;
  if (lhr.runtimeError)
    throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  console.log(`lighthouse: ${page} (${url}) audited in ${seconds(performance.now() - started)}`);
  return { page, url, lhr };
}

const METRICS = [
  ['FCP', 'first-contentful-paint'],
  ['LCP', 'largest-contentful-paint'],
  ['TBT', 'total-blocking-time'],
  ['CLS', 'cumulative-layout-shift'],
  ['Speed Index', 'speed-index'],
] as const;

function printLighthouse(audited: Audited[]): void {
  console.log(
    '\nLighthouse 13 (mobile profile: its defaults — Moto G Power screen, simulated slow 4G, 4× CPU slowdown):',
  );
  console.log(`\n| page | performance | accessibility | ${METRICS.map(([name]) => name).join(' | ')} |`);
  console.log(`|---|---|---|${METRICS.map(() => '---').join('|')}|`);
  console.log(`| goal | ≥ 90 | ≥ 95 |${METRICS.map(() => ' ').join('|')}|`);
  for (const { page, lhr } of audited) {
    const performanceScore = score(lhr, 'performance');
    const accessibilityScore = score(lhr, 'accessibility');
    const mark = (value: number | undefined, goal: number) =>
      value === undefined ? '–' : `${value}${value >= goal ? '' : ' ✗'}`;
    const metrics = METRICS.map(([, id]) => lhr.audits[id]?.displayValue ?? '–');
    console.log(
      `| ${page} | ${mark(performanceScore, 90)} | ${mark(accessibilityScore, 95)} | ${metrics.join(' | ')} |`,
    );
  }
  for (const { page, lhr } of audited) {
    const notes = [
      ...lhr.runWarnings.map((warning) => `warning: ${warning}`),
      lcpElement(lhr) && `LCP element: ${lcpElement(lhr)}`,
      `scripts: ${weight(lhr, 'Script')}; styles: ${weight(lhr, 'Stylesheet')}; images: ${weight(lhr, 'Image')}`,
      ...external(lhr).map((url) => `request off this machine: ${url}`),
    ].filter(Boolean);
    if (notes.length > 0) console.log(`\n${page}:\n${notes.map((note) => `  - ${note}`).join('\n')}`);
    const failing = failingAccessibilityAudits(lhr);
    if (failing.length > 0) console.log(`\n${page}: accessibility audits that fail:\n${failing.join('\n')}`);
  }
  console.log(
    `\nreports: ${path.relative(process.env.INIT_CWD ?? process.cwd(), REPORTS)}/{${audited.map((a) => a.page).join(',')}}.report.{json,html}`,
  );
}

function score(lhr: LighthouseResult, category: string): number | undefined {
  const value = lhr.categories[category]?.score;
  return typeof value === 'number' ? Math.round(value * 100) : undefined;
}

/** What the page's requests of one type weighed on the wire, and decoded. */
function weight(lhr: LighthouseResult, resourceType: string): string {
  const items =
    (
      lhr.audits['network-requests']?.details as
        | { items?: Array<{ resourceType?: string; transferSize?: number; resourceSize?: number }> }
        | undefined
    )?.items?.filter((item) => item.resourceType === resourceType) ?? [];
  const sum = (key: 'transferSize' | 'resourceSize') =>
    items.reduce((total, item) => total + (item[key] ?? 0), 0);
  return `${items.length} files, ${kb(sum('transferSize'))} transferred (${kb(sum('resourceSize'))} decoded)`;
}

/** Every URL the page asked for that is not on this machine (there must be none). */
function external(lhr: LighthouseResult): string[] {
  const items = (lhr.audits['network-requests']?.details as { items?: Array<{ url?: string }> } | undefined)
    ?.items;
  return (items ?? [])
    .map((item) => item.url ?? '')
    .filter((url) => {
      if (!/^https?:/.test(url)) return false;
      const host = new URL(url).hostname;
      return !(host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1');
    });
}

/** The LCP element and where its time went, from Lighthouse's LCP breakdown. */
function lcpElement(lhr: LighthouseResult): string | undefined {
  const details = lhr.audits['lcp-breakdown-insight']?.details as
    | { items?: Array<{ type?: string; selector?: string; nodeLabel?: string; items?: unknown }> }
    | undefined;
  const node = details?.items?.find((item) => item.type === 'node');
  const table = details?.items?.find((item) => item.type === 'table')?.items as
    | Array<{ label?: string; duration?: number }>
    | undefined;
  if (!node) return undefined;
  const parts = (table ?? []).map((part) => `${part.label} ${ms(part.duration ?? Number.NaN)}`);
  return `${node.selector} ("${node.nodeLabel}")${parts.length > 0 ? ` — observed: ${parts.join(', ')}` : ''}`;
}

/** Each failing accessibility audit with the elements it names. */
function failingAccessibilityAudits(lhr: LighthouseResult): string[] {
  const lines: string[] = [];
  for (const ref of lhr.categories.accessibility?.auditRefs ?? []) {
    const result = lhr.audits[ref.id];
    if (!result || result.score === null || result.score >= 1) continue;
    lines.push(`  - ${ref.id} (weight ${ref.weight}): ${result.title}`);
    const items = (result.details as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? [];
    for (const item of items) {
      const node = item.node as { snippet?: string; selector?: string; explanation?: string } | undefined;
      if (node) {
        lines.push(`      ${node.selector ?? ''} ${node.snippet ?? ''}`);
        if (node.explanation) lines.push(`        ${node.explanation.replaceAll('\n', '\n        ')}`);
      } else {
        lines.push(`      ${JSON.stringify(item)}`);
      }
    }
  }
  return lines;
}

// --- Processes and ports ---------------------------------------------------------------------------

async function waitForDevTools(port: number, chrome: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (chrome.exitCode !== null) throw new Error(`Chromium exited (${chrome.exitCode}):\n${output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Chromium's DevTools did not answer on port ${port}:\n${output()}`);
}

/** SIGTERM, then SIGKILL if it is still there after 5 s; resolves once it has exited. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// --- Figures ---------------------------------------------------------------------------------------

function median(sorted: number[]): number {
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1
    ? (sorted[Math.floor(middle)] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Nearest rank. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : '–';
}

function seconds(value: number): string {
  return `${(value / 1000).toFixed(1)} s`;
}

function kb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : '? KB';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
