import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { ru } from '../src/i18n/ru.ts';
import { extractText } from '../../server/files/extractText.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { apiSession } from './apiSession.ts';
import { saveScreenshot } from './browser.ts';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { signIn, signOut } from './loginPage.ts';

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const SUMMARY = 'О графике отпусков работников администрации';
const ABSENT = 'Кузнецова Ольга Викторовна';
const DEPUTY = 'Белова Наталья Андреевна';
const LETTER = 'О замещении на время болезни';

/** A calendar day of the server's organisation (Europe/Moscow unless KARTOTEKA_TIME_ZONE says otherwise), shifted by n days. */
function orgDay(n: number): string {
  const zone = process.env.KARTOTEKA_TIME_ZONE || 'Europe/Moscow';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + n);
  return day.toISOString().slice(0, 10);
}

describe.skipIf(!available)('absences: the executor is on sick leave, her deputy gives the visa «за» her', () => {
  const harness = useBrowser();
  let page: Page;

  beforeEach(() => {
    page = harness.page;
  });

  afterAll(async () => {
    // The suite shares one server: the absence begun today is cancelled, so later files see the archivist's own inbox.
    const executor = await apiSession(harness.baseUrl, 'executor', harness.demoPassword);
    for (const absence of (await executor.get<{ items: { id: string; version: number }[] }>('/api/absences')).items) {
      await executor.request('POST', `/api/absences/${absence.id}/cancel`, {}, { 'If-Match': `"v${absence.version}"` });
    }
    expect(harness.browser.foreignRequests).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  });

  test('record the absence by keyboard, see the work in the deputy’s inbox, give the visa, read it on the sheet', async () => {
    // 1. The executor records her sick leave with the archivist as deputy, from the keyboard.
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'executor', harness.demoPassword);
    await page.getByTestId('nav-absences').click();
    await page.getByTestId('absences-page').waitFor();
    await page.getByTestId('absence-from').fill(orgDay(0));
    await page.getByTestId('absence-to').fill(orgDay(4));
    await page.getByTestId('absence-reason').selectOption('sick_leave');
    const picker = page.locator('#abs-deputy');
    await picker.fill('Белова');
    await page.locator('#abs-deputy-list').getByRole('option', { name: new RegExp(DEPUTY.split(' ').slice(0, 2).join(' ')) }).waitFor();
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await page.getByTestId('absence-save').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('absence-message').waitFor();
    const row = page.getByTestId('absence-row').first();
    expect(await row.getAttribute('data-status')).toBe('active');
    expect(await row.textContent()).toContain(DEPUTY);
    expect(await row.textContent()).toContain(ru['abs.reason.sick_leave']);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'absences-1-recorded');
    // A second period over the same days is refused, with the reason in Russian.
    await page.getByTestId('absence-from').fill(orgDay(2));
    await page.getByTestId('absence-to').fill(orgDay(6));
    await picker.fill('Белова');
    await page.locator('#abs-deputy-list').getByRole('option').first().click();
    await page.getByTestId('absence-save').click();
    await page.getByText(/Отсутствие на эти даты уже внесено/).waitFor();
    await signOut(page);

    // 2. Meanwhile a draft is routed to her.
    const clerk = await apiSession(harness.baseUrl, 'clerk', harness.demoPassword);
    const card = await clerk.post<{ id: string }>('/api/cards', { kind: 'draft', summary: SUMMARY });
    const [executor] = (await clerk.get<{ items: { id: string }[] }>(`/api/staff?q=${encodeURIComponent('Кузнецова')}`)).items;
    const route = await clerk.post<{ id: string; version: number }>(`/api/cards/${card.id}/approvals`, { stages: [{ approverStaffIds: [executor?.id] }] });
    await clerk.request('POST', `/api/approval-routes/${route.id}/start`, {}, { 'If-Match': `"v${route.version}"` });
    // …and a letter's assignment.
    const letter = await clerk.post<{ id: string }>('/api/cards', { kind: 'incoming', register: true, summary: LETTER });
    const manager = await apiSession(harness.baseUrl, 'manager', harness.demoPassword);
    await manager.post(`/api/cards/${letter.id}/resolutions`, { text: 'Подготовить ответ', assignments: [{ executorStaffId: executor?.id }] });

    // 3. The deputy finds it under «На согласовании», marked «за» the executor, and approves on her behalf.
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'archivist', harness.demoPassword);
    // Her assignment is in the deputy's «Поручения», marked too; a deputy may report it, not hand it down.
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('inbox-page').waitFor();
    const task = page.getByTestId('inbox-item').filter({ hasText: LETTER });
    expect(await task.getByTestId('inbox-for').textContent()).toBe(ru['abs.for'].replace('{name}', ABSENT));
    expect(await task.getByTestId('act-sub').count()).toBe(0);
    await task.getByTestId('act-report').waitFor();
    await page.getByTestId('nav-approvals').click();
    await page.getByTestId('approvals-page').waitFor();
    const item = page.getByTestId('approvals-item').filter({ hasText: SUMMARY });
    expect(await item.getByTestId('approvals-for').textContent()).toBe(ru['abs.for'].replace('{name}', ABSENT));
    await saveScreenshot(page, 'absences-2-deputy-inbox');
    await item.getByRole('link').click();
    const block = page.locator(`[data-testid="approval-decide"][data-for="${executor?.id}"]`);
    await block.waitFor();
    expect(await block.getByRole('heading').textContent()).toBe(ru['abs.visaFor'].replace('{name}', ABSENT));
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await block.getByTestId('approval-approve').click();
    await expect.poll(() => page.getByTestId('approval-round').getAttribute('data-status')).toBe('approved');
    expect(await page.getByTestId('approval-visa-name').first().textContent()).toBe(`${DEPUTY} за ${ABSENT}`);
    // The card's history says whom the visa was given for.
    await expect.poll(() => page.getByTestId('card-history').textContent()).toContain(`${ru['history.approvalDecided']} (${ru['abs.for'].replace('{name}', ABSENT)})`);
    await saveScreenshot(page, 'absences-3-visa-for');

    // 4. The approval sheet names both.
    const bytes = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'same-origin' });
      return [...new Uint8Array(await r.arrayBuffer())];
    }, `/api/cards/${card.id}/approval-sheet.pdf`);
    const text = (await extractText(new Uint8Array(bytes), 'application/pdf')).text.replace(/\s+/g, ' ');
    expect(text).toContain(`${DEPUTY} за ${ABSENT.split(' ').slice(0, 2).join(' ')}`);
    await signOut(page);
  });

  test('an administrator records and cancels a colleague’s planned absence from the users page', async () => {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'admin', harness.demoPassword);
    const users = page.getByTestId('admin-users');
    await users.getByRole('button', { name: ru['abs.adminTitle'].replace('{name}', 'Сергеев Алексей Николаевич') }).click();
    const panel = page.getByTestId('admin-user-absences');
    await panel.waitFor();
    await panel.getByTestId('absence-from').fill(orgDay(20));
    await panel.getByTestId('absence-to').fill(orgDay(30));
    await panel.getByTestId('absence-reason').selectOption('business_trip');
    const picker = panel.locator('#admin-abs-deputy');
    await picker.fill('Павлов');
    await panel.locator('#admin-abs-deputy-list').getByRole('option', { name: /Павлов Игорь/ }).click();
    await panel.getByTestId('absence-save').click();
    const row = panel.getByTestId('absence-row').first();
    await expect.poll(() => row.getAttribute('data-status')).toBe('planned');
    expect(await row.textContent()).toContain(ru['abs.reason.business_trip']);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'absences-4-admin');
    await row.getByTestId('absence-cancel').click();
    await panel.getByTestId('absence-none').waitFor();
    await signOut(page);
  });
});
