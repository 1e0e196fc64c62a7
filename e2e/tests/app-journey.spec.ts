import type { Page } from '@playwright/test';
import {
  expect,
  expectImageLoaded,
  feedList,
  followVerificationLink,
  holdUploads,
  nav,
  openApp,
  reloadUntil,
  signIn,
  signUp,
  snap,
  test,
} from '../support/app-test.js';
import { newPerson, type Person, registerPerson } from '../support/backend.js';
import { makeJpeg } from '../support/images.js';

// The main journey, one step a test, each building on the last: two people sign up and become
// friends; one uploads three photos, the other sees them in the feed, a stranger does not; a
// visibility change and a delete reach the others.

test.describe.configure({ mode: 'serial' });

const ana = newPerson('ana');
const ben = newPerson('ben');
let cy: Person;
let anaPage: Page;
let benPage: Page;
let cyPage: Page;

/** The three photos: file name, caption, colour. */
const PHOTOS = [
  { file: 'beach.jpg', caption: 'Beach at noon', color: '#f2cc8f' },
  { file: 'forest.jpg', caption: 'Forest path', color: '#2a9d8f' },
  { file: 'city.jpg', caption: 'City lights', color: '#264653' },
] as const;
type Caption = (typeof PHOTOS)[number]['caption'];
const photoIds = new Map<Caption, string>();
const photoId = (caption: Caption) => photoIds.get(caption) as string;

test.beforeAll(async ({ browser, appStack }) => {
  [anaPage, benPage, cyPage] = await Promise.all([
    openApp(browser, appStack),
    openApp(browser, appStack),
    openApp(browser, appStack),
  ]);
});

test.afterAll(async () => {
  await Promise.all([anaPage, benPage, cyPage].map((page) => page?.context().close()));
});

test('two people sign up, verify their email with the emailed link, and sign in', async ({
  stack,
}, testInfo) => {
  await signUp(anaPage, ana);
  await snap(anaPage, testInfo, 'sign-up-done');

  // Not verified yet: signing in says so, and offers a new link.
  await anaPage.goto('/sign-in');
  await anaPage.getByLabel('Username or email', { exact: true }).fill(ana.email);
  await anaPage.getByLabel('Password', { exact: true }).fill(ana.password);
  await anaPage.getByRole('button', { name: 'Sign in' }).click();
  const refusal = anaPage.getByRole('alert');
  await expect(refusal).toContainText(/verify/i);
  await expect(refusal.getByRole('link', { name: 'Send a new verification link' })).toBeVisible();
  await snap(anaPage, testInfo, 'sign-in-unverified');

  await followVerificationLink(anaPage, stack, ana);
  await snap(anaPage, testInfo, 'email-verified');
  await signIn(anaPage, ana);
  await expect(anaPage.getByRole('heading', { name: /Your feed is empty/ })).toBeVisible();
  await snap(anaPage, testInfo, 'feed-empty');

  await signUp(benPage, ben);
  await followVerificationLink(benPage, stack, ben);
  await signIn(benPage, ben);

  // A reload keeps the session.
  await benPage.reload();
  await expect(nav(benPage).getByRole('link', { name: ben.username })).toBeVisible();
  await expect(benPage.getByRole('heading', { name: 'Your feed', level: 1 })).toBeVisible();
  await nav(benPage).getByRole('link', { name: 'Password' }).click();
  await expect(benPage.getByRole('heading', { name: 'Change your password' })).toBeVisible();
  await snap(benPage, testInfo, 'change-password');
});

