import { defineConfig } from '@playwright/test';

// Playwright cannot download its own browser here (no internet): it drives Debian's Chromium.
export default defineConfig({
  testDir: 'tests',
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
