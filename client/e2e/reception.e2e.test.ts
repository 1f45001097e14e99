import { readFile } from 'node:fs/promises';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { ru } from '../src/i18n/ru.ts';
import { receiptFileName } from '../src/lib/receptionForm.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { saveScreenshot } from './browser.ts';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { letterPdf } from './letterPdf.ts';
import { signIn, signOut } from './loginPage.ts';

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const SLUG = 'zarechny-e2e';
const TEXT = 'Прошу восстановить уличное освещение во дворе дома № 5 по улице Лесной: фонари не горят с октября, вечером во дворе темно.';

describe.skipIf(!available)('internet reception: a citizen sends an appeal, gets the receipt and checks the status; the clerk finds the card', () => {
  const harness = useBrowser();
  let page: Page;
  let number = '';
  let code = '';

  beforeEach(() => {
    page = harness.page;
  });

  afterAll(() => {
    expect(harness.browser.foreignRequests).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  });

  test('the administrator opens the reception in the admin screen', async () => {
    await page.goto(`${harness.baseUrl}/#/admin`);
    await signIn(page, 'admin', harness.demoPassword);
    const section = page.getByTestId('admin-reception-settings');
    await section.getByLabel(ru['rcp.admin.slug'], { exact: true }).waitFor();
    await section.getByLabel(ru['rcp.admin.enabled'], { exact: true }).check();
    await section.getByLabel(ru['rcp.admin.slug'], { exact: true }).fill(SLUG);
    await section.getByLabel(ru['rcp.admin.journal'], { exact: true }).selectOption({ label: 'Обращения граждан' });
    await section.getByTestId('reception-settings-save').click();
    await section.getByText(ru['rcp.admin.saved']).waitFor();
    expect(await section.getByTestId('reception-address').textContent()).toBe(`${harness.baseUrl}/#/reception/${SLUG}`);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await signOut(page);
  });

  test('the citizen, without an account: form with its checks, confirmation, receipt, status', async () => {
    await page.goto(`${harness.baseUrl}/#/reception/${SLUG}`);
    await page.getByTestId('reception-form').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reception-title');
    expect(await page.getByText('Администрация городского округа Заречный').first().isVisible()).toBe(true);
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Sending the empty form names what is missing and puts the cursor into the first field to fix.
    await page.getByTestId('reception-submit').click();
    await page.getByTestId('reception-problems').waitFor();
    expect(await page.locator('#rcp-lastName-error').textContent()).toBe(ru['rcp.err.lastName']);
    expect(await page.locator('#rcp-consent-error').textContent()).toBe(ru['rcp.err.consent']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rcp-lastName');
    expect(await page.locator('#rcp-lastName').getAttribute('aria-invalid')).toBe('true');
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // Filled in with the keyboard, the way a user finds the fields: by their labels.
    await page.getByLabel(ru['rcp.lastName'], { exact: true }).fill('Соколова');
    await page.getByLabel(ru['rcp.firstName'], { exact: true }).fill('Анна');
    await page.getByLabel(ru['rcp.middleName'], { exact: true }).fill('Игоревна');
    await page.getByLabel(ru['rcp.email'], { exact: true }).fill('sokolova@example.ru');
    await page.getByLabel(ru['rcp.appealType'], { exact: true }).selectOption('жалоба');
    await page.getByLabel(ru['rcp.text'], { exact: true }).fill(TEXT);
    const photo = Buffer.from(await letterPdf(['Схема двора', 'улица Лесная, дом 5']));
    await page.locator('#rcp-files').setInputFiles({ name: 'схема двора.pdf', mimeType: 'application/pdf', buffer: photo });
    await page.getByRole('list', { name: ru['rcp.chosenFiles'] }).getByText('схема двора.pdf').waitFor();
    await page.locator('#rcp-consent').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('#rcp-consent').isChecked()).toBe(true);
    // Enter in a text field sends the form.
    await page.getByLabel(ru['rcp.phone'], { exact: true }).press('Enter');

    const done = page.getByTestId('reception-done');
    await done.waitFor({ timeout: 30_000 });
    number = (await page.getByTestId('reception-number').textContent()) ?? '';
    code = (await page.getByTestId('reception-code').textContent()) ?? '';
    expect(number).toMatch(/^ОГ-\d+\/\d{4}$/);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await page.getByTestId('reception-deadline').textContent()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rcp-done');
    await saveScreenshot(page, 'reception-1-done');
    expect(await findAccessibilityViolations(page)).toEqual([]);

    // The receipt downloads as a PDF named after the number.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reception-download').click()]);
    expect(download.suggestedFilename()).toBe(receiptFileName(number));
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The status page: a wrong code says «not found», the right one shows the state and nothing else.
    await page.getByRole('link', { name: ru['rcp.checkStatus'] }).click();
    await page.getByTestId('reception-status-form').waitFor();
    await page.getByLabel(ru['rcp.status.number'], { exact: true }).fill(number);
    const codeField = page.getByLabel(ru['rcp.status.code'], { exact: true });
    await codeField.fill('AAAA-BBBB-CCCC');
    await codeField.press('Enter');
    await page.getByTestId('reception-status-error').waitFor();
    expect(await page.getByTestId('reception-status-error').textContent()).toContain('Обращение с таким номером и кодом проверки не найдено');
    await codeField.fill(code.toLowerCase());
    await codeField.press('Enter');
    await page.getByTestId('reception-status-result').waitFor();
    expect(await page.getByTestId('reception-status-state').textContent()).toBe(ru['rcp.state.registered']);
    await saveScreenshot(page, 'reception-2-status');
    expect(await findAccessibilityViolations(page)).toEqual([]);
  });

  test('the clerk finds the registered appeal with its files and the receipt', async () => {
    expect(number).not.toBe('');
    await page.goto(`${harness.baseUrl}/#/`);
    await signIn(page, 'clerk', harness.demoPassword);
    await page.getByTestId('home-clerk').waitFor();
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-page').waitFor();
    const hit = page.getByTestId('search-hit').filter({ hasText: number });
    const query = page.locator('#search-q');
    // The search entry is written by a background job after the registration.
    await expect
      .poll(
        async () => {
          await query.fill('освещение');
          await query.press('Enter');
          await page.waitForTimeout(700);
          return hit.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBeGreaterThan(0);
    expect(await hit.textContent()).toContain('Соколова Анна Игоревна');
    await hit.getByRole('link', { name: number }).click();
    await page.getByTestId('card-receipt').waitFor();
    const files = page.getByTestId('card-file');
    await expect.poll(() => files.count()).toBe(3);
    expect(await files.nth(0).textContent()).toContain('Обращение Соколова Анна Игоревна.pdf');
    expect(await files.nth(1).textContent()).toContain('схема двора.pdf');
    expect(await files.nth(2).textContent()).toContain(receiptFileName(number));
    // The history names the reception, not a user, for the registration and the receipt.
    await expect.poll(() => page.getByRole('cell', { name: ru['history.actorReception'] }).count()).toBe(2);
    await page.getByRole('cell', { name: ru['history.receiptIssued'] }).waitFor();
    const href = await page.getByTestId('card-receipt').getAttribute('href');
    const receipt = await page.context().request.get(`${harness.baseUrl}${href ?? ''}`);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toMatch(/^application\/pdf/);
    // The clerk hands over a new code (the citizen lost theirs): a new receipt downloads and replaces the old one.
    const [issued] = await Promise.all([page.waitForEvent('download'), page.getByTestId('card-issue-code').click()]);
    expect(issued.suggestedFilename()).toBe(receiptFileName(number));
    expect((await readFile(await issued.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByRole('cell', { name: ru['history.statusCodeIssued'] }).waitFor();
    await expect.poll(() => files.count()).toBe(3);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'reception-3-card');
  });
});
