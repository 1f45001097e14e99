import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS_DIR, CHROMIUM_PATH } from './environment.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** Every request the pages made to anywhere but the Kartoteka server (must stay empty). */
  foreignRequests: string[];
  /** Uncaught exceptions and console errors such as CSP refusals (must stay empty). */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Chromium with a fresh profile; requests leaving the server under test are blocked and recorded. */
export async function launchBrowser(baseUrl: string): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'kartoteka-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'ru-RU',
    viewport: { width: 1280, height: 860 },
  });
  const foreignRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${baseUrl}/`) || url.startsWith('data:')) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const pageErrors: string[] = [];
  context.on('page', (page) => {
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      // Chromium logs every 4xx answer as "Failed to load resource"; 401 from /api/auth/me is how a
      // signed-out visit starts, and the tests provoke others on purpose.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        pageErrors.push(`${page.url()}: ${message.text()}`);
      }
    });
  });
  return {
    context,
    foreignRequests,
    pageErrors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}
