import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
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
