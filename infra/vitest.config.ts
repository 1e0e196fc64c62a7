import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A test drives real processes (functions, DynamoDB Local): on a busy 2-core machine some take a minute.
    testTimeout: 120_000,
    // A hook that starts a local cloud: startCloud's own limit (5 minutes, for a busy machine) comes first.
    hookTimeout: 330_000,
  },
});
