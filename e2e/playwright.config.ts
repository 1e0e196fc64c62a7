import { defineConfig } from '@playwright/test';

// Playwright cannot download its own browser here (no internet): it drives Debian's Chromium,
// which the test script installs when it is missing (see scripts/ensure-chromium.sh).
export default defineConfig({
  testDir: 'tests',
  workers: 1,
  timeout: 60_000,
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
