import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ru } from '../src/i18n/ru.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { apiSession } from './apiSession.ts';
import { saveScreenshot } from './browser.ts';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { signIn } from './loginPage.ts';

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const SUMMARY = 'Письмо о благоустройстве сквера на ул. Садовой';

describe.skipIf(!available)('archive packages: «В архив» on a filed card → package built → verified in the viewer', () => {
  const harness = useBrowser();
  let cardId = '';

  beforeAll(async () => {
    const clerk = await apiSession(harness.baseUrl, 'clerk', harness.demoPassword);
    cardId = (await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: SUMMARY })).id;
  });

  afterAll(() => {
    expect(harness.browser.foreignRequests).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  });

  test('the archivist archives a filed card, sees the package verified, downloads the ZIP', async () => {
    const page = harness.page;
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'archivist', harness.demoPassword);
    await page.getByTestId('home-archivist').waitFor();

    // The document is filed into a case (the archivist's filing screen is tested elsewhere): same-origin call
    // with the page's session, its CSRF token and the card's version.
    const filed = await page.evaluate(async (id) => {
      const csrf = /(?:^|;\s*)kt_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
      const card = await fetch(`/api/cards/${id}`, { credentials: 'same-origin' });
      const etag = card.headers.get('etag') ?? '';
      const res = await fetch(`/api/cards/${id}/file-in-case`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf), 'if-match': etag },
        body: JSON.stringify({ caseIndex: '01-10' }),
      });
      return res.status;
    }, cardId);
    expect(filed).toBe(200);

    await page.goto(`${harness.baseUrl}/#/cards/${cardId}`);
    await page.getByTestId('card-archive').click();
    await page.getByTestId('package-page').waitFor();
    // The package is built by the server's worker; the viewer refreshes itself until it is packaged.
    await expect.poll(() => page.getByTestId('package-status').textContent(), { timeout: 60_000, interval: 500 }).toContain(ru['pkg.status.packaged']);

    await page.getByTestId('package-verify').click();
    const verification = page.getByTestId('package-verification');
    await verification.waitFor();
    expect(await verification.textContent()).toContain('Пакет действителен');
    expect(await page.getByTestId('package-files').textContent()).toContain('descriptive');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'packages-1-verified');

    const href = await page.getByTestId('package-download').getAttribute('href');
    const zip = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type') ?? '', magic: [bytes[0], bytes[1]] };
    }, href ?? '');
    expect(zip).toEqual({ status: 200, type: 'application/zip', magic: [0x50, 0x4b] });

    // The archived card now leads to its package.
    await page.goto(`${harness.baseUrl}/#/cards/${cardId}`);
    await page.getByTestId('card-package').click();
    await page.getByTestId('package-page').waitFor();

    await page.getByTestId('nav-packages').click();
    await page.getByTestId('packages-page').waitFor();
    await page.getByTestId('packages-table').waitFor();
    expect(await page.getByTestId('packages-table').textContent()).toContain(SUMMARY);

    // Archive search by case index and text: the hit leads to the card and to its package.
    const search = page.getByTestId('archive-search');
    await search.getByLabel(ru['pkg.search.caseIndex'], { exact: true }).fill('01-10');
    await search.getByLabel(ru['pkg.search.text'], { exact: true }).fill('сквера');
    await search.getByLabel(ru['pkg.search.text'], { exact: true }).press('Enter');
    const hits = page.getByTestId('archive-search-hits');
    await hits.waitFor();
    expect(await hits.textContent()).toContain(ru['pkg.openPackage']);
    expect(await hits.locator('mark').first().textContent()).toMatch(/сквер/i);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'packages-2-registry');
  });
});
