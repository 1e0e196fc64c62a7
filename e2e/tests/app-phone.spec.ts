import type { Page } from '@playwright/test';
import { expect, expectImageLoaded, feedList, nav, snap, test } from '../support/app-test.js';
import { registerPerson } from '../support/backend.js';
import { makeJpeg } from '../support/images.js';

// The main journey on a phone: sign in, upload a photo, see it in the feed, at 390×844 with touch.

test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });

/** Nothing wider than the screen: no sideways scrolling on a phone. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'how far the page is wider than the screen (px)').toBeLessThanOrEqual(0);
}

test('on a phone: sign in, upload one photo, see it in the feed', async ({ stack, page }, testInfo) => {
  const person = await registerPerson(stack, 'fay');
  const caption = 'Sunset from my phone';

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Explore', level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, 'phone-explore');

  await nav(page).getByRole('link', { name: 'Sign in' }).tap();
  await page.getByLabel('Username or email', { exact: true }).fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, 'phone-sign-in');
  await page.getByRole('button', { name: 'Sign in' }).tap();
  await expect(page.getByRole('heading', { name: 'Your feed', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Your feed is empty/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, 'phone-feed-empty');

  const upload = nav(page).getByRole('link', { name: 'Upload' });
  await expect(upload).toBeInViewport();
  await upload.tap();
  await expect(page.getByRole('heading', { name: 'Upload photos' })).toBeVisible();
  await page.getByLabel('Choose photos').setInputFiles(await makeJpeg('IMG_0001.jpg', { color: '#ee6c4d' }));
  await page.getByLabel('Caption for IMG_0001.jpg').fill(caption);
  await page.getByLabel('Who can see it (IMG_0001.jpg)').selectOption({ label: 'Public' });
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, 'phone-upload-draft');
  await page.getByRole('button', { name: 'Upload 1 photo' }).tap();
  await expect(page.getByText('Uploaded. It is in your feed and on your profile.')).toBeVisible({
    timeout: 30_000,
  });
  await snap(page, testInfo, 'phone-upload-done');

  await nav(page).getByRole('link', { name: 'Feed' }).tap();
  const photo = feedList(page).getByRole('img', { name: caption });
  await expectImageLoaded(photo);
  const box = await photo.boundingBox();
  expect(box?.width).toBeLessThanOrEqual(390);
  expect(box?.width).toBeGreaterThan(300);
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, 'phone-feed');

  await photo.tap();
  await expect(page.getByRole('main').getByText('Public', { exact: true })).toBeVisible();
  await expectImageLoaded(page.getByRole('img', { name: caption }));
  await expectNoSidewaysScroll(page);
  await snap(page, testInfo, 'phone-photo');
});
