import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The publisher against the product's stack on a local cloud (@lambdagram/infra/testing).
          name: 'publish',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
          // Start-up on a busy machine: startCloud's own limit (5 minutes) says what went wrong first.
          hookTimeout: 330_000,
        },
      },
    ],
  },
});
