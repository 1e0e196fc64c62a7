import { expect, expectImageLoaded, nav, snap, test } from '../support/app-test.js';
import { type Person, registerPerson, signInPerson, uploadPhoto } from '../support/backend.js';
import { makeJpeg } from '../support/images.js';

// A guest (no account) browses the public photos of the built app, served from the website bucket.

let owner: Person;
const photoIds: Record<string, string> = {};
const PUBLIC = ['Harbour at dawn', 'Lighthouse in the fog'];
const FRIENDS_ONLY = 'Only my friends see this';

test.beforeAll(async ({ appStack }) => {
  owner = await registerPerson(appStack, 'paz');
  const caller = await signInPerson(appStack, owner);
  try {
    const colours = ['#e07a5f', '#3d405b', '#81b29a'];
    const captions = [...PUBLIC, FRIENDS_ONLY];
    for (const [index, caption] of captions.entries()) {
      const { buffer } = await makeJpeg(`${index}.jpg`, { color: colours[index] });
      photoIds[caption] = await uploadPhoto(caller, {
        body: buffer,
        caption,
        visibility: caption === FRIENDS_ONLY ? 'friends' : 'public',
      });
    }
  } finally {
    caller.destroy();
  }
});

test('a guest browses Explore: public photos only, newest first, each one opens', async ({
  page,
}, testInfo) => {
  await page.goto('/');

  await expect(page).toHaveTitle('Home · Lambdagram');
  await expect(page.getByRole('heading', { name: 'Explore', level: 1 })).toBeVisible();
  await expect(nav(page).getByRole('link')).toHaveText(['Explore', 'Sign in', 'Sign up']);
  const newest = page.getByRole('img', { name: PUBLIC[1] });
  const older = page.getByRole('img', { name: PUBLIC[0] });
  await expectImageLoaded(newest);
  await expectImageLoaded(older);
  await expect(page.getByRole('img', { name: FRIENDS_ONLY })).toHaveCount(0);
  const grid = page.getByRole('main').getByRole('listitem');
  const captions = await grid.allInnerTexts();
  const at = (caption: string) => captions.findIndex((text) => text.includes(caption));
  expect(at(PUBLIC[1] as string)).toBeLessThan(at(PUBLIC[0] as string));
  await expect(grid.filter({ hasText: PUBLIC[0] }).getByRole('link', { name: owner.username })).toBeVisible();
  await snap(page, testInfo, 'explore-guest');

  await newest.click();
  await expect(page).toHaveURL(`/photos/${photoIds[PUBLIC[1] as string]}`);
  await expect(page.getByRole('heading', { name: `Photo by ${owner.username}` })).toBeAttached();
  await expect(page.getByText(PUBLIC[1] as string)).toBeVisible();
  await expectImageLoaded(page.getByRole('img', { name: PUBLIC[1] }));
  await expect(page.getByRole('button', { name: 'Delete photo' })).toHaveCount(0);
  await snap(page, testInfo, 'photo-guest');

  await page.getByRole('link', { name: owner.username }).click();
  await expect(
    page.getByRole('heading', { name: `Sign in to see ${owner.username}'s photos` }),
  ).toBeVisible();
  await snap(page, testInfo, 'profile-guest');
});

test('a guest keeps their identity across visits and deep links, and is asked to sign in for the rest', async ({
  page,
}, testInfo) => {
  // A deep link is answered by the bucket's error document (index.html): the app routes it.
  await page.goto(`/photos/${photoIds[PUBLIC[0] as string]}`);
  await expectImageLoaded(page.getByRole('img', { name: PUBLIC[0] }));
  const guestId = () => page.evaluate(() => window.localStorage.getItem('lambdagram.guestIdentityId'));
  await expect.poll(guestId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
  const first = await guestId();

  // A friends-only photo is not shown to a guest, even by its address.
  await page.goto(`/photos/${photoIds[FRIENDS_ONLY]}`);
  await expect(page.getByRole('heading', { name: 'Photo not found' })).toBeVisible();
  await expect(page.getByRole('img', { name: FRIENDS_ONLY })).toHaveCount(0);
  await snap(page, testInfo, 'photo-not-shared');

  await page.goto('/upload');
  await expect(page.getByRole('heading', { name: 'Sign in to upload photos' })).toBeVisible();
  await page.goto('/friends');
  await expect(page.getByRole('heading', { name: 'Sign in to see your friends' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  await snap(page, testInfo, 'sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await snap(page, testInfo, 'forgot-password');
  await page.goto(`/reset-password?token=${'x'.repeat(32)}`);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await snap(page, testInfo, 'reset-password');
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await snap(page, testInfo, 'sign-up');

  expect(await guestId()).toBe(first);
});
