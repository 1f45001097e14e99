import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { ru } from '../src/i18n/ru.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { apiSession } from './apiSession.ts';
import { saveScreenshot } from './browser.ts';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { signIn, signOut } from './loginPage.ts';

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const SUMMARY = 'Об утверждении правил содержания домашних животных';
const WITHDRAWN_SUMMARY = 'О порядке сноса аварийных строений';

describe.skipIf(!available)('approval: a lawyer routes a draft regulation, two stages decide, the sheet downloads', () => {
  const harness = useBrowser();
  let page: Page;
  let cardId = '';
  let withdrawnCardId = '';
  const password = () => harness.demoPassword;

  beforeAll(async () => {
    const clerk = await apiSession(harness.baseUrl, 'clerk', harness.demoPassword);
    cardId = (await clerk.post<{ id: string }>('/api/cards', { kind: 'draft', summary: SUMMARY })).id;
    withdrawnCardId = (await clerk.post<{ id: string }>('/api/cards', { kind: 'draft', summary: WITHDRAWN_SUMMARY })).id;
  });

  beforeEach(() => {
    page = harness.page;
  });

  afterAll(() => {
    expect(harness.browser.foreignRequests).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  });

  async function openCard(login: string, id = cardId) {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, login, password());
    await page.getByTestId('nav-sessions').waitFor();
    await page.goto(`${harness.baseUrl}/#/cards/${id}`);
    await page.getByTestId('approval-section').waitFor();
  }

  async function openFromApprovalInbox(login: string) {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, login, password());
    await page.getByTestId('badge-approvals').waitFor();
    await page.getByTestId('nav-approvals').click();
    await page.getByTestId('approvals-page').waitFor();
    const item = page.getByTestId('approvals-item').filter({ hasText: SUMMARY });
    await item.getByRole('link').click();
    await page.getByTestId('approval-decide').waitFor();
  }

  test('build, start, decide in the browser, download the approval sheet', async () => {
    // 1. The lawyer builds two stages: the executor, then the head with a three-working-day deadline.
    await openCard('lawyer');
    await page.getByTestId('approval-build').click();
    const editor = page.getByTestId('approval-editor');
    // The picker searches on the server; the keyboard takes the first answer.
    const first = page.locator('#apr-stage-1-approver');
    await first.fill('Кузнец');
    await page.locator('#apr-stage-1-approver-list').getByRole('option', { name: /Кузнецова Ольга/ }).waitFor();
    await first.press('ArrowDown');
    await first.press('Enter');
    await page.getByTestId('approval-stage-1').getByTestId('approval-approver').filter({ hasText: 'Кузнецова Ольга Викторовна' }).waitFor();
    await editor.getByTestId('approval-add-stage').click();
    await page.locator('#apr-stage-2-approver').fill('Сергеев');
    await page.locator('#apr-stage-2-approver-list').getByRole('option', { name: /Сергеев Алексей/ }).click();
    await page.getByTestId('approval-stage-2').getByLabel(ru['apr.editor.deadline']).fill('3');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'approvals-1-route-editor');
    await editor.getByTestId('approval-save').click();
    await page.getByTestId('approval-start').click();
    await expect.poll(() => page.getByTestId('approval-round').getAttribute('data-status')).toBe('in_progress');
    await expect.poll(() => page.getByTestId('approval-stage').first().getAttribute('data-status')).toBe('active');
    await signOut(page);

    // 2. The executor finds it under «На согласовании» and approves with remarks (remarks are required).
    await openFromApprovalInbox('executor');
    await page.getByTestId('approval-remarks').click();
    await page.getByText(ru['apr.decide.commentRequired']).waitFor();
    await page.getByLabel(ru['apr.decide.comment']).fill('Уточнить размер штрафов в пункте 5');
    await page.getByTestId('approval-remarks').click();
    await page.getByTestId('approval-message').waitFor();
    await expect.poll(() => page.getByTestId('approval-stage').nth(1).getAttribute('data-status')).toBe('active');
    await signOut(page);

    // 3. The head approves; the round ends approved and the sheet becomes a file of the card.
    await openFromApprovalInbox('manager');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByTestId('approval-approve').click();
    await expect.poll(() => page.getByTestId('approval-round').getAttribute('data-status')).toBe('approved');
    await page.getByTestId('card-file').filter({ hasText: 'Лист согласования' }).waitFor();
    const visas = await page.getByTestId('approval-visa').allTextContents();
    expect(visas.join(' | ')).toContain('Уточнить размер штрафов в пункте 5');
    await saveScreenshot(page, 'approvals-2-approved');

    const href = await page.getByTestId('approval-sheet').getAttribute('href');
    const sheet = await page.evaluate(async (url) => {
      const r = await fetch(url, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await r.arrayBuffer());
      return { status: r.status, type: r.headers.get('content-type') ?? '', disposition: r.headers.get('content-disposition') ?? '', magic: String.fromCharCode(...bytes.slice(0, 5)) };
    }, href ?? '');
    expect(sheet.status).toBe(200);
    expect(sheet.type).toBe('application/pdf');
    expect(sheet.disposition).toMatch(/^attachment;/);
    expect(sheet.magic).toBe('%PDF-');
    await signOut(page);
  });

  test('the initiator withdraws a started route with a reason, and may start a new round', async () => {
    await openCard('lawyer', withdrawnCardId);
    await page.getByTestId('approval-build').click();
    await page.locator('#apr-stage-1-approver').fill('Сергеев');
    await page.locator('#apr-stage-1-approver-list').getByRole('option', { name: /Сергеев Алексей/ }).click();
    await page.getByTestId('approval-save').click();
    await page.getByTestId('approval-start').click();
    await expect.poll(() => page.getByTestId('approval-round').getAttribute('data-status')).toBe('in_progress');
    await page.getByTestId('approval-withdraw').click();
    await page.getByLabel(ru['apr.withdrawReason']).fill('Проект возвращён разработчику');
    await page.getByRole('button', { name: ru['apr.withdrawConfirm'], exact: true }).click();
    await expect.poll(() => page.getByTestId('approval-round').getAttribute('data-status')).toBe('withdrawn');
    await page.getByText('Проект возвращён разработчику', { exact: false }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await page.getByTestId('approval-new-round').click();
    await page.getByTestId('approval-editor').waitFor();
    expect(await page.getByTestId('approval-stage-1').getByTestId('approval-approver').textContent()).toContain('Сергеев Алексей Николаевич');
    await signOut(page);
  });
});
