import { defineConfig } from 'vitest/config';

// `npm test`: the libraries and the server (Node), plus the client's own unit tests (client/vitest.config.ts).
// Browser tests live in vitest.e2e.config.ts so that `npm test` never needs Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['{server,archive,ocr,signature,search,migrations,bench,scripts}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      'client/vitest.config.ts',
    ],
  },
});
