import { defineConfig } from '@playwright/test';

// Playwright cannot download its own browser here (no internet): it drives Debian's Chromium,
// which the test script installs when it is missing (see scripts/ensure-chromium.sh).
export default defineConfig({
  testDir: 'tests',
  workers: 1,
  timeout: 60_000,
  // How long a locator waits for the page (not a measure of speed): on a busy 2-core machine the
  // first ListFunctions or feed page can take longer than Playwright's default 5 s.
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
