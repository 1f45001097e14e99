import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-artifacts/e2e/', import.meta.url));
export const CLIENT_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export const SKIP_MESSAGE = `[e2e] skipped: ${CHROMIUM_PATH} not found (Debian package "chromium"; apt-get install -y chromium)`;

export interface E2eServer {
  baseUrl: string;
  demoPassword: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** null when the browser tests are skipped (no Chromium). */
    e2eServer: E2eServer | null;
  }
}
