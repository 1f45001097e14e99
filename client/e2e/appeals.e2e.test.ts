import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { ru } from '../src/i18n/ru.ts';
import { findAccessibilityViolations } from './accessibility.ts';
import { apiSession } from './apiSession.ts';
import { saveScreenshot } from './browser.ts';
import { chromiumAvailable, SKIP_MESSAGE } from './environment.ts';
import { useBrowser } from './harness.ts';
import { signIn } from './loginPage.ts';

const available = chromiumAvailable();
if (!available) console.warn(SKIP_MESSAGE);

const BODY = 'Министерство жилищно-коммунального хозяйства Заречной области (e2e)';

describe.skipIf(!available)('citizens’ appeals (59-FZ) on the card: the head extends the term, the clerk forwards one and records the result of another', () => {
  const harness = useBrowser();
  let page: Page;
  let extendedId = '';
  let forwardedId = '';

  beforeAll(async () => {
    const clerk = await apiSession(harness.baseUrl, 'clerk', harness.demoPassword);
    const journals = await clerk.get<{ items: { id: string; kind: string }[] }>('/api/journals');
    const journalId = journals.items.find((j) => j.kind === 'appeal')?.id;
    await clerk.post('/api/correspondents', { type: 'government', name: BODY });
    const citizen = await clerk.post<{ id: string }>('/api/correspondents', { type: 'citizen', name: 'Белова Мария Петровна' });
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const appeal = (summary: string) =>
      clerk.post<{ id: string }>('/api/cards', { kind: 'appeal', journalId, summary, correspondentId: citizen.id, deadline, fields: { citizenEmail: 'belova@example.ru', form: 'письменное' }, register: true });
    extendedId = (await appeal('О перерасчёте платы за отопление')).id;
    forwardedId = (await appeal('О ремонте региональной автодороги')).id;
  });

  beforeEach(() => {
    page = harness.page;
  });

  afterAll(() => {
    expect(harness.browser.foreignRequests).toEqual([]);
    expect(harness.browser.pageErrors).toEqual([]);
  });

  async function openCard(login: string, id: string) {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, login, harness.demoPassword);
    await page.getByTestId('nav-sessions').waitFor();
    await page.goto(`${harness.baseUrl}/#/cards/${id}`);
    await page.getByTestId('appeal-section').getByRole('heading', { name: ru['apl.title'] }).waitFor();
  }

  test('the head extends the term once with a reason; the notice is among the card’s files', async () => {
    await openCard('manager', extendedId);
    const section = page.getByTestId('appeal-section');
    await section.getByRole('button', { name: ru['apl.extend'] }).click();
    const dialog = page.getByTestId('dialog-appeal-extend');
    // The new date is offered at the 30 days' end; the reason is typed from the keyboard.
    expect(await dialog.getByLabel(ru['apl.newDeadline']).inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dialog.getByLabel(ru['apl.reason']).fill('Направлен запрос в ресурсоснабжающую организацию');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'appeals-1-extend');
    await dialog.getByTestId('appeal-extend-submit').click();
    await section.getByTestId('appeal-extension').waitFor();
    expect(await section.getByTestId('appeal-extension').textContent()).toContain('Направлен запрос в ресурсоснабжающую организацию');
    expect(await section.getByRole('button', { name: ru['apl.extend'] }).count()).toBe(0);
    await page.getByTestId('card-file').filter({ hasText: 'Уведомление о продлении срока' }).filter({ hasText: ru['fileRole.appeal_notice'] }).waitFor();
    await page.getByRole('cell', { name: ru['history.appealExtended'] }).waitFor();
    const href = await section.getByRole('link', { name: ru['apl.notice'] }).getAttribute('href');
    const notice = await page.context().request.get(`${harness.baseUrl}${href ?? ''}`);
    expect(notice.status()).toBe(200);
    expect((await notice.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  test('the clerk records the result: left unanswered needs its ground of art. 11', async () => {
    await openCard('clerk', extendedId);
    const section = page.getByTestId('appeal-section');
    await section.getByRole('button', { name: ru['apl.decide'] }).click();
    const dialog = page.getByTestId('dialog-appeal-result');
    await dialog.getByLabel(ru['apl.res.left_unanswered']).check();
    expect(await dialog.getByTestId('appeal-result-submit').isDisabled()).toBe(true);
    await dialog.getByLabel(ru['apl.ground']).selectOption('offensive');
    await dialog.getByLabel(ru['apl.comment']).fill('Угрозы в адрес должностного лица');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await dialog.getByTestId('appeal-result-submit').click();
    await section.getByTestId('appeal-result').waitFor();
    expect(await section.getByTestId('appeal-result').textContent()).toContain(ru['apl.res.left_unanswered']);
    await section.getByText('ч. 3 ст. 11').waitFor();
    expect(await section.getByRole('button', { name: ru['apl.decide'] }).count()).toBe(0);
  });

  test('the head corrects the result with a reason; the earlier one stays on the card', async () => {
    await openCard('manager', extendedId);
    const section = page.getByTestId('appeal-section');
    await section.getByRole('button', { name: ru['apl.correct'] }).click();
    const dialog = page.getByTestId('dialog-appeal-correct');
    // The dialog starts from the result in force; the reason is required.
    expect(await dialog.getByLabel(ru['apl.res.left_unanswered']).isChecked()).toBe(true);
    await dialog.getByLabel(ru['apl.res.explained']).check();
    expect(await dialog.getByTestId('appeal-result-submit').isDisabled()).toBe(true);
    await dialog.getByLabel(ru['apl.correctReason']).fill('Угроз в обращении нет: основание выбрано ошибочно');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await dialog.getByTestId('appeal-result-submit').press('Enter');
    await expect.poll(async () => (await section.getByTestId('appeal-result').textContent()) ?? '').toContain(ru['apl.res.explained']);
    const corrections = section.getByTestId('appeal-corrections');
    await corrections.getByText(ru['apl.corrected']).click();
    expect(await corrections.textContent()).toContain('основание выбрано ошибочно');
    expect(await corrections.textContent()).toContain(ru['apl.res.left_unanswered']);
    await page.getByRole('cell', { name: ru['history.appealResultCorrected'] }).waitFor();
  });

  test('the clerk forwards by competence, picking the body with the keyboard from the server’s search', async () => {
    await openCard('clerk', forwardedId);
    const section = page.getByTestId('appeal-section');
    await section.getByRole('button', { name: ru['apl.forward'] }).click();
    const dialog = page.getByTestId('dialog-appeal-forward');
    const target = page.locator('#appeal-forward-target');
    await target.fill('жилищно-коммунального');
    await page.locator('#appeal-forward-target-list').getByRole('option', { name: new RegExp(BODY.slice(0, 20)) }).waitFor();
    await target.press('ArrowDown');
    await target.press('Enter');
    await dialog.getByLabel(ru['apl.outNumber']).fill('01-15/321');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'appeals-2-forward');
    await dialog.getByTestId('appeal-forward-submit').click();
    await section.getByTestId('appeal-forwarding').waitFor();
    const text = (await section.getByTestId('appeal-forwarding').textContent()) ?? '';
    expect(text).toContain(BODY);
    expect(text).toContain('01-15/321');
    expect(await section.getByTestId('appeal-result').textContent()).toContain(ru['apl.res.forwarded']);
    await expect.poll(() => page.getByTestId('card-status').getAttribute('data-status')).toBe('executed');
    await page.getByTestId('card-file').filter({ hasText: 'Уведомление о переадресации' }).waitFor();
    await page.getByRole('cell', { name: ru['history.appealForwarded'] }).waitFor();
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'appeals-3-forwarded');
  });

  test('the head reads the appeals report for the year: extended and forwarded are counted', async () => {
    await page.goto(`${harness.baseUrl}/`);
    await signIn(page, 'manager', harness.demoPassword);
    await page.getByTestId('nav-sessions').waitFor();
    await page.goto(`${harness.baseUrl}/#/reports`);
    const report = page.getByTestId('appeals-report');
    await report.getByRole('heading', { name: ru['aplr.title'] }).waitFor();
    const count = (name: string) => report.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell');
    await expect.poll(async () => Number(await count(ru['aplr.extended']).textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await count(ru['aplr.forwarded']).textContent())).toBeGreaterThanOrEqual(1);
    expect(await findAccessibilityViolations(page)).toEqual([]);
    const href = await report.getByRole('link', { name: ru['aplr.xlsx'] }).getAttribute('href');
    const file = await page.context().request.get(`${harness.baseUrl}${href ?? ''}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');
    expect((await file.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  test('the citizen’s status page names the body the appeal was forwarded to, and nothing private', async () => {
    // The reception of the demo organisation, as the reception spec sets it up (whichever file runs first).
    const admin = await apiSession(harness.baseUrl, 'admin', harness.demoPassword);
    const settings = await admin.get<{ enabled: boolean; version: number; addresseeStaffId: string | null; allowedTypes: string[]; maxFiles: number; maxFileBytes: number }>('/api/org/reception');
    if (!settings.enabled) {
      const journals = await admin.get<{ items: { id: string; kind: string }[] }>('/api/journals');
      const { addresseeStaffId, allowedTypes, maxFiles, maxFileBytes } = settings;
      const journalId = journals.items.find((j) => j.kind === 'appeal')?.id;
      await admin.request('PUT', '/api/org/reception', { enabled: true, slug: 'zarechny-e2e', journalId, addresseeStaffId, allowedTypes, maxFiles, maxFileBytes }, { 'If-Match': `"v${settings.version}"` });
    }
    const slug = (await admin.get<{ slug: string }>('/api/org/reception')).slug;
    const form = new FormData();
    form.append('appeal', JSON.stringify({ lastName: 'Орлова', firstName: 'Нина', email: 'orlova@example.ru', text: 'Прошу отремонтировать региональную дорогу до деревни Луговая.', consent: true }));
    const sent = await fetch(`${harness.baseUrl}/api/public/reception/${slug}/appeals`, { method: 'POST', body: form });
    expect(sent.status).toBe(201);
    const { regNumber, statusCode } = (await sent.json()) as { regNumber: string; statusCode: string };
    const clerk = await apiSession(harness.baseUrl, 'clerk', harness.demoPassword);
    const list = await clerk.get<{ items: { id: string; regNumber: string | null }[] }>('/api/cards?kind=appeal&limit=200');
    const cardId = list.items.find((c) => c.regNumber === regNumber)?.id ?? '';
    const card = await clerk.get<{ version: number }>(`/api/cards/${cardId}`);
    const body = (await clerk.get<{ items: { id: string; name: string }[] }>(`/api/correspondents?q=${encodeURIComponent('жилищно-коммунального')}`)).items.find((c) => c.name === BODY);
    await clerk.request('POST', `/api/cards/${cardId}/appeal/forwarding`, { correspondentId: body?.id, outNumber: '01-15/999' }, { 'If-Match': `"v${card.version}"` });

    await page.goto(`${harness.baseUrl}/#/reception/${slug}/status`);
    await page.getByTestId('reception-status-form').waitFor();
    await page.getByLabel(ru['rcp.status.number'], { exact: true }).fill(regNumber);
    const code = page.getByLabel(ru['rcp.status.code'], { exact: true });
    await code.fill(statusCode);
    await code.press('Enter');
    await page.getByTestId('reception-status-result').waitFor();
    expect(await page.getByTestId('reception-status-state').textContent()).toBe(ru['rcp.state.forwarded']);
    const forwarded = (await page.getByTestId('reception-status-forwarded').textContent()) ?? '';
    expect(forwarded).toContain(BODY);
    expect(forwarded).not.toContain('01-15/999');
    expect(await findAccessibilityViolations(page)).toEqual([]);
    await saveScreenshot(page, 'appeals-4-citizen-status');
  });
});
