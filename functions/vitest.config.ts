import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A test drives real processes (functions, DynamoDB Local): on a busy 2-core machine some take a minute.
    testTimeout: 120_000,
    // A hook that starts a local cloud: startCloud's own limit (5 minutes, for a busy machine) comes first.
    hookTimeout: 330_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One local cloud running infra/template.yaml serves every integration test file.
          globalSetup: ['test/support/global-stack.ts'],
          setupFiles: ['test/support/use-global-stack.ts'],
        },
      },
    ],
  },
});
