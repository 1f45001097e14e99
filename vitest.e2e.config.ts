import { defineConfig } from 'vitest/config';

// Browser tests: playwright-core drives the Debian Chromium against a real server started by the
// global setup. One worker, because the tests share that server and one browser profile.
export default defineConfig({
  test: {
    include: ['client/e2e/**/*.e2e.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['client/e2e/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    reporters: ['default'],
  },
});
