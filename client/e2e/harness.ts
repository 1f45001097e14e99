import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from './browser.ts';

export interface Harness {
  readonly browser: Browser;
  readonly page: Page;
  readonly baseUrl: string;
  readonly demoPassword: string;
}

/**
 * One Chromium and one tab per test file, against the server of the global setup. Every test starts
 * signed out, so a failing test does not leave the next one on the wrong screen.
 */
export function useBrowser(): Harness {
  const server = inject('e2eServer');
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    if (!server) throw new Error('global setup provided no server although Chromium is present');
    browser = await launchBrowser(server.baseUrl);
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await browser?.context.clearCookies();
  });

  const ready = <T>(value: T | undefined | null): T => {
    if (value === undefined || value === null || !server) throw new Error('the browser harness is not running');
    return value;
  };
  return {
    get browser() {
      return ready(browser);
    },
    get page() {
      return ready(page);
    },
    get baseUrl() {
      return ready(server).baseUrl;
    },
    get demoPassword() {
      return ready(server).demoPassword;
    },
  };
}
