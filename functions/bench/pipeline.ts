import { performance } from 'node:perf_hooks';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { PRODUCT_TEMPLATE, startCloud } from '@lambdagram/infra/testing';
import sharp from 'sharp';
import { processImage } from '../src/photos/images/process-image.js';
import { BUCKET, REGION, ROOT, rootDocuments, rootLambda, STACK, useCloud } from '../test/support/app.js';
import { registerUser, type TestUser } from '../test/support/users.js';

/**
 * `pnpm bench:pipeline`: the product's backend on the local cloud, end to end. A user with 50
 * friends uploads a 12-megapixel JPEG, UPLOADS times; each time we wait for the photo to be in a
 * friend's feed. Baselines from the same run: the image work alone (processImage in this process)
 * and a plain Invoke of `add`. Figures only, no thresholds: timings are noisy.
 *
 * Settings: UPLOADS (default 100), FRIENDS (default 50), FAN_OUT_FRIENDS (default 1000).
 */
const UPLOADS = Number(process.env.UPLOADS ?? 100);
const FRIENDS = Number(process.env.FRIENDS ?? 50);
const FAN_OUT_FRIENDS = Number(process.env.FAN_OUT_FRIENDS ?? 1000);
/** us-east-1 x86_64, first tier (aws-contract.md). */
const PRICE_PER_GB_SECOND = 0.0000166667;
const PRICE_PER_REQUEST = 0.2 / 1_000_000;

const table = (name: string) => `${STACK}-${name}`;

async function main(): Promise<void> {
  console.log(`bench:pipeline — ${UPLOADS} uploads of a 12 MP JPEG by a user with ${FRIENDS} friends\n`);
  const cloud = await startCloud({
    template: PRODUCT_TEMPLATE,
    args: ['--no-watch'],
  });
  try {
    const identityPoolId = /identity pool \S+ (\S+)/.exec(cloud.output())?.[1] ?? '';
    useCloud({ url: cloud.url, identityPoolId });
    const photo = await twelveMegapixelJpeg();
    console.log(`image: 4000×3000 JPEG, ${(photo.length / 1e6).toFixed(1)} MB`);

    const baseline = await imageBaseline(photo);
    const invokeBaseline = await addBaseline();

    const uploader = await registerUser('bench');
    const friends = await befriend(uploader, FRIENDS);
    const watcher = friends[0] as TestUser;
    const fanOutBefore = (await reportsOf(cloud.url, `${STACK}-fanOut`)).length;
    const uploadToFeed = await uploadAll(uploader, watcher, photo);
    const reports = await reportsOf(cloud.url, `${STACK}-processUpload`);
    // The fanOut invocations the uploads caused (befriending came before).
    const fanOutReports = (await reportsOf(cloud.url, `${STACK}-fanOut`)).slice(fanOutBefore);
    const getFeed = await feedLatency(watcher);
    const fanOut = await fanOutToMany(FAN_OUT_FRIENDS);
    const fanOutRun = (await reportsOf(cloud.url, `${STACK}-fanOut`)).at(-1);

    const sorted = [...uploadToFeed].sort((a, b) => a - b);
    console.log('\n| measure | p50 | p99 | baseline (same run) |');
    console.log('|---|---|---|---|');
    console.log(
      `| upload's last byte → in a friend's feed | ${ms(percentile(sorted, 0.5))} | ${ms(percentile(sorted, 0.99))} | processImage alone: ${ms(baseline)} |`,
    );
    const durations = reports.map((r) => r.durationMs).sort((a, b) => a - b);
    console.log(
      `| processUpload duration (REPORT, ${reports.length}) | ${ms(percentile(durations, 0.5))} | ${ms(percentile(durations, 0.99))} | processImage alone: ${ms(baseline)} |`,
    );
    console.log(
      `| getFeed, page of 20, 50 calls (Invoke round trip) | ${ms(getFeed.p50)} | ${ms(getFeed.p99)} | Invoke of add: ${ms(invokeBaseline.p50)} / ${ms(invokeBaseline.p99)} |`,
    );
    console.log(
      `| fan-out of one photo to ${FAN_OUT_FRIENDS} friends: PutItem → in every feed | ${ms(fanOut)} | | fanOut's REPORT for it: ${ms(fanOutRun?.durationMs ?? Number.NaN)} |`,
    );
    const maxMemory = Math.max(...reports.map((r) => r.maxMemoryMb));
    console.log(`\nprocessUpload max memory used: ${maxMemory} MB of ${reports[0]?.memorySizeMb ?? '?'} MB`);
    console.log(
      `cold starts among processUpload calls: ${reports.filter((r) => r.initMs !== undefined).length}`,
    );

    const cost = (list: Report[]) =>
      list.reduce((sum, r) => sum + (r.billedMs / 1000) * (r.memorySizeMb / 1024) * PRICE_PER_GB_SECOND, 0) +
      list.length * PRICE_PER_REQUEST;
    const perThousand = (value: number) => (value / UPLOADS) * 1000;
    console.log('\nestimated AWS Lambda cost per 1,000 uploads (billed durations × memory, + requests):');
    console.log(`  processUpload: $${perThousand(cost(reports)).toFixed(4)}`);
    console.log(
      `  fanOut (the ${fanOutReports.length} invocations the uploads caused): $${perThousand(cost(fanOutReports)).toFixed(4)}`,
    );
    console.log('  (S3 requests and storage, DynamoDB writes and data transfer are not included.)');
  } finally {
    await cloud.stop();
  }
}

