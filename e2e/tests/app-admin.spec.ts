import { randomUUID } from 'node:crypto';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { expect, nav, openApp, signIn, snap, storedSession, test } from '../support/app-test.js';
import { Caller, makeAdmin, registerPerson } from '../support/backend.js';

// The admin debug panel: an admin invokes functions and reads their logs; anyone else is kept out,
// by the app and, more to the point, by IAM.

test('an admin invokes add from the debug panel and sees 3, then an async log call and its line in the log', async ({
  stack,
  page,
}, testInfo) => {
  const admin = await registerPerson(stack, 'root');
  expect(await makeAdmin(stack, admin.username)).toContain(admin.username);
  await signIn(page, admin);

  await nav(page).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Admin debug panel' })).toBeVisible();
  const functions = page.getByRole('table', { name: 'Functions of the stack' });
  await expect(
    functions.getByRole('button', { name: `${stack.config.functionPrefix}-getFeed` }),
  ).toBeVisible();
  await expect(functions.getByRole('row', { name: /^add nodejs20\.x/ })).toBeVisible();
  await snap(page, testInfo, 'admin-functions');

  // add, synchronously, with the example payload.
  await functions.getByRole('button', { name: 'add', exact: true }).click();
  await expect(page).toHaveURL('/admin?function=add');
  await expect(page.getByRole('heading', { name: 'add', level: 2 })).toBeFocused();
  const payload = page.getByLabel('Payload (JSON)');
  expect(JSON.parse(await payload.inputValue())).toEqual({ value1: 1, value2: 2 });
  await page.getByRole('button', { name: 'Invoke', exact: true }).click();
  const result = page.getByRole('region', { name: 'Result' });
  await expect(result.getByText('Succeeded (HTTP 200)')).toBeVisible();
  await expect(result.getByTestId('invocation-payload')).toHaveText('3');
  await expect(result.getByTestId('invocation-log-tail')).toContainText('REPORT RequestId:');
  await expect(result.getByText('Billed duration', { exact: true })).toBeVisible();
  await snap(page, testInfo, 'admin-invoke-add');

  // log, asynchronously: no result, but the line shows in the function's log.
  const message = `hello from the e2e test ${randomUUID()}`;
  await functions.getByRole('button', { name: 'log', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'log', level: 2 })).toBeVisible();
  await payload.fill(JSON.stringify({ message }));
  await expect(page.getByText('Valid JSON.')).toBeVisible();
  await page.getByRole('radio', { name: /^Asynchronous \(Event\)/ }).check();
  await page.getByRole('button', { name: 'Invoke', exact: true }).click();
  await expect(result.getByText('Accepted for asynchronous invocation (HTTP 202)')).toBeVisible();
  await page.getByRole('checkbox', { name: /^Live tail/ }).check();
  await expect(page.getByRole('log', { name: 'Log of log' })).toContainText(message, { timeout: 30_000 });
  await snap(page, testInfo, 'admin-log-viewer');

  const history = page.getByRole('region', { name: 'Invocations in this session' });
  await expect(history).toContainText('add');
  await expect(history).toContainText('log');
});

test('a non-admin cannot reach the panel, and a direct call with their credentials is refused', async ({
  stack,
  browser,
}, testInfo) => {
  const person = await registerPerson(stack, 'dee');
  const page = await openApp(browser, stack);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await signIn(page, person);

  await expect(nav(page).getByRole('link')).toHaveText([
    'Feed',
    'Explore',
    'Upload',
    'Friends',
    person.username,
    'Password',
  ]);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'No access' })).toBeVisible();
  await expect(page.getByText('The admin panel is for administrators only.')).toBeVisible();
  await snap(page, testInfo, 'admin-no-access');
  // The panel's code is its own chunk, never downloaded by someone who may not use it.
  expect(scripts.filter((script) => /admin/.test(script))).toEqual([]);
  expect(scripts.length).toBeGreaterThan(0);

  // The app hides the panel; IAM is what refuses: the same credentials, straight to Lambda.
  const caller = Caller.signedIn(stack, await storedSession(page));
  try {
    await expect(caller.invoke('add', { value1: 1, value2: 2 })).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(caller.lambda.send(new ListFunctionsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    // While the functions the app calls for them still answer.
    await expect(caller.call('getMe', {})).resolves.toMatchObject({ username: person.username });
  } finally {
    caller.destroy();
    await page.context().close();
  }
});
