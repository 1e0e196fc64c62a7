import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // A hook that starts a local cloud: startCloud's own limit (5 minutes, for a busy machine) comes first.
    hookTimeout: 330_000,
  },
});