test('they become friends: one finds the other and sends a request, the other accepts', async () => {
  const testInfo = test.info();
  await nav(anaPage).getByRole('link', { name: 'Friends' }).click();
  await expect(anaPage.getByRole('heading', { name: 'Friends', level: 1 })).toBeVisible();
  await anaPage.getByRole('searchbox', { name: 'Username starts with' }).fill(ben.username.slice(0, 8));
  const results = anaPage.getByRole('list', { name: 'Search results' });
  await results.getByRole('button', { name: `Add friend ${ben.username}` }).click();
  await expect(results.getByRole('button', { name: `Cancel request ${ben.username}` })).toBeVisible();
  await expect(anaPage.getByRole('heading', { name: 'Sent (1)' })).toBeVisible();
  await snap(anaPage, testInfo, 'friends-request-sent');

  await nav(benPage).getByRole('link', { name: 'Friends' }).click();
  await expect(benPage.getByRole('heading', { name: 'Received (1)' })).toBeVisible();
  await snap(benPage, testInfo, 'friends-request-received');
  await benPage.getByRole('button', { name: `Accept ${ana.username}` }).click();
  const benFriends = benPage.getByRole('list', { name: /Your friends/ });
  await expect(benFriends.getByRole('link', { name: ana.username })).toBeVisible();
  await expect(benPage.getByRole('heading', { name: 'Received (0)' })).toBeVisible();
  await snap(benPage, testInfo, 'friends-accepted');

  await reloadUntil(anaPage, async () => {
    const anaFriends = anaPage.getByRole('list', { name: /Your friends/ });
    await expect(anaFriends.getByRole('link', { name: ben.username })).toBeVisible({ timeout: 2000 });
  });
  await expect(anaPage.getByRole('heading', { name: 'Sent (0)' })).toBeVisible();
});

test('one uploads three photos, each with its progress, then processing, then done', async ({
  stack,
}, testInfo) => {
  const files = await Promise.all(PHOTOS.map(({ file, color }) => makeJpeg(file, { color })));
  await nav(anaPage).getByRole('link', { name: 'Upload' }).click();
  await expect(anaPage.getByRole('heading', { name: 'Upload photos' })).toBeVisible();
  await anaPage.getByLabel('Choose photos').setInputFiles(files);
  for (const { file, caption } of PHOTOS) {
    await expect(anaPage.getByRole('img', { name: `Preview of ${file}` })).toBeVisible();
    await anaPage.getByLabel(`Caption for ${file}`).fill(caption);
  }
  await snap(anaPage, testInfo, 'upload-drafts');

  const uploads = await holdUploads(anaPage, stack);
  await anaPage.getByRole('button', { name: 'Upload 3 photos' }).click();
  // Two at a time: the third waits its turn.
  const [first, second, third] = PHOTOS;
  await expect(anaPage.getByRole('progressbar', { name: `Uploading ${first.file}` })).toBeVisible();
  await expect(anaPage.getByRole('progressbar', { name: `Uploading ${second.file}` })).toBeVisible();
  const thirdRow = anaPage.getByRole('listitem').filter({ hasText: third.file });
  await expect(thirdRow.getByText('Waiting to upload…')).toBeVisible();
  await expect(anaPage.getByRole('button', { name: `Cancel upload of ${first.file}` })).toBeVisible();
  await snap(anaPage, testInfo, 'upload-progress');
  uploads.release();

  const done = anaPage.getByText('Uploaded. It is in your feed and on your profile.');
  await expect(done).toHaveCount(3, { timeout: 30_000 });
  await snap(anaPage, testInfo, 'upload-done');
  for (const { file, caption } of PHOTOS) {
    const href = await anaPage.getByRole('link', { name: `View photo ${file}` }).getAttribute('href');
    const id = /^\/photos\/([0-9a-f-]{36})$/.exec(href ?? '')?.[1];
    expect(id, `the link to ${file}`).toBeDefined();
    photoIds.set(caption, id as string);
  }

  await nav(anaPage).getByRole('link', { name: 'Feed' }).click();
  for (const { caption } of PHOTOS) {
    await expectImageLoaded(feedList(anaPage).getByRole('img', { name: caption }));
  }
  await snap(anaPage, testInfo, 'feed-own');
  await nav(anaPage).getByRole('link', { name: ana.username }).click();
  await expect(anaPage.getByRole('heading', { name: ana.username, level: 1 })).toBeVisible();
  for (const { caption } of PHOTOS) {
    await expectImageLoaded(anaPage.getByRole('main').getByRole('img', { name: caption }));
  }
  await snap(anaPage, testInfo, 'profile-own');
});