/** A 12-megapixel JPEG that compresses like a photo: smooth gradients with some grain. */
async function twelveMegapixelJpeg(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const raw = Buffer.alloc(width * height * 3);
  let seed = 42;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed >> 16) % 24;
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width + grain;
      raw[i + 1] = (y * 255) / height + grain;
      raw[i + 2] = 128 + grain;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 88 })
    .toBuffer();
}

async function imageBaseline(photo: Buffer): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await processImage(photo);
    times.push(performance.now() - start);
  }
  return median(times);
}

async function addBaseline(): Promise<{ p50: number; p99: number }> {
  const lambda = rootLambda();
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const start = performance.now();
    await lambda.send(
      new InvokeCommand({ FunctionName: 'add', Payload: JSON.stringify({ value1: 1, value2: 2 }) }),
    );
    if (i >= 10) times.push(performance.now() - start);
  }
  lambda.destroy();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function befriend(user: TestUser, count: number): Promise<TestUser[]> {
  const friends: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    const friend = await registerUser('friend');
    await user.session.invoke('sendFriendRequest', { userId: friend.userId });
    await friend.session.invoke('respondToFriendRequest', { userId: user.userId, accept: true });
    friends.push(friend);
  }
  console.log(`${count} friends signed up and befriended`);
  return friends;
}

async function uploadAll(uploader: TestUser, watcher: TestUser, photo: Buffer): Promise<number[]> {
  const documents = rootDocuments();
  const times: number[] = [];
  for (let i = 0; i < UPLOADS; i++) {
    const photoId = crypto.randomUUID();
    await uploader.session.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `uploads/${uploader.session.identityId}/${photoId}`,
        Body: photo,
        ContentType: 'image/jpeg',
        Metadata: { caption: encodeURIComponent(`bench ${i}`), visibility: 'friends' },
      }),
    );
    const lastByte = performance.now();
    await until(async () => {
      const { Items } = await documents.send(
        new QueryCommand({
          TableName: table('feeds'),
          KeyConditionExpression: 'userId = :u',
          ExpressionAttributeValues: { ':u': watcher.userId },
          ScanIndexForward: false,
          Limit: 1,
        }),
      );
      return Items?.[0]?.photoId === photoId;
    });
    times.push(performance.now() - lastByte);
    if ((i + 1) % 20 === 0) console.log(`  ${i + 1}/${UPLOADS} uploads in the feed`);
  }
  return times;
}

