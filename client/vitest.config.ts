import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests of the client's plain TypeScript modules (API client, i18n, navigation). They run in
// Node without a DOM; components are covered by the browser tests in e2e/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'client',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
  },
});