test('the friend sees the three photos in the feed; a stranger does not', async ({ stack }, testInfo) => {
  await nav(benPage).getByRole('link', { name: 'Feed' }).click();
  await reloadUntil(benPage, async () => {
    await expect(feedList(benPage).getByRole('article', { name: ana.username })).toHaveCount(3, {
      timeout: 2000,
    });
  });
  for (const { caption } of PHOTOS) {
    const item = feedList(benPage).getByRole('article').filter({ hasText: caption });
    await expectImageLoaded(item.getByRole('img', { name: caption }));
    await expect(item.getByRole('link', { name: ana.username })).toBeVisible();
  }
  await snap(benPage, testInfo, 'feed-friend');

  cy = await registerPerson(stack, 'cy');
  await signIn(cyPage, cy);
  await expect(cyPage.getByRole('heading', { name: /Your feed is empty/ })).toBeVisible();
  await cyPage.goto(`/u/${ana.username}`);
  await expect(cyPage.getByRole('heading', { name: ana.username, level: 1 })).toBeVisible();
  await expect(cyPage.getByText(`${ana.username} has no public photos.`)).toBeVisible();
  await expect(cyPage.getByRole('button', { name: `Add friend ${ana.username}` })).toBeVisible();
  await snap(cyPage, testInfo, 'profile-stranger');
  await cyPage.goto(`/photos/${photoId('Beach at noon')}`);
  await expect(cyPage.getByRole('heading', { name: 'Photo not found' })).toBeVisible();
});

test('a visibility change and a delete reach the friend and the stranger', async () => {
  const testInfo = test.info();
  // Beach: friends → public. The stranger now sees it in Explore and on the profile.
  await anaPage.goto(`/photos/${photoId('Beach at noon')}`);
  await expect(anaPage.getByRole('main').getByText('Friends', { exact: true })).toBeVisible();
  await anaPage.getByRole('button', { name: 'Edit caption and visibility' }).click();
  const editor = anaPage.getByRole('form', { name: 'Edit photo' });
  await editor.getByRole('radio', { name: /^Public/ }).check();
  await snap(anaPage, testInfo, 'photo-edit');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toHaveCount(0);
  await expect(anaPage.getByRole('main').getByText('Public', { exact: true })).toBeVisible();

  // Forest: friends → only me. It leaves the friend's feed.
  await anaPage.goto(`/photos/${photoId('Forest path')}`);
  await anaPage.getByRole('button', { name: 'Edit caption and visibility' }).click();
  await editor.getByRole('radio', { name: /^Only me/ }).check();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(anaPage.getByRole('main').getByText('Only me', { exact: true })).toBeVisible();

  // City: deleted, after a confirmation.
  await anaPage.goto(`/photos/${photoId('City lights')}`);
  await expectImageLoaded(anaPage.getByRole('img', { name: 'City lights' }));
  await anaPage.getByRole('button', { name: 'Delete photo' }).click();
  const dialog = anaPage.getByRole('dialog', { name: 'Delete this photo?' });
  await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
  await snap(anaPage, testInfo, 'photo-delete-confirm');
  await dialog.getByRole('button', { name: 'Delete photo' }).click();
  await expect(anaPage.getByRole('heading', { name: 'Your feed', level: 1 })).toBeVisible();
  await expect(feedList(anaPage).getByRole('img', { name: 'City lights' })).toHaveCount(0);
  await expect(feedList(anaPage).getByRole('img', { name: 'Forest path' })).toBeVisible();

  await reloadUntil(benPage, async () => {
    await expect(feedList(benPage).getByRole('article')).toHaveCount(1, { timeout: 2000 });
  });
  await expectImageLoaded(feedList(benPage).getByRole('img', { name: 'Beach at noon' }));
  await snap(benPage, testInfo, 'feed-friend-after-changes');

  await cyPage.goto('/explore');
  await expectImageLoaded(cyPage.getByRole('img', { name: 'Beach at noon' }));
  await expect(cyPage.getByRole('img', { name: 'Forest path' })).toHaveCount(0);
  await cyPage.goto(`/u/${ana.username}`);
  await expectImageLoaded(cyPage.getByRole('img', { name: 'Beach at noon' }));
  await expect(cyPage.getByRole('main').getByRole('img')).toHaveCount(1);
  await snap(cyPage, testInfo, 'profile-stranger-after-changes');
  await cyPage.goto(`/photos/${photoId('City lights')}`);
  await expect(cyPage.getByRole('heading', { name: 'Photo not found' })).toBeVisible();
});