async function feedLatency(watcher: TestUser): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < 60; i++) {
    const start = performance.now();
    const page = await watcher.session.invoke('getFeed', { limit: 20 });
    if (i >= 10) times.push(performance.now() - start);
    if (page.photos.length !== Math.min(20, UPLOADS))
      throw new Error(`feed page has ${page.photos.length} photos`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/**
 * One photo fanned out to many friends. The friendships are written directly (signing up a
 * thousand people would time the password hashing, not the fan-out); then the photo item is put,
 * and the clock stops when the last friend's feed has it.
 */
async function fanOutToMany(count: number): Promise<number> {
  const documents = rootDocuments();
  const ownerId = crypto.randomUUID();
  const since = new Date().toISOString();
  const friendIds = Array.from({ length: count }, () => crypto.randomUUID());
  for (let i = 0; i < friendIds.length; i += 12) {
    const items = friendIds.slice(i, i + 12).flatMap((friendId) => [
      {
        userId: ownerId,
        otherId: friendId,
        status: 'friends',
        otherUsername: `f${friendId.slice(0, 8)}`,
        since,
      },
      { userId: friendId, otherId: ownerId, status: 'friends', otherUsername: 'owner', since },
    ]);
    await documents.send(
      new BatchWriteCommand({
        RequestItems: { [table('friendships')]: items.map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 3000)); // let the friendship records drain
  const photoId = crypto.randomUUID();
  const createdAt = new Date().toISOString();
  const start = performance.now();
  await documents.send(
    new PutCommand({
      TableName: table('photos'),
      Item: {
        photoId,
        ownerId,
        ownerUsername: 'owner',
        ownerIdentityId: 'none',
        caption: 'fan-out',
        visibility: 'friends',
        status: 'ready',
        createdAt,
        sizes: [],
        originalKey: 'none',
        uploadETag: 'none',
      },
    }),
  );
  const entry = `${createdAt}#${photoId}`;
  // Done when every friend's feed has it: the batches are written in parallel, in no set order.
  await until(async () => (await feedsHaving(friendIds, entry)) === friendIds.length, 60_000);
  const elapsed = performance.now() - start;
  return elapsed;
}

/** How many of `userIds` have `entry` in their feed (BatchGet, 100 keys a request). */
async function feedsHaving(userIds: string[], entry: string): Promise<number> {
  const documents = rootDocuments();
  let found = 0;
  for (let i = 0; i < userIds.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = userIds
      .slice(i, i + 100)
      .map((userId) => ({ userId, entry }));
    while (keys && keys.length > 0) {
      const page: BatchGetCommandOutput = await documents.send(
        new BatchGetCommand({
          RequestItems: { [table('feeds')]: { Keys: keys, ProjectionExpression: 'userId' } },
        }),
      );
      found += page.Responses?.[table('feeds')]?.length ?? 0;
      keys = page.UnprocessedKeys?.[table('feeds')]?.Keys;
    }
  }
  documents.destroy();
  return found;
}

interface Report {
  durationMs: number;
  billedMs: number;
  memorySizeMb: number;
  maxMemoryMb: number;
  initMs?: number;
}

async function reportsOf(url: string, functionName: string): Promise<Report[]> {
  const logs = new CloudWatchLogsClient({ endpoint: url, region: REGION, credentials: ROOT });
  const reports: Report[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: `/aws/lambda/${functionName}`,
        filterPattern: '"REPORT RequestId"',
        nextToken,
      }),
    );
    for (const event of page.events ?? []) {
      const text = event.message ?? '';
      const number = (label: string) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(text)?.[1]);
      const init = number('Init Duration');
      reports.push({
        durationMs: number('Duration'),
        billedMs: number('Billed Duration'),
        memorySizeMb: number('Memory Size'),
        maxMemoryMb: number('Max Memory Used'),
        initMs: Number.isNaN(init) ? undefined : init,
      });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  logs.destroy();
  return reports;
}

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error('timed out waiting for the pipeline');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

await main();
